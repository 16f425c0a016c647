import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hotel_banquet_room_grid_tour", {
    steps: () => [
        {
            trigger: ".o_banquet_room_grid .o_banquet_grid_event:contains('Grid Gala')",
            content: "The booking of this week shows on its room",
        },
        {
            trigger: ".o_banquet_room_grid tr:contains('Grid Section') .opacity-50:contains('Grid Gala')",
            content: "The section of the booked combined room shows it as occupied",
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
            content: "Open the booking",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=event_name]:contains('Grid Gala')",
            content: "The booking form opens",
        },
    ],
});
