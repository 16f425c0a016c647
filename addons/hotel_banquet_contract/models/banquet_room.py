from odoo import fields, models


class BanquetRoom(models.Model):
    """A bookable function space of a hotel (ballroom, meeting room, garden...)."""

    _name = "banquet.room"
    _description = "Function Room"
    _inherit = ["mail.thread", "image.mixin"]
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    floor = fields.Char()
    area = fields.Float(string="Area (m²)", digits=(10, 1))
    ceiling_height = fields.Float(string="Ceiling Height (m)", digits=(6, 2))
    capacity_max = fields.Integer(string="Maximum Capacity", tracking=True)
    description = fields.Html(translate=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Room codes must be unique per hotel."),
        ("area_positive", "CHECK(area >= 0)", "The room area cannot be negative."),
        ("capacity_positive", "CHECK(capacity_max >= 0)", "The room capacity cannot be negative."),
    ]
