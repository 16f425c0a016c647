from odoo import fields, models


class BanquetEventType(models.Model):
    """Kind of event a client asks for (wedding, conference, gala dinner ...)."""

    _name = "banquet.event.type"
    _description = "Banquet Event Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used by channels posting inquiries.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the event type with every hotel of the group.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "An event type with this code already exists for this hotel.",
        ),
    ]
