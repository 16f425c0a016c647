from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    is_banquet = fields.Boolean(
        string="Banquet Team",
        help="Inquiries reaching this team (email alias, routing) are banquet inquiries.",
    )
