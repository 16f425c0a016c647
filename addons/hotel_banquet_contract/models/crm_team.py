from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    # Sales's own figures of a team are for sales users (core leaves them readable by every
    # internal user: Department Staff read what the banquet team invoiced this month).
    invoiced = fields.Float(groups="sales_team.group_sale_salesman")
    invoiced_target = fields.Float(groups="sales_team.group_sale_salesman")
    quotations_amount = fields.Float(groups="sales_team.group_sale_salesman")
