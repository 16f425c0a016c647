from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    banquet_is_nps = fields.Boolean(
        string="Banquet Satisfaction Score",
        help="The 0-10 answer to this scale question is the event's satisfaction (NPS) score.",
    )
