from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    banquet_option_days = fields.Integer(
        string="Option Validity (days)",
        default=7,
        help="Days a first option (tentative booking) holds its rooms before it is released.",
    )

    banquet_option_reminder_days = fields.Integer(
        string="Option Reminder (days before expiry)",
        default=2,
        help="The salesperson gets a to-do this many days before a first option expires.",
    )

    _sql_constraints = [
        (
            "banquet_option_days_positive",
            "CHECK(banquet_option_days >= 0)",
            "The option validity cannot be negative.",
        ),
        (
            "banquet_option_reminder_days_positive",
            "CHECK(banquet_option_reminder_days >= 0)",
            "The option reminder cannot be set a negative number of days before expiry.",
        ),
    ]
