from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    banquet_event_order_count = fields.Integer(
        compute="_compute_banquet_event_order_count",
        groups="hotel_banquet_crm.group_banquet_user",
    )

    def _compute_banquet_event_order_count(self):
        groups = self.env["banquet.event.order"]._read_group(
            [("partner_id", "child_of", self.commercial_partner_id.ids)],
            ["partner_id"],
            ["__count"],
        )
        counts = {}
        for partner, count in groups:
            commercial = partner.commercial_partner_id
            counts[commercial] = counts.get(commercial, 0) + count
        for partner in self:
            partner.banquet_event_order_count = counts.get(partner.commercial_partner_id, 0)

    def action_banquet_event_orders(self):
        """The customer's Event Orders (customer 360)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Event Orders"),
            "res_model": "banquet.event.order",
            "view_mode": "list,form",
            "domain": [("partner_id", "child_of", self.commercial_partner_id.id)],
        }
