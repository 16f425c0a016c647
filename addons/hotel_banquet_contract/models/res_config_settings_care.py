from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    banquet_tier_platinum_amount = fields.Monetary(
        related="company_id.banquet_tier_platinum_amount", readonly=False
    )
    banquet_tier_platinum_events = fields.Integer(
        related="company_id.banquet_tier_platinum_events", readonly=False
    )
    banquet_tier_gold_amount = fields.Monetary(
        related="company_id.banquet_tier_gold_amount", readonly=False
    )
    banquet_tier_gold_events = fields.Integer(
        related="company_id.banquet_tier_gold_events", readonly=False
    )
    banquet_tier_silver_amount = fields.Monetary(
        related="company_id.banquet_tier_silver_amount", readonly=False
    )
    banquet_tier_silver_events = fields.Integer(
        related="company_id.banquet_tier_silver_events", readonly=False
    )
    banquet_tier_churn_days = fields.Integer(
        related="company_id.banquet_tier_churn_days", readonly=False
    )
    banquet_nps_low_score = fields.Integer(
        related="company_id.banquet_nps_low_score", readonly=False
    )
    banquet_survey_id = fields.Many2one(related="company_id.banquet_survey_id", readonly=False)
