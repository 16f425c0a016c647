from odoo import fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    competitor_id = fields.Many2one(
        "banquet.competitor", string="Lost To", help="Competitor the client chose."
    )

    def action_lost_reason_apply(self):
        if self.competitor_id:
            self.lead_ids.write({"lost_competitor_id": self.competitor_id.id})
        return super().action_lost_reason_apply()
