import logging
import re
from collections import defaultdict
from datetime import timedelta

import psycopg2

from odoo import api, fields, models, sql_db
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .sale_order import QUEUED_HOLDS

_logger = logging.getLogger(__name__)

# The GiST index behind the EXCLUDE constraint (blocking rows) and its twin on the rows
# waiting in a queue. Both index the expressions ``overlap_sql`` compares.
BLOCKING_INDEX = "banquet_room_occupancy_no_double_booking"
QUEUE_INDEX = "banquet_room_occupancy_queue_gist_idx"
# Functions that occupy no room; events whose queued functions can be promoted.
FREED_STATUSES = ("released", "cancelled", "lost")
PROMOTABLE_STATUSES = ("tentative", "definite")


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

    Rows are written set-based by ``_sync`` (the booking engine below); the
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

    # The booking engine: rows, overlap checks, locks, queue and promotion --------------------
    # ``bookings`` are banquet.room.booking records; the functions keep their holds and
    # transitions (banquet_room_booking.py), this model owns the table that decides.

    @api.model
    def _rows_for(self, bookings):
        """(booking, physical room, company, from, to, blocking) for every room asked for."""
        rows = []
        for booking in bookings:
            if booking.state in FREED_STATUSES:
                continue
            date_from = booking.date_start - timedelta(minutes=booking.setup_minutes)
            date_to = booking.date_end + timedelta(minutes=booking.teardown_minutes)
            blocking = booking.blocking
            for room in booking.room_id._get_physical_rooms():
                rows.append(
                    (booking.id, room.id, booking.company_id.id, date_from, date_to, blocking)
                )
        return rows

    @api.model
    def _blocking_windows(self, bookings):
        """(physical room, from, to) of the blocking rows ``bookings`` hold now."""
        if not bookings:
            return []
        self.env.cr.execute(
            """
            SELECT room_id, date_from, date_to FROM banquet_room_occupancy
             WHERE booking_id = ANY(%s) AND blocking
            """,
            [bookings.ids],
        )
        return self.env.cr.fetchall()

    @api.model
    def _delete_rows(self, bookings):
        """Drop the rows of ``bookings``; return the blocking windows they freed."""
        if not bookings:
            return []
        self.env.cr.execute(
            """
            DELETE FROM banquet_room_occupancy WHERE booking_id = ANY(%s)
            RETURNING room_id, date_from, date_to, blocking
            """,
            [bookings.ids],
        )
        return [row[:3] for row in self.env.cr.fetchall() if row[3]]

    @api.model
    def _lock_rooms(self, room_ids):
        """Lock the physical rooms about to get blocking rows, always in id order.

        Two transactions booking overlapping rooms (a combined room and its sections) then
        wait for each other in one order instead of deadlocking inside the EXCLUDE check,
        and the later one gets the readable conflict message. ``NO KEY UPDATE`` does not
        conflict with the key-share locks that foreign keys take on the room.
        """
        if room_ids:
            self.env.cr.execute(
                "SELECT id FROM banquet_room WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE",
                [sorted(room_ids)],
            )

    @api.model
    def _sync(self, bookings):
        """Rewrite the rows of ``bookings``; refuse double bookings; promote the queue
        behind any blocking range given up. Constant number of queries."""
        if not bookings:
            return
        cr = self.env.cr
        bookings.flush_recordset()
        rows = self._rows_for(bookings)
        self._check_conflicts(bookings, rows)
        locked_rooms = {row[1] for row in rows if row[5]}
        for attempt in range(3):
            try:
                with cr.savepoint(flush=False):
                    self._lock_rooms(locked_rooms)
                    freed = self._delete_rows(bookings)
                    if rows:
                        cr.execute(
                            SQL(
                                "INSERT INTO banquet_room_occupancy "
                                "(booking_id, room_id, company_id, date_from, date_to, "
                                "blocking) VALUES %s",
                                SQL(", ").join(SQL("%s", row) for row in rows),
                            )
                        )
                break
            except psycopg2.errors.ExclusionViolation as error:
                raise ValidationError(
                    self._concurrent_conflict_message(bookings, rows, error)
                ) from error
            except psycopg2.errors.DeadlockDetected as error:
                # Rooms are locked in id order within one step, but a transaction making
                # several steps (a release, then a promotion) can still meet another one
                # the other way round. Rolling back to the savepoint gave our locks back:
                # try again, then give a readable answer instead of a database error.
                _logger.info("Deadlock while booking rooms %s (attempt %s)", locked_rooms, attempt)
                if attempt == 2:
                    raise ValidationError(
                        self.env._(
                            "%s is being booked by someone else at this very moment; "
                            "try again in a moment.",
                            ", ".join(self.env["banquet.room"].browse(locked_rooms).mapped("name")),
                        )
                    ) from error
        self.invalidate_model()
        # A function put back in the queue by hand is not promoted over its own room.
        self._promote_queue(freed, exclude_ids=bookings.ids)

    @api.model
    def _check_conflicts(self, bookings, rows):
        """Explain in one query which existing booking a blocking row would overlap."""
        blocking_rows = [row for row in rows if row[5]]
        if not blocking_rows:
            return
        values = SQL(", ").join(
            SQL("(%s, %s, %s::timestamp, %s::timestamp)", *(row[:2] + row[3:5]))
            for row in blocking_rows
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT c.booking_id, o.booking_id
                  FROM (VALUES %s) AS c(booking_id, room_id, date_from, date_to)
                  JOIN banquet_room_occupancy o
                    ON o.blocking
                   AND %s
                   AND o.booking_id != ALL(%s)
                 LIMIT 1
                """,
                values,
                overlap_sql("o", SQL("c.room_id"), SQL("c.date_from"), SQL("c.date_to")),
                bookings.ids,
            )
        )
        found = self.env.cr.fetchone()
        if not found:
            by_room = {}
            for row in blocking_rows:
                for other in by_room.get(row[1], []):
                    if other[0] != row[0] and other[3] < row[4] and row[3] < other[4]:
                        found = (row[0], other[0])
                        break
                by_room.setdefault(row[1], []).append(row)
        if found:
            # sudo: the conflicting booking may belong to a colleague the user cannot
            # read; the message only names its room, event and time.
            booking, other = bookings.browse(found[0]), bookings.sudo().browse(found[1])
            raise ValidationError(bookings._conflict_message(booking, other))

    @api.model
    def _concurrent_conflict_message(self, bookings, rows, error):
        """Message for a conflict only PostgreSQL saw (a concurrent transaction committed)."""
        detail = getattr(error.diag, "message_detail", "") or ""
        match = re.search(r"\(\[(\d+),", detail)
        room_id = int(match.group(1)) if match else rows[0][1]
        mine = next((row for row in rows if row[1] == room_id), rows[0])
        booking = bookings.browse(mine[0])
        event = self.env._("another booking")
        # The competing transaction is invisible to our snapshot; a fresh connection sees it.
        try:
            with sql_db.db_connect(self.env.cr.dbname).cursor() as fresh_cr:
                fresh_cr.execute(
                    SQL(
                        """
                        SELECT COALESCE(so.event_name, so.name)
                          FROM banquet_room_occupancy o
                          JOIN banquet_room_booking b ON b.id = o.booking_id
                          JOIN sale_order so ON so.id = b.order_id
                         WHERE o.blocking AND %s
                         LIMIT 1
                        """,
                        overlap_sql("o", room_id, mine[3], mine[4]),
                    )
                )
                found = fresh_cr.fetchone()
                if found:
                    event = found[0]
        except psycopg2.Error:
            _logger.info("Could not look up the booking that won room %s", room_id)
        return self.env._(
            "%(room)s was booked for %(event)s by someone else a moment ago; "
            "it is no longer free for %(period)s.",
            room=self.env["banquet.room"].browse(room_id).name,
            event=event,
            period=booking._format_period(),
        )

    @api.model
    def _busy_physical_rooms(self, physical_rooms, date_from, date_to, exclude_ids=()):
        """{physical room id: [(from, to)]} of blocking rows overlapping the window."""
        # One index probe per room on room and period, however long the rooms' history.
        # OFFSET 0 keeps the subquery per room: flattened, the planner may prefer one
        # scan on the period alone, which reads the index pages of every room's history.
        self.env.cr.execute(
            SQL(
                """
                SELECT o.room_id, o.date_from, o.date_to
                  FROM unnest(%s::int4[]) AS r(room_id)
                 CROSS JOIN LATERAL (
                        SELECT o.room_id, o.date_from, o.date_to
                          FROM banquet_room_occupancy o
                         WHERE o.blocking
                           AND %s
                           AND o.booking_id != ALL(%s)
                        OFFSET 0
                       ) o
                """,
                physical_rooms.ids,
                overlap_sql("o", SQL("r.room_id"), date_from, date_to),
                list(exclude_ids),
            )
        )
        busy = {}
        for room_id, busy_from, busy_to in self.env.cr.fetchall():
            busy.setdefault(room_id, []).append((busy_from, busy_to))
        return busy

    @api.model
    def _queue_positions(self, bookings):
        """{function id: place in the queue} for the queued functions of ``bookings``: 1 +
        the queued functions ahead of it (second options first, then by age) on any of its
        physical rooms at overlapping times. One query."""
        if not bookings:
            return {}
        bookings.flush_model(["hold", "event_status"])
        self.env.cr.execute(
            SQL(
                """
                SELECT me.booking_id, count(DISTINCT ob.id)
                  FROM banquet_room_occupancy me
                  JOIN banquet_room_booking mb ON mb.id = me.booking_id
                  LEFT JOIN banquet_room_occupancy o
                    ON NOT o.blocking
                   AND %s
                   AND o.booking_id != me.booking_id
                  LEFT JOIN banquet_room_booking ob
                    ON ob.id = o.booking_id
                   AND ob.hold IN ('second_option', 'waitlist')
                   AND ob.event_status IN ('tentative', 'definite')
                   AND (ob.hold < mb.hold OR (ob.hold = mb.hold AND ob.id < mb.id))
                 WHERE me.booking_id = ANY(%s)
                 GROUP BY me.booking_id
                """,
                overlap_sql("o", SQL("me.room_id"), SQL("me.date_from"), SQL("me.date_to")),
                bookings.ids,
            )
        )
        return {booking_id: ahead + 1 for booking_id, ahead in self.env.cr.fetchall()}

    @api.model
    def _promote_queue(self, windows, exclude_ids=()):
        """Promote, in queue order, the queued functions that wanted the rooms freed in
        ``windows`` [(physical room, from, to)] and now fit. Constant number of queries.

        Runs with the rights the promotion needs: the function freeing the room may belong
        to one salesperson and the functions waiting behind it to colleagues whose orders
        the first one cannot read or write.
        """
        if not windows:
            return
        # sudo: see the docstring; only holds of waiting functions change, and only to
        # first option on rooms that are free.
        bookings = self.env["banquet.room.booking"].sudo()
        cr = self.env.cr
        bookings.flush_model(["hold", "event_status"])
        cr.execute(
            SQL(
                """
                SELECT DISTINCT o.booking_id
                  FROM (VALUES %s) AS w(room_id, date_from, date_to)
                  JOIN banquet_room_occupancy o
                    ON NOT o.blocking
                   AND %s
                  JOIN banquet_room_booking b ON b.id = o.booking_id
                 WHERE b.hold IN %s AND b.event_status IN %s AND b.id != ALL(%s)
                """,
                SQL(", ").join(SQL("(%s, %s::timestamp, %s::timestamp)", *w) for w in windows),
                overlap_sql("o", SQL("w.room_id"), SQL("w.date_from"), SQL("w.date_to")),
                QUEUED_HOLDS,
                PROMOTABLE_STATUSES,
                list(exclude_ids),
            )
        )
        waiting = bookings.browse(row[0] for row in cr.fetchall())
        if not waiting:
            return
        positions_before = self._queue_positions(waiting)
        # Functions whose rooms are still blocked by someone else stay in the queue.
        cr.execute(
            SQL(
                """
                SELECT DISTINCT c.booking_id
                  FROM banquet_room_occupancy c
                  JOIN banquet_room_occupancy o
                    ON o.blocking
                   AND %s
                   AND o.booking_id != c.booking_id
                 WHERE c.booking_id = ANY(%s)
                """,
                overlap_sql("o", SQL("c.room_id"), SQL("c.date_from"), SQL("c.date_to")),
                waiting.ids,
            )
        )
        blocked = {row[0] for row in cr.fetchall()}
        rows_by_booking = defaultdict(list)
        for row in self._rows_for(waiting):
            rows_by_booking[row[0]].append(row)
        taken = defaultdict(list)
        promoted = bookings.browse()
        for booking in waiting.sorted(lambda b: (b.hold != "second_option", b.id)):
            mine = rows_by_booking[booking.id]
            if booking.id in blocked or any(
                start < row[4] and row[3] < stop for row in mine for start, stop in taken[row[1]]
            ):
                continue
            promoted |= booking
            for row in mine:
                taken[row[1]].append((row[3], row[4]))
        if not promoted:
            return
        promoted._banquet_set_hold("first_option")
        still_waiting = waiting - promoted
        positions_after = self._queue_positions(still_waiting)
        moved = still_waiting.filtered(
            lambda b: positions_after.get(b.id) != positions_before.get(b.id)
        )
        promoted._banquet_notify_promotion(moved, positions_after)
