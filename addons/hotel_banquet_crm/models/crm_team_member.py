from odoo import fields, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    banquet_industry_ids = fields.Many2many(
        "res.partner.industry",
        string="Industry Experience",
        help="Industries this salesperson knows well: routing prefers them for such clients.",
    )
