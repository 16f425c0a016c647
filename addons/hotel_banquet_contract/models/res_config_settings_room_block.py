# Kept apart from res_config_settings.py so that guest-room blocks merge on their own.
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    banquet_room_block_cutoff_days = fields.Integer(
        related="company_id.banquet_room_block_cutoff_days", readonly=False
    )
