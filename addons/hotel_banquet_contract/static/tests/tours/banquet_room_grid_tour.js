import { registry } from "@web/core/registry";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("hotel_banquet_room_grid_tour", {
    steps: () => [
        {
            trigger: ".o_banquet_room_grid .o_banquet_grid_title:contains('Room Grid')",
            content: "The grid has a title",
        },
        {
            trigger: ".o_banquet_grid_legend .o_tag:contains('Definite')",
            content: "A colour legend explains the statuses",
        },
        {
            trigger: ".o_banquet_room_grid .o_banquet_grid_event:contains('Grid Gala')",
            content: "The booking of this week shows on its room",
        },
        {
            trigger: ".o_banquet_room_grid tr:contains('Grid Section') .opacity-50:contains('Grid Gala')",
            content: "The section of the booked combined room shows it as occupied",
        },
        {
            trigger: ".o_banquet_grid_filter_type",
            content: "Only meeting rooms",
            run: "select meeting",
        },
        {
            trigger: ".o_banquet_room_grid:not(:has(th:contains('Grid Hall')))",
            content: "The ballroom is filtered out",
        },
        {
            trigger: ".o_banquet_grid_clear",
            content: "Every room again",
            run: "click",
        },
        {
            trigger: ".o_banquet_grid_filter_pax",
            content: "Rooms for at least 500 guests",
            run() {
                this.anchor.value = "500";
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: ".o_banquet_room_grid:not(:has(th:contains('Grid Hall')))",
            content: "The hall (100 guests) is too small",
        },
        {
            trigger: ".o_banquet_grid_clear",
            content: "Every room again",
            run: "click",
        },
        {
            trigger: ".o_banquet_grid_filter_status",
            content: "Only definite bookings",
            run: "select definite",
        },
        {
            trigger: ".o_banquet_room_grid tr:contains('Grid Hall')",
            content: "The hall is still listed",
        },
        {
            trigger: ".o_banquet_room_grid:not(:has(.o_banquet_grid_event:contains('Grid Gala')))",
            content: "The tentative gala is hidden",
        },
        {
            trigger: ".o_banquet_grid_clear",
            content: "Every status again",
            run: "click",
        },
        {
            trigger: ".o_banquet_room_grid .o_banquet_grid_event:contains('Grid Gala')",
            content: "The gala is back",
        },
        {
            trigger: ".o_banquet_grid_next",
            content: "Next week",
            run: "click",
        },
        {
            trigger: ".o_banquet_room_grid:not(:has(.o_banquet_grid_event:contains('Grid Gala')))",
            content: "Next week is free",
        },
        {
            trigger: ".o_banquet_grid_today",
            content: "Back to this week",
            run: "click",
        },
        {
            trigger: ".o_banquet_grid_event:contains('Grid Gala')",
            content: "The gala is this week",
        },
        {
            trigger: ".o_banquet_grid_jump",
            content: "Jump to a date five weeks ahead",
            run() {
                this.anchor.value = DateTime.local().plus({ weeks: 5 }).toISODate();
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: `.o_banquet_grid_period:contains('${DateTime.local()
                .plus({ weeks: 5 })
                .startOf("week")
                .toFormat("ccc d LLL")}')`,
            content: "The grid shows the week of that date",
        },
        {
            trigger: ".o_banquet_grid_today",
            content: "Back to this week",
            run: "click",
        },
        {
            trigger: ".o_banquet_grid_event:contains('Grid Gala')",
            content: "Open the booking",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=event_name]:contains('Grid Gala')",
            content: "The booking form opens",
        },
    ],
});

registry.category("web_tour.tours").add("hotel_banquet_room_grid_phone_tour", {
    steps: () => [
        {
            trigger: ".o_banquet_room_grid .o_banquet_grid_title:contains('Room Grid')",
            content: "The grid opens on a phone",
        },
        {
            trigger: `.o_banquet_grid_table thead th:nth-child(2):contains('${DateTime.local().toFormat(
                "ccc d LLL"
            )}')`,
            content: "A phone starts with today",
        },
        {
            trigger: ".o_banquet_grid_table thead tr:has(th:nth-child(2)):not(:has(th:nth-child(3)))",
            content: "One day fits a phone",
            run() {
                const table = document.querySelector(".o_banquet_grid_table");
                if (table.getBoundingClientRect().width > window.innerWidth) {
                    throw new Error("The day is wider than the phone");
                }
            },
        },
        {
            trigger: ".o_banquet_grid_table tbody th.o_banquet_grid_room_col:contains('Grid Hall')",
            content: "The room names stay in view while the days scroll",
            run() {
                if (getComputedStyle(this.anchor).position !== "sticky") {
                    throw new Error("The room column is not sticky");
                }
            },
        },
        {
            trigger: ".o_banquet_grid_next",
            content: "Next day",
            run: "click",
        },
        {
            trigger: `.o_banquet_grid_table thead th:nth-child(2):contains('${DateTime.local()
                .plus({ days: 1 })
                .toFormat("ccc d LLL")}')`,
            content: "The grid moved by one day",
        },
    ],
});
