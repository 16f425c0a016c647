from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    banquet_probability = fields.Float(
        string="Probability (%)",
        help="How likely an inquiry in this stage of a banquet team's funnel is to become "
        "a definite event: its probability while nobody sets one by hand (Odoo's predictive "
        "scoring stays for the other teams).",
    )

    _sql_constraints = [
        (
            "banquet_probability_range",
            "CHECK(banquet_probability >= 0 AND banquet_probability <= 100)",
            "A stage's probability is between 0 and 100 %.",
        ),
    ]
