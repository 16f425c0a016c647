from odoo import fields, models


class BanquetDepartment(models.Model):
    """Hotel department that executes part of an event (kitchen, AV, housekeeping...)."""

    _name = "banquet.department"
    _description = "Banquet Department"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Hotel", required=True, default=lambda self: self.env.company
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Members",
        help="Department staff who receive and acknowledge this department's part of Event Orders.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Department codes must be unique per hotel.",
        ),
    ]
