from odoo import api, fields, models


class BanquetLeadStageHistory(models.Model):
    """How long an inquiry stayed in each stage of the banquet funnel."""

    _name = "banquet.lead.stage.history"
    _description = "Banquet Inquiry Stage History"
    _order = "date_start desc, id desc"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Salesperson")
    team_id = fields.Many2one("crm.team")
    date_start = fields.Datetime(required=True)
    date_end = fields.Datetime()
    duration_hours = fields.Float(compute="_compute_duration_hours", store=True, aggregator="avg")

    @api.depends("date_start", "date_end")
    def _compute_duration_hours(self):
        for line in self:
            if line.date_end:
                line.duration_hours = (line.date_end - line.date_start).total_seconds() / 3600
            else:
                line.duration_hours = 0.0
