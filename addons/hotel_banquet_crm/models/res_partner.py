from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    banquet_visit_ids = fields.One2many(
        "banquet.lead.visit", "partner_id", string="Banquet Calls & Visits"
    )
    banquet_visit_count = fields.Integer(compute="_compute_banquet_visit_count")

    def _compute_banquet_visit_count(self):
        counts = dict(
            self.env["banquet.lead.visit"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.banquet_visit_count = counts.get(partner, 0)

    def action_view_banquet_visits(self):
        """Calls and visits with this customer, on every inquiry."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_lead_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action
