# Kept apart from res_company.py so that guest-room blocks merge on their own.
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    banquet_room_block_cutoff_days = fields.Integer(
        string="Room Block Cut-off (days before arrival)",
        default=21,
        help="Default cut-off of a guest-room block: unsold rooms go back to the hotel's "
        "inventory at the start of this day before arrival (hotel time).",
    )
    _sql_constraints = [
        (
            "banquet_room_block_cutoff_days_positive",
            "CHECK(banquet_room_block_cutoff_days >= 0)",
            "The room block cut-off cannot be after arrival.",
        ),
    ]
