from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    banquet_option_days = fields.Integer(
        string="Option Validity (days)",
        default=7,
        help="Days a first option (tentative booking) holds its rooms before it is released.",
    )

    _sql_constraints = [
        (
            "banquet_option_days_positive",
            "CHECK(banquet_option_days >= 0)",
            "The option validity cannot be negative.",
        ),
    ]
