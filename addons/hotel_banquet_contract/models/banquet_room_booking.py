import logging
import re
from datetime import datetime, time, timedelta

import psycopg2

from odoo import api, fields, models, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_datetime

from .banquet_room_rate import DAY_PARTS
from .sale_order import BLOCKING_STATUSES, FREED_STATUSES, QUEUED_STATUSES

_logger = logging.getLogger(__name__)

# Diary colours (Odoo's colour palette) by status: yellow options, green definite...
STATUS_COLORS = {
    "inquiry": 0,
    "tentative": 3,
    "second_option": 4,
    "waitlist": 6,
    "definite": 10,
    "actualised": 7,
    "closed": 8,
    "released": 0,
    "cancelled": 1,
    "lost": 1,
}


class BanquetRoomBooking(models.Model):
    """A function room held for an event of a banquet sale order."""

    _name = "banquet.room.booking"
    _description = "Function Room Booking"
    _order = "date_start, id"
    _check_company_auto = True
    _rec_name = "room_id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="order_id.company_id", string="Hotel", store=True, index=True, precompute=True
    )
    room_id = fields.Many2one(
        "banquet.room", string="Function Room", required=True, check_company=True, index=True
    )
    date_start = fields.Datetime(string="Start", required=True)
    date_end = fields.Datetime(string="End", required=True)
    setup_style_id = fields.Many2one("banquet.setup.style", check_company=True)
    pax = fields.Integer(string="Attendance")
    setup_minutes = fields.Integer(
        string="Setup Buffer (min)",
        compute="_compute_buffers",
        store=True,
        readonly=False,
        precompute=True,
    )
    teardown_minutes = fields.Integer(
        string="Teardown Buffer (min)",
        compute="_compute_buffers",
        store=True,
        readonly=False,
        precompute=True,
    )
    day_part = fields.Selection(DAY_PARTS)
    state = fields.Selection(
        string="Status",
        related="order_id.banquet_status",
        store=True,
        index=True,
    )
    event_name = fields.Char(related="order_id.event_name", store=True)
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer", store=True)
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True)
    option_expiry_date = fields.Date(related="order_id.option_expiry_date")
    color = fields.Integer(compute="_compute_color")
    currency_id = fields.Many2one(related="company_id.currency_id")
    rental_price = fields.Monetary(
        compute="_compute_rental_price",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        help="Room rental from the room's rates for the day part (full day when empty); "
        "hourly rates are multiplied by the booked hours.",
    )

    _sql_constraints = [
        (
            "numbers_positive",
            "CHECK(pax >= 0 AND setup_minutes >= 0 AND teardown_minutes >= 0)",
            "Attendance and buffers cannot be negative.",
        ),
    ]

    @api.depends("room_id")
    def _compute_buffers(self):
        for booking in self:
            booking.setup_minutes = booking.room_id.setup_minutes
            booking.teardown_minutes = booking.room_id.teardown_minutes

    @api.depends("state")
    def _compute_color(self):
        for booking in self:
            booking.color = STATUS_COLORS.get(booking.state, 0)

    @api.depends("room_id", "day_part", "date_start", "date_end")
    def _compute_rental_price(self):
        # sudo: rates are hidden from department staff, who still read a booking's
        # computed fields; the price itself stays behind the field's groups.
        rates = self.env["banquet.room.rate"].sudo().search([("room_id", "in", self.room_id.ids)])
        for booking in self:
            if not (booking.room_id and booking.date_start and booking.date_end):
                booking.rental_price = 0.0
                continue
            day_part = booking.day_part or "full_day"
            local_date = fields.Datetime.context_timestamp(booking, booking.date_start).date()
            rate = rates._select_rate(booking.room_id, day_part, local_date)
            hours = (booking.date_end - booking.date_start).total_seconds() / 3600
            booking.rental_price = rate.price * hours if day_part == "hourly" else rate.price

    @api.depends("room_id", "event_name", "date_start")
    def _compute_display_name(self):
        for booking in self:
            booking.display_name = " - ".join(
                part for part in (booking.room_id.name, booking.event_name) if part
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for booking in self:
            if booking.date_end <= booking.date_start:
                raise ValidationError(
                    self.env._("The booking of %s must end after it starts.", booking.room_id.name)
                )

    @api.constrains("room_id", "pax", "setup_style_id")
    def _check_room(self):
        for booking in self:
            room = booking.room_id
            if not room.active:
                raise ValidationError(
                    self.env._("The function room %s is archived and cannot be booked.", room.name)
                )
            capacity = room._get_capacity(booking.setup_style_id)
            if booking.pax > capacity:
                raise ValidationError(
                    self.env._(
                        "%(room)s holds at most %(capacity)s guests in %(style)s setup, "
                        "not %(pax)s.",
                        room=room.name,
                        capacity=capacity,
                        style=booking.setup_style_id.name or self.env._("any"),
                        pax=booking.pax,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        bookings._sync_occupancy()
        return bookings

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        confirmed = self.filtered(lambda b: b.state in ("definite", "actualised", "closed"))
        if confirmed:
            raise UserError(
                self.env._(
                    "The confirmed booking %s is part of the record and cannot be deleted: "
                    "cancel the booking's order instead.",
                    confirmed[0].display_name,
                )
            )

    def write(self, vals):
        res = super().write(vals)
        if {"room_id", "date_start", "date_end", "setup_minutes", "teardown_minutes"} & set(vals):
            self._sync_occupancy()
        return res

    # Occupancy -------------------------------------------------------------

    def _occupancy_rows(self):
        """(booking, physical room, company, from, to, blocking) for every held room."""
        rows = []
        for booking in self:
            if booking.state in FREED_STATUSES:
                continue
            date_from = booking.date_start - timedelta(minutes=booking.setup_minutes)
            date_to = booking.date_end + timedelta(minutes=booking.teardown_minutes)
            blocking = booking.state in BLOCKING_STATUSES
            for room in booking.room_id._get_physical_rooms():
                rows.append(
                    (booking.id, room.id, booking.company_id.id, date_from, date_to, blocking)
                )
        return rows

    def _sync_occupancy(self):
        """Rewrite the occupancy rows of ``self`` in two queries; refuse double bookings."""
        if not self:
            return
        cr = self.env.cr
        rows = self._occupancy_rows()
        self._check_conflicts(rows)
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    "DELETE FROM banquet_room_occupancy WHERE booking_id = ANY(%s)", [self.ids]
                )
                if rows:
                    cr.execute(
                        SQL(
                            "INSERT INTO banquet_room_occupancy "
                            "(booking_id, room_id, company_id, date_from, date_to, blocking) "
                            "VALUES %s",
                            SQL(", ").join(SQL("%s", row) for row in rows),
                        )
                    )
        except psycopg2.errors.ExclusionViolation as error:
            raise ValidationError(self._concurrent_conflict_message(rows, error)) from error
        self.env["banquet.room.occupancy"].invalidate_model()

    def _check_conflicts(self, rows):
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
                    ON o.room_id = c.room_id
                   AND o.blocking
                   AND o.booking_id != ALL(%s)
                   AND tsrange(o.date_from, o.date_to, '[)')
                       && tsrange(c.date_from, c.date_to, '[)')
                 LIMIT 1
                """,
                values,
                self.ids,
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
            booking, other = self.browse(found[0]), self.sudo().browse(found[1])
            raise ValidationError(self._conflict_message(booking, other))

    def _format_period(self):
        self.ensure_one()
        return "%s - %s" % (
            format_datetime(self.env, self.date_start, dt_format="short"),
            format_datetime(self.env, self.date_end, dt_format="short"),
        )

    def _conflict_message(self, booking, other):
        return self.env._(
            "%(room)s cannot be booked for %(period)s: it overlaps %(other_room)s booked "
            "for %(event)s (%(order)s, %(other_period)s), setup and teardown included.",
            room=booking.room_id.name,
            period=booking._format_period(),
            other_room=other.room_id.name,
            event=other.event_name or other.order_id.name,
            order=other.order_id.name,
            other_period=other._format_period(),
        )

    def _concurrent_conflict_message(self, rows, error):
        """Message for a conflict only PostgreSQL saw (a concurrent transaction committed)."""
        detail = getattr(error.diag, "message_detail", "") or ""
        match = re.search(r"\(\[(\d+),", detail)
        room_id = int(match.group(1)) if match else rows[0][1]
        mine = next((row for row in rows if row[1] == room_id), rows[0])
        booking = self.browse(mine[0])
        event = self.env._("another booking")
        # The competing transaction is invisible to our snapshot; a fresh connection sees it.
        try:
            with sql_db.db_connect(self.env.cr.dbname).cursor() as fresh_cr:
                fresh_cr.execute(
                    """
                    SELECT COALESCE(so.event_name, so.name)
                      FROM banquet_room_occupancy o
                      JOIN banquet_room_booking b ON b.id = o.booking_id
                      JOIN sale_order so ON so.id = b.order_id
                     WHERE o.room_id = %s AND o.blocking
                       AND tsrange(o.date_from, o.date_to, '[)') && tsrange(%s, %s, '[)')
                     LIMIT 1
                    """,
                    [room_id, mine[3], mine[4]],
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
    def _get_busy_physical_rooms(self, physical_rooms, date_from, date_to, exclude_ids=()):
        """{physical room id: [(from, to)]} of blocking rows overlapping the window."""
        self.env.cr.execute(
            """
            SELECT room_id, date_from, date_to
              FROM banquet_room_occupancy
             WHERE blocking
               AND room_id = ANY(%s)
               AND date_from < %s AND date_to > %s
               AND booking_id != ALL(%s)
            """,
            [physical_rooms.ids, date_to, date_from, list(exclude_ids)],
        )
        busy = {}
        for room_id, busy_from, busy_to in self.env.cr.fetchall():
            busy.setdefault(room_id, []).append((busy_from, busy_to))
        return busy

    def _promote_queue(self):
        """Promote, in queue order, the second options and waitlisted orders that wanted
        the rooms ``self`` (just freed) held and now fit. Constant number of queries."""
        windows = []
        for booking in self:
            date_from = booking.date_start - timedelta(minutes=booking.setup_minutes)
            date_to = booking.date_end + timedelta(minutes=booking.teardown_minutes)
            windows += [
                (room.id, date_from, date_to) for room in booking.room_id._get_physical_rooms()
            ]
        if not windows:
            return
        cr = self.env.cr
        self.flush_model(["state"])
        cr.execute(
            SQL(
                """
                SELECT DISTINCT b.order_id
                  FROM (VALUES %s) AS w(room_id, date_from, date_to)
                  JOIN banquet_room_occupancy o
                    ON o.room_id = w.room_id
                   AND NOT o.blocking
                   AND tsrange(o.date_from, o.date_to, '[)')
                       && tsrange(w.date_from, w.date_to, '[)')
                  JOIN banquet_room_booking b ON b.id = o.booking_id
                 WHERE b.state IN %s
                """,
                SQL(", ").join(SQL("(%s, %s::timestamp, %s::timestamp)", *w) for w in windows),
                QUEUED_STATUSES,
            )
        )
        orders = self.env["sale.order"].browse(row[0] for row in cr.fetchall())
        if not orders:
            return
        rows = orders.booking_ids._occupancy_rows()
        cr.execute(
            SQL(
                """
                SELECT DISTINCT c.booking_id
                  FROM (VALUES %s) AS c(booking_id, room_id, date_from, date_to)
                  JOIN banquet_room_occupancy o
                    ON o.room_id = c.room_id
                   AND o.blocking
                   AND tsrange(o.date_from, o.date_to, '[)')
                       && tsrange(c.date_from, c.date_to, '[)')
                """,
                SQL(", ").join(
                    SQL("(%s, %s, %s::timestamp, %s::timestamp)", *(row[:2] + row[3:5]))
                    for row in rows
                ),
            )
        )
        blocked = {row[0] for row in cr.fetchall()}
        taken = {}
        promoted = self.env["sale.order"]
        for order in orders.sorted(lambda o: (o.banquet_status != "second_option", o.id)):
            order_rows = [row for row in rows if row[0] in order.booking_ids.ids]
            if any(row[0] in blocked for row in order_rows) or any(
                start < row[4] and row[3] < stop
                for row in order_rows
                for start, stop in taken.get(row[1], [])
            ):
                continue
            promoted |= order
            for row in order_rows:
                taken.setdefault(row[1], []).append((row[3], row[4]))
        if promoted:
            promoted.write({"banquet_status": "tentative", "option_expiry_date": False})
            promoted._banquet_notify_salespeople(
                self.env._("Rooms available: booking promoted to first option"),
                self.env._(
                    "The booking ahead in the queue freed its rooms; this booking is now "
                    "a tentative first option. Contact the customer before the option expires."
                ),
            )

    @api.model
    def get_room_grid(
        self, date_from, days=7, company_ids=None, room_type=None, min_pax=0, states=None
    ):
        """Function diary as a grid of rooms by day, for the room grid client action.

        ``date_from`` is the first day shown; each hotel's days and times are its own
        (``banquet_tz``). Optional filters: hotels, room type, rooms holding at least
        ``min_pax`` guests, booking statuses. Returns the days, the rooms and, per room and
        day, the bookings occupying the room: its own and, marked ``via``, those of a
        combined room or of a section. Bookings are matched to rooms through a dict of
        physical rooms: the work grows with bookings plus rooms, not their product.
        """
        first_day = fields.Date.to_date(date_from)
        day_list = [first_day + timedelta(days=i) for i in range(max(1, min(int(days), 31)))]
        companies = self.env.companies
        if company_ids:
            companies = companies.filtered(lambda c: c.id in company_ids)
        all_rooms = self.env["banquet.room"].search([("company_id", "in", companies.ids)])
        rooms = all_rooms
        if room_type:
            rooms = rooms.filtered(lambda r: r.room_type == room_type)
        if min_pax:
            rooms = rooms.filtered(lambda r: r.capacity_max >= min_pax)

        # grid rooms sharing each physical room: a booking shows on every one of them.
        physical_of = {room.id: room._get_physical_rooms().ids for room in all_rooms}
        shown_by_physical = {}
        for room in rooms:
            for physical_id in physical_of[room.id]:
                shown_by_physical.setdefault(physical_id, []).append(room.id)

        # A day longer on each side covers every hotel's zone; local days are checked below.
        domain = [
            ("room_id", "in", all_rooms.ids),
            ("date_start", "<", datetime.combine(day_list[-1] + timedelta(days=2), time.min)),
            ("date_end", ">", datetime.combine(first_day - timedelta(days=1), time.min)),
            ("state", "not in", FREED_STATUSES),
        ]
        if states:
            domain.append(("state", "in", list(states)))
        bookings = self.search(domain) if rooms else self.browse()

        day_keys = [day.isoformat() for day in day_list]
        cells = {room.id: {key: [] for key in day_keys} for room in rooms}
        for booking in bookings:
            company = booking.company_id
            start = company._banquet_to_local(booking.date_start)
            end = company._banquet_to_local(booking.date_end)
            # An event ending at midnight does not occupy the next day.
            last = (end - timedelta(microseconds=1)).date()
            keys = [day.isoformat() for day in day_list if start.date() <= day <= last]
            if not keys:
                continue
            targets = {
                room_id
                for physical_id in physical_of[booking.room_id.id]
                for room_id in shown_by_physical.get(physical_id, ())
            }
            item = {
                "id": booking.id,
                "name": booking.event_name or booking.partner_id.name or "",
                "state": booking.state,
                "color": booking.color,
                "time": "%s-%s" % (start.strftime("%H:%M"), end.strftime("%H:%M")),
                "pax": booking.pax,
            }
            for room_id in targets:
                via = room_id != booking.room_id.id and booking.room_id.name
                for key in keys:
                    cells[room_id][key].append(dict(item, via=via))
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        room_types = self.env["banquet.room"]._fields["room_type"]._description_selection(self.env)
        return {
            "days": day_keys,
            "today": {company.id: company._banquet_today().isoformat() for company in companies},
            "rooms": [
                {
                    "id": room.id,
                    "name": room.name,
                    "code": room.code,
                    "combined": room.is_combined,
                    "hotel": room.company_id.name,
                    "room_type": room.room_type,
                    "capacity": room.capacity_max,
                    "area": room.area,
                }
                for room in rooms
            ],
            "cells": cells,
            "states": state_labels,
            "legend": [
                {"state": state, "label": state_labels[state], "color": STATUS_COLORS[state]}
                for state in state_labels
                if state not in FREED_STATUSES
            ],
            "hotels": [{"id": c.id, "name": c.name} for c in self.env.companies],
            "room_types": [{"value": value, "label": label} for value, label in room_types],
        }
