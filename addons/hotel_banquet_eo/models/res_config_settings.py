from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    banquet_eo_freeze_days = fields.Integer(
        related="company_id.banquet_eo_freeze_days", readonly=False
    )
    banquet_eo_milestone_days = fields.Char(
        related="company_id.banquet_eo_milestone_days", readonly=False
    )
    banquet_eo_response_minutes = fields.Integer(
        related="company_id.banquet_eo_response_minutes", readonly=False
    )
    banquet_eo_major_close_hours = fields.Float(
        related="company_id.banquet_eo_major_close_hours", readonly=False
    )
