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

    banquet_deposit_auto_post = fields.Boolean(
        string="Post Deposit Invoices Automatically",
        help="Deposit invoices are posted as soon as they are created. Unticked: Finance "
        "reviews and posts them.",
    )
    banquet_definite_policy = fields.Selection(
        [
            ("signature", "Signature"),
            ("signature_and_first_deposit", "Signature and first deposit paid"),
        ],
        string="Definite When",
        default="signature",
        required=True,
        help="What makes a banquet event definite: the customer's signature alone, or the "
        "signature and the first deposit paid.",
    )
    banquet_release_unsecured_options = fields.Boolean(
        string="Release Options Without Deposit",
        help="Release a tentative option whose deposit is still unpaid after the grace "
        "period; the next booking in line is promoted.",
    )
    banquet_deposit_grace_days = fields.Integer(
        string="Deposit Grace Period (days)",
        default=3,
        help="Days after a deposit's due date before an unsecured option is released.",
    )
    banquet_finance_user_id = fields.Many2one(
        "res.users",
        string="Finance Contact",
        help="Gets a to-do for every deposit falling due and every overdue invoice.",
    )
    banquet_fee_product_id = fields.Many2one(
        "product.product",
        string="Cancellation Fee Product",
        help="Product of the cancellation fee line; its taxes and income account apply.",
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
        (
            "banquet_deposit_grace_days_positive",
            "CHECK(banquet_deposit_grace_days >= 0)",
            "The deposit grace period cannot be negative.",
        ),
    ]
