from odoo import fields, models


class ResCompany(models.Model):
    """Value-tier thresholds, churn rules and the satisfaction survey of a hotel."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    banquet_tier_platinum_amount = fields.Monetary(
        string="Platinum: Revenue (24 months)",
        currency_field="currency_id",
        default=500000,
        help="Invoiced revenue (untaxed, posted, last 24 months) a platinum customer reaches.",
    )
    banquet_tier_platinum_events = fields.Integer(string="Platinum: Events (24 months)", default=6)
    banquet_tier_gold_amount = fields.Monetary(
        string="Gold: Revenue (24 months)", currency_field="currency_id", default=200000
    )
    banquet_tier_gold_events = fields.Integer(string="Gold: Events (24 months)", default=3)
    banquet_tier_silver_amount = fields.Monetary(
        string="Silver: Revenue (24 months)", currency_field="currency_id", default=50000
    )
    banquet_tier_silver_events = fields.Integer(string="Silver: Events (24 months)", default=1)
    banquet_tier_churn_days = fields.Integer(
        string="Churn Warning: No Event (days)",
        default=365,
        help="A customer whose last event is older than this falls into the churn-warning "
        "tier and gets a churn warning.",
    )
    banquet_nps_low_score = fields.Integer(
        string="Low Satisfaction Score",
        default=6,
        help="A post-event score (0-10) at or below this opens a follow-up for the "
        "salesperson and raises a churn warning.",
    )
    banquet_survey_id = fields.Many2one(
        "survey.survey",
        string="Post-Event Survey",
        help="Sent to the customer the day after each event (hotel time). Its question "
        "marked as NPS gives the event's score.",
    )

    _sql_constraints = [
        (
            "banquet_tier_thresholds_positive",
            (
                "CHECK(banquet_tier_platinum_amount >= 0 AND banquet_tier_gold_amount >= 0"
                " AND banquet_tier_silver_amount >= 0 AND banquet_tier_platinum_events >= 0"
                " AND banquet_tier_gold_events >= 0 AND banquet_tier_silver_events >= 0"
                " AND banquet_tier_churn_days >= 0)"
            ),
            "Value-tier thresholds cannot be negative.",
        ),
        (
            "banquet_nps_low_score_range",
            "CHECK(banquet_nps_low_score BETWEEN 0 AND 10)",
            "The low satisfaction score is between 0 and 10.",
        ),
    ]
