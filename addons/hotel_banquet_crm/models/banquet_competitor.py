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
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    price_per_head = fields.Monetary(
        string="Typical Price per Head",
        currency_field="currency_id",
        help="Usual banquet price per guest seen in lost deals or market checks.",
    )
    room_rental = fields.Monetary(
        string="Typical Room Rental",
        currency_field="currency_id",
        help="Usual function room rental quoted by this competitor.",
    )
    price_notes = fields.Text(help="Packages, discounts and conditions they offer.")
    lost_lead_count = fields.Integer(compute="_compute_lost_lead_count", string="Deals Lost")

    def _compute_lost_lead_count(self):
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("lost_competitor_id", "in", self.ids)], ["lost_competitor_id"], ["__count"]
            )
        )
        for competitor in self:
            competitor.lost_lead_count = counts.get(competitor, 0)
