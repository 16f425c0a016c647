import { registry } from "@web/core/registry";

// The contract is printed from the order's Print menu: a report of type reportlab-pdf,
// downloaded as a PDF (without our handler the web client stops with "can't handle
// reports of type reportlab-pdf").
registry.category("web_tour.tours").add("hotel_banquet_print_contract_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id]",
            content: "The banquet order is open",
        },
        {
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            content: "Open the gear menu",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu button:has(.fa-print)",
            content: "Open its Print menu",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_menu_item:contains('Banquet Contract')",
            content: "Print the banquet contract",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_error_dialog)):not(:has(.o_blockUI))",
            content: "Downloaded, no error",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id]",
            content: "Still on the order",
        },
    ],
});
