from odoo import fields, models


class BanquetMarketSegment(models.Model):
    """Market segment of an inquiry (corporate, association, wedding, government ...)."""

    _name = "banquet.market.segment"
    _description = "Banquet Market Segment"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the segment with every hotel of the group.",
    )
