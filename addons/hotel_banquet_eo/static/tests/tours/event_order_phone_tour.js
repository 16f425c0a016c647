/** @odoo-module **/

import { registry } from "@web/core/registry";

function assertInsideViewport(selector) {
    const element = document.querySelector(selector);
    const box = element.getBoundingClientRect();
    if (box.left < 0 || box.right > window.innerWidth) {
        throw new Error(
            `${selector} is cut at ${window.innerWidth}px: ${box.left}-${box.right}`
        );
    }
}

registry.category("web_tour.tours").add("hotel_banquet_eo_phone_acknowledge", {
    url: "/odoo/action-hotel_banquet_eo.banquet_event_order_section_action_my",
    steps: () => [
        {
            content: "The department's Event Order is a card with its Acknowledge button",
            trigger: ".o_kanban_record:contains('李娜与王强婚宴') button[name='action_acknowledge']",
            run() {
                assertInsideViewport(".o_kanban_record button[name='action_acknowledge']");
                assertInsideViewport(".o_kanban_record");
            },
        },
        {
            content: "Acknowledge from the phone",
            trigger: ".o_kanban_record:contains('李娜与王强婚宴') button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "The card says it is acknowledged",
            trigger: ".o_kanban_record:contains('李娜与王强婚宴'):contains('Acknowledged'):not(:has(button[name='action_acknowledge']))",
            run: "click",
        },
        {
            content: "The department's lines are readable on the phone",
            trigger: ".o_form_view .o_field_widget[name='line_ids'] .o_kanban_record:contains('婚宴套餐')",
            run() {
                assertInsideViewport(".o_form_view .o_field_widget[name='line_ids'] .o_kanban_record");
            },
        },
    ],
});
