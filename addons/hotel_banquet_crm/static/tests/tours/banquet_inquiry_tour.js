import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hotel_banquet_inquiry_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='hotel_banquet_crm.menu_banquet_root']",
            content: "Open the Banquet app",
            run: "click",
        },
        {
            trigger: ".o_menu_sections [data-menu-xmlid='hotel_banquet_crm.menu_banquet_sales']",
            content: "Open the Sales menu",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu [data-menu-xmlid='hotel_banquet_crm.crm_lead_menu_banquet']",
            content: "Open the inquiries",
            run: "click",
        },
        {
            trigger: ".o_switch_view.o_list",
            content: "Switch to the list",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            content: "New inquiry",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] textarea",
            content: "Name the inquiry",
            run: "edit Tour gala dinner",
        },
        {
            trigger: ".o_notebook .nav-link:contains('Event')",
            content: "Open the event page",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=expected_pax] input",
            content: "Expected attendance",
            run: "edit 240",
        },
        {
            trigger: ".o_field_widget[name=budget_per_head] input",
            content: "Budget per head",
            run: "edit 500",
        },
        {
            trigger: ".o_form_button_save",
            content: "Save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
            content: "Saved",
        },
    ],
});
