from odoo import fields, models


class BanquetCompetitor(models.Model):
    """A hotel or venue we lose business to."""

    _name = "banquet.competitor"
    _description = "Banquet Competitor"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the competitor with every hotel of the group."
    )
    note = fields.Text()
