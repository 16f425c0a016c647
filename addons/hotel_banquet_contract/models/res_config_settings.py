from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    banquet_option_days = fields.Integer(related="company_id.banquet_option_days", readonly=False)
    banquet_option_reminder_days = fields.Integer(
        related="company_id.banquet_option_reminder_days", readonly=False
    )
