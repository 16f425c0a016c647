from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    banquet_option_days = fields.Integer(related="company_id.banquet_option_days", readonly=False)
    banquet_option_reminder_days = fields.Integer(
        related="company_id.banquet_option_reminder_days", readonly=False
    )

    banquet_deposit_auto_post = fields.Boolean(
        related="company_id.banquet_deposit_auto_post", readonly=False
    )
    banquet_definite_policy = fields.Selection(
        related="company_id.banquet_definite_policy", readonly=False
    )
    banquet_release_unsecured_options = fields.Boolean(
        related="company_id.banquet_release_unsecured_options", readonly=False
    )
    banquet_deposit_grace_days = fields.Integer(
        related="company_id.banquet_deposit_grace_days", readonly=False
    )
    banquet_finance_user_id = fields.Many2one(
        related="company_id.banquet_finance_user_id", readonly=False
    )
    banquet_fee_product_id = fields.Many2one(
        related="company_id.banquet_fee_product_id", readonly=False
    )
