from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.hotel_banquet_crm.controllers.portal_customer import banquet_customer_partner
from odoo.addons.portal.controllers.portal import CustomerPortal

PORTAL_STATES = ("sent", "confirmed", "distributed", "done")


class EventOrderPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "event_order_count" in counters:
            EventOrder = request.env["banquet.event.order"]
            values["event_order_count"] = (
                EventOrder.search_count(self._event_order_domain())
                if EventOrder.has_access("read")
                else 0
            )
        return values

    def _event_order_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "in", PORTAL_STATES),
        ]

    @http.route(["/my/event_orders"], type="http", auth="user", website=True)
    def portal_my_event_orders(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "event_orders": request.env["banquet.event.order"].search(
                    self._event_order_domain()
                ),
                "page_name": "event_orders",
                "default_url": "/my/event_orders",
            }
        )
        return request.render("hotel_banquet_eo.portal_my_event_orders", values)

    @http.route(["/my/event_orders/<int:eo_id>"], type="http", auth="public", website=True)
    def portal_event_order_page(self, eo_id, access_token=None, message=None, **kw):
        try:
            eo_sudo = self._document_check_access("banquet.event.order", eo_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if eo_sudo.state not in PORTAL_STATES:
            return request.redirect("/my")
        values = self._get_page_view_values(
            eo_sudo,
            access_token,
            {"event_order": eo_sudo, "message": message},
            "my_event_orders_history",
            False,
        )
        values["page_name"] = "event_order"
        return request.render("hotel_banquet_eo.portal_event_order_page", values)

    @http.route(
        ["/my/event_orders/<int:eo_id>/confirm"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_event_order_confirm(self, eo_id, access_token=None, name=None, **kw):
        try:
            eo_sudo = self._document_check_access("banquet.event.order", eo_id, access_token)
            # the customer's decision: the customer only (not staff who can read the EO)
            customer = banquet_customer_partner(eo_sudo, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        signer = (name or "").strip()[:200] or customer.name
        try:
            eo_sudo._action_customer_confirm(signer, author=customer)
        except UserError as error:
            return request.redirect(
                eo_sudo.get_portal_url(query_string=f"&message={error.args[0]}")
            )
        return request.redirect(eo_sudo.get_portal_url(query_string="&message=confirmed"))
