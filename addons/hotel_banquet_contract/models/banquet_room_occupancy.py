from odoo import fields, models


class BanquetRoomOccupancy(models.Model):
    """Time range a booking occupies on one physical room, buffers included.

    Rows are written set-based by ``banquet.room.booking._sync_occupancy``; the
    EXCLUDE constraint makes PostgreSQL refuse two blocking rows that overlap on the
    same physical room, even when two transactions confirm at the same instant.
    """

    _name = "banquet.room.occupancy"
    _description = "Function Room Occupancy"
    _order = "date_from"
    _log_access = False
    _check_company_auto = True

    booking_id = fields.Many2one(
        "banquet.room.booking", required=True, ondelete="cascade", index=True, readonly=True
    )
    room_id = fields.Many2one(
        "banquet.room", string="Physical Room", required=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one("res.company", string="Hotel", required=True, readonly=True)
    date_from = fields.Datetime(string="Blocked From", required=True, readonly=True)
    date_to = fields.Datetime(string="Blocked Until", required=True, readonly=True)
    blocking = fields.Boolean(readonly=True, help="Tentative and definite bookings block the room.")

    _sql_constraints = [
        ("period_ordered", "CHECK(date_to > date_from)", "An occupancy must end after it starts."),
        (
            "no_double_booking",
            (
                "EXCLUDE USING gist ("
                "int4range(room_id, room_id, '[]') WITH =, "
                "tsrange(date_from, date_to, '[)') WITH &&"
                ") WHERE (blocking)"
            ),
            "This function room is already booked at that time.",
        ),
    ]

    def init(self):
        # Speeds up availability searches over every row of a room, blocking or not.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS banquet_room_occupancy_room_period_idx "
            "ON banquet_room_occupancy (room_id, date_from, date_to)"
        )
