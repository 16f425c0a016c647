# Guest-room blocks of an event, kept apart from sale_order.py to merge on their own.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    banquet_room_block_ids = fields.One2many(
        "banquet.room.block",
        "order_id",
        string="Guest-Room Blocks",
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_room_nights_blocked = fields.Integer(
        string="Room Nights Blocked", compute="_compute_banquet_room_pickup", store=True
    )
    banquet_room_nights_picked_up = fields.Integer(
        string="Room Nights Picked Up", compute="_compute_banquet_room_pickup", store=True
    )
    banquet_room_pickup_percent = fields.Float(
        string="Room Pickup (%)",
        compute="_compute_banquet_room_pickup",
        store=True,
        digits=(16, 1),
        aggregator="avg",
        help="Room nights picked up by the attendees out of those blocked for the event.",
    )

    @api.depends(
        "banquet_room_block_ids.state",
        "banquet_room_block_ids.rooms_blocked",
        "banquet_room_block_ids.rooms_picked_up",
    )
    def _compute_banquet_room_pickup(self):
        for order in self:
            blocks = order.banquet_room_block_ids.filtered(lambda b: b.state != "cancelled")
            blocked = sum(blocks.mapped("rooms_blocked"))
            picked = sum(blocks.mapped("rooms_picked_up"))
            order.banquet_room_nights_blocked = blocked
            order.banquet_room_nights_picked_up = picked
            order.banquet_room_pickup_percent = 100.0 * picked / blocked if blocked else 0.0
