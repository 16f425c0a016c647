from odoo import fields, models


class BanquetSetupStyle(models.Model):
    """How the furniture of a function room is laid out (banquet, theatre...)."""

    _name = "banquet.setup.style"
    _description = "Setup Style"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        help="Leave empty to share the setup style with every hotel of the group.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code, company_id)", "Setup style codes must be unique per hotel."),
    ]
