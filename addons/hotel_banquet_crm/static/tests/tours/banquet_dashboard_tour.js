import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("hotel_banquet_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='hotel_banquet_crm.menu_banquet_root']",
            content: "Open the Banquet app",
            run: "click",
        },
        {
            trigger: ".o_menu_sections [data-menu-xmlid='hotel_banquet_crm.menu_banquet_reporting']",
            content: "Open the Reporting menu",
            run: "click",
        },
        {
            trigger:
                ".o-dropdown--menu [data-menu-xmlid='hotel_banquet_crm.banquet_sales_dashboard_menu']",
            content: "Open the manager dashboard",
            run: "click",
        },
        {
            // A count, whatever the demo data adds to the test's own inquiry.
            trigger: ".o_form_view .o_field_widget[name=inquiry_count] span:contains(/^[1-9][0-9]*$/)",
            content: "The figures show at once",
        },
        {
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
            content: "A saved dashboard, not a new record waiting for Save or Discard",
        },
        {
            trigger: ".o_breadcrumb:not(:contains(New))",
            content: "Not a new record",
        },
    ],
});
