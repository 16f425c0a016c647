from odoo import fields, models
from odoo.tools import SQL

# The GiST index behind the EXCLUDE constraint (blocking rows) and its twin on the rows
# waiting in a queue. Both index the expressions ``overlap_sql`` compares.
BLOCKING_INDEX = "banquet_room_occupancy_no_double_booking"
QUEUE_INDEX = "banquet_room_occupancy_queue_gist_idx"


def overlap_sql(alias, room, date_from, date_to):
    """Condition "the occupancy row ``alias`` is on physical room ``room`` and overlaps
    [``date_from``, ``date_to``)", written with the expressions the GiST indexes hold so
    that PostgreSQL finds the rows through them instead of scanning the room's history.

    ``room``, ``date_from`` and ``date_to`` are SQL expressions (``SQL("c.room_id")``) or
    values. Add ``alias.blocking`` (or ``NOT alias.blocking``) to the query so that the
    planner can pick the partial index of that side.
    """
    table = SQL.identifier(alias)
    if not isinstance(room, SQL):
        room = SQL("%s::int4", room)
    if not isinstance(date_from, SQL):
        date_from = SQL("%s::timestamp", date_from)
    if not isinstance(date_to, SQL):
        date_to = SQL("%s::timestamp", date_to)
    return SQL(
        "int4range(%(table)s.room_id, %(table)s.room_id, '[]')"
        " = int4range(%(room)s, %(room)s, '[]')"
        " AND tsrange(%(table)s.date_from, %(table)s.date_to, '[)')"
        " && tsrange(%(date_from)s, %(date_to)s, '[)')",
        table=table,
        room=room,
        date_from=date_from,
        date_to=date_to,
    )


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
        # The queue (second options, waitlist) is searched by room and period like the
        # blocking rows: a partial GiST index of its own, so that every row is in exactly
        # one of the two indexes (the EXCLUDE constraint's covers the blocking rows only;
        # one unconditional index would duplicate it and be written on every booking).
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON banquet_room_occupancy USING gist ("
                "int4range(room_id, room_id, '[]'), tsrange(date_from, date_to, '[)')"
                ") WHERE NOT blocking",
                SQL.identifier(QUEUE_INDEX),
            )
        )
        # Rows of one room (the foreign key check when a room is deleted). Overlap queries
        # go through the GiST indexes: this b-tree has no lower bound on the start.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS banquet_room_occupancy_room_period_idx "
            "ON banquet_room_occupancy (room_id, date_from, date_to)"
        )
