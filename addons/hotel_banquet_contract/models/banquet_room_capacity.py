from odoo import fields, models


class BanquetRoomCapacity(models.Model):
    """Maximum attendance of a function room for one setup style."""

    _name = "banquet.room.capacity"
    _description = "Function Room Capacity"
    _order = "room_id, setup_style_id"
    _check_company_auto = True

    room_id = fields.Many2one("banquet.room", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    setup_style_id = fields.Many2one(
        "banquet.setup.style", required=True, ondelete="restrict", check_company=True
    )
    capacity = fields.Integer(string="Capacity (pax)", required=True)

    _sql_constraints = [
        (
            "room_style_uniq",
            "unique(room_id, setup_style_id)",
            "A room can have only one capacity per setup style.",
        ),
        ("capacity_positive", "CHECK(capacity >= 0)", "A capacity cannot be negative."),
    ]
