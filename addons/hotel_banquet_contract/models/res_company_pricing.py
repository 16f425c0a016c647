from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    banquet_guarantee_days = fields.Integer(
        string="Guarantee Cut-off (days before the event)",
        default=3,
        help="Default guarantee cut-off of an event: this many days before its first "
        "function, on the hotel's calendar. From the cut-off on, packages are billed on "
        "the guaranteed attendance.",
    )
    banquet_minimum_spend_policy = fields.Selection(
        [
            ("warn", "Warn only"),
            ("line", "Add a shortfall line"),
        ],
        string="Minimum Spend Shortfall",
        default="warn",
        required=True,
        help="When a function's order lines stay below its room's minimum spend: only warn "
        "on the quotation, or add the missing amount as a shortfall line.",
    )

    _sql_constraints = [
        (
            "banquet_guarantee_days_positive",
            "CHECK(banquet_guarantee_days >= 0)",
            "The guarantee cut-off cannot be a negative number of days before the event.",
        ),
    ]
