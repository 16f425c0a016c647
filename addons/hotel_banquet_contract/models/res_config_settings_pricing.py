from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    banquet_guarantee_days = fields.Integer(
        related="company_id.banquet_guarantee_days", readonly=False
    )
    banquet_minimum_spend_policy = fields.Selection(
        related="company_id.banquet_minimum_spend_policy", readonly=False
    )
