from odoo import fields, models


class BanquetRoutingRule(models.Model):
    """Which hotel (and team) receives an inquiry, by client location, industry and event type.

    Rules are read in sequence; empty conditions match everything.
    """

    _name = "banquet.routing.rule"
    _description = "Banquet Routing Rule"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        default=lambda self: self.env.company,
        help="Hotel receiving the inquiries matching this rule.",
    )
    team_id = fields.Many2one(
        "crm.team",
        check_company=True,
        help="Sales team of the hotel. Empty: the hotel's first banquet team.",
    )
    city = fields.Char(help="Client's city, compared without case.")
    state_id = fields.Many2one("res.country.state")
    country_id = fields.Many2one("res.country")
    industry_id = fields.Many2one("res.partner.industry")
    event_type_id = fields.Many2one("banquet.event.type")

    def _matches(self, lead):
        self.ensure_one()
        return (
            (not self.city or (lead.city or "").strip().lower() == self.city.strip().lower())
            and (not self.state_id or lead.state_id == self.state_id)
            and (not self.country_id or lead.country_id == self.country_id)
            and (not self.industry_id or lead.industry_id == self.industry_id)
            and (not self.event_type_id or lead.event_type_id == self.event_type_id)
        )
