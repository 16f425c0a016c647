from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    banquet_event_order_ids = fields.One2many(
        "banquet.event.order",
        "order_id",
        string="Event Orders",
        groups="hotel_banquet_crm.group_banquet_department",
        copy=False,
    )
    banquet_event_order_count = fields.Integer(
        compute="_compute_banquet_event_order_count", groups="hotel_banquet_crm.group_banquet_user"
    )

    @api.depends("banquet_event_order_ids")
    def _compute_banquet_event_order_count(self):
        for order in self:
            order.banquet_event_order_count = len(order.banquet_event_order_ids)

    def action_banquet_create_event_order(self):
        """Create (or open) the Event Order of a confirmed banquet event, filled from it."""
        self.ensure_one()
        if not self.is_banquet or self.state != "sale":
            raise UserError(
                self.env._(
                    "Order %s is not a confirmed banquet event: confirm it before creating "
                    "its Event Order.",
                    self.name,
                )
            )
        eo = self.banquet_event_order_ids.filtered(lambda e: e.state != "cancel")[:1]
        if not eo:
            eo = self.env["banquet.event.order"].create(
                {"order_id": self.id, "company_id": self.company_id.id}
            )
            eo._generate_content()
        return {
            "type": "ir.actions.act_window",
            "res_model": "banquet.event.order",
            "res_id": eo.id,
            "view_mode": "form",
        }
