import logging
import re
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
from markupsafe import Markup, escape

from odoo import api, fields, models, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_date, format_datetime

from .banquet_room_occupancy import overlap_sql
from .banquet_room_rate import DAY_PARTS
from .sale_order import (
    ALLOWED_TRANSITIONS,
    BLOCKING_HOLDS,
    BLOCKING_STATUSES,
    ENDED_STATUSES,
    HOLDS,
    QUEUED_HOLDS,
)

_logger = logging.getLogger(__name__)

# What the diary shows for a function: its hold while it waits, its event's status
# once it holds the room.
DIARY_STATES = [
    ("inquiry", "Inquiry"),
    ("first_option", "First Option"),
    ("second_option", "Second Option"),
    ("waitlist", "Waitlist"),
    ("tentative", "Tentative"),
    ("definite", "Definite"),
    ("actualised", "Actualised"),
    ("closed", "Closed"),
    ("released", "Released"),
    ("cancelled", "Cancelled"),
    ("lost", "Lost"),
]
# Diary states whose functions occupy no room at all.
FREED_STATUSES = ("released", "cancelled", "lost")
# Diary colours (Odoo's colour palette) by state: yellow options, green definite...
STATUS_COLORS = {
    "inquiry": 0,
    "first_option": 3,
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
# Event statuses whose queued functions are promoted when their room frees up.
PROMOTABLE_STATUSES = ("tentative", "definite")


class BanquetRoomBooking(models.Model):
    """A function of a banquet event: a room for a time, its setup and attendance, and how
    firmly the room is held (``hold``). Priced on a sale order line of the event's order."""

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
    # Indexed for the diary and lists of a period (date_end > its start): the hotel's
    # history lies before it, so the rows read do not grow with the history.
    date_end = fields.Datetime(string="End", required=True, index=True)
    setup_style_id = fields.Many2one("banquet.setup.style", check_company=True)
    expected_pax = fields.Integer(string="Expected Attendance")
    guaranteed_pax = fields.Integer(
        string="Guaranteed Attendance", help="Final number given at the guarantee cut-off."
    )
    actual_pax = fields.Integer(string="Actual Attendance", help="Counted on the day.")
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
    day_part = fields.Selection(
        DAY_PARTS,
        compute="_compute_day_part",
        store=True,
        readonly=False,
        precompute=True,
        help="Day part whose rental rate prices the room; set from the hotel-local times.",
    )
    hold = fields.Selection(
        HOLDS,
        default="first_option",
        required=True,
        readonly=True,
        index=True,
        copy=False,
        help="How firmly this function holds its room. Held and first options block the "
        "room once the event is tentative or definite; second options and the waitlist "
        "queue behind them and are promoted when the room frees up.",
    )
    event_status = fields.Selection(
        related="order_id.banquet_status", string="Event Status", store=True, index=True
    )
    blocking = fields.Boolean(
        compute="_compute_blocking",
        store=True,
        index=True,
        help="The function holds its room exclusively (held or first option of a "
        "tentative or definite event).",
    )
    state = fields.Selection(
        DIARY_STATES,
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
        help="The function's hold while it waits, its event's status once it holds the room.",
    )
    option_expiry_date = fields.Date(
        compute="_compute_option_expiry_date",
        store=True,
        readonly=False,
        copy=False,
        help="The hotel releases this first option after this date (hotel's calendar).",
    )
    option_reminder_sent = fields.Boolean(
        compute="_compute_option_reminder_sent",
        store=True,
        readonly=False,
        copy=False,
        help="The salesperson was reminded that this option is about to expire.",
    )
    queue_position = fields.Integer(
        compute="_compute_queue_position",
        help="Place of this second option or waitlisted function in the queue for its room "
        "(1 = next to be promoted).",
    )
    event_name = fields.Char(related="order_id.event_name", store=True)
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer", store=True)
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson", store=True)
    color = fields.Integer(compute="_compute_color")
    currency_id = fields.Many2one(related="order_id.currency_id")
    sale_line_ids = fields.One2many(
        "sale.order.line",
        "banquet_booking_id",
        string="Order Lines",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    rental_amount = fields.Monetary(
        compute="_compute_rental_amount",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        help="Room rental as priced on the order line (room rate through the pricelist).",
    )

    _sql_constraints = [
        (
            "numbers_positive",
            (
                "CHECK(expected_pax >= 0 AND guaranteed_pax >= 0 AND actual_pax >= 0 "
                "AND setup_minutes >= 0 AND teardown_minutes >= 0)"
            ),
            "Attendance and buffers cannot be negative.",
        ),
    ]

    @api.depends("room_id")
    def _compute_buffers(self):
        for booking in self:
            booking.setup_minutes = booking.room_id.setup_minutes
            booking.teardown_minutes = booking.room_id.teardown_minutes

    @api.depends("date_start", "date_end", "company_id")
    def _compute_day_part(self):
        for booking in self:
            if not (booking.date_start and booking.date_end):
                booking.day_part = booking.day_part or "full_day"
                continue
            company = booking.company_id or self.env.company
            start = company._banquet_to_local(booking.date_start)
            end = company._banquet_to_local(booking.date_end)
            if end.date() != start.date() or (end - start) > timedelta(hours=8):
                booking.day_part = "full_day"
            elif end.time() <= time(13, 0):
                booking.day_part = "morning"
            elif start.time() >= time(17, 0):
                booking.day_part = "evening"
            elif start.time() >= time(12, 0) and end.time() <= time(18, 30):
                booking.day_part = "afternoon"
            else:
                booking.day_part = "full_day"

    @api.depends("hold", "event_status")
    def _compute_blocking(self):
        for booking in self:
            booking.blocking = (
                booking.hold in BLOCKING_HOLDS and booking.event_status in BLOCKING_STATUSES
            )

    @api.depends("hold", "event_status")
    def _compute_state(self):
        for booking in self:
            if booking.event_status in ENDED_STATUSES:
                booking.state = booking.event_status
            elif booking.hold in ("released",) + QUEUED_HOLDS:
                booking.state = booking.hold
            elif booking.event_status in ("inquiry", False):
                booking.state = "inquiry"
            elif booking.hold == "first_option":
                booking.state = "first_option"
            else:
                booking.state = booking.event_status

    @api.depends("hold", "event_status")
    def _compute_option_expiry_date(self):
        for booking in self:
            if booking.hold == "first_option" and booking.event_status in PROMOTABLE_STATUSES:
                company = booking.company_id or self.env.company
                booking.option_expiry_date = booking.option_expiry_date or (
                    company._banquet_today() + timedelta(days=company.banquet_option_days)
                )
            else:
                booking.option_expiry_date = False

    @api.depends("option_expiry_date")
    def _compute_option_reminder_sent(self):
        self.option_reminder_sent = False

    def _compute_queue_position(self):
        queued = self.filtered(lambda b: b.id and b.hold in QUEUED_HOLDS)
        positions = queued._queue_positions()
        for booking in self:
            booking.queue_position = positions.get(booking.id, 0)

    @api.depends("state")
    def _compute_color(self):
        for booking in self:
            booking.color = STATUS_COLORS.get(booking.state, 0)

    @api.depends("sale_line_ids.price_subtotal")
    def _compute_rental_amount(self):
        for booking in self:
            booking.rental_amount = sum(booking._banquet_rental_lines().mapped("price_subtotal"))

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

    @api.constrains("room_id", "expected_pax", "guaranteed_pax", "setup_style_id")
    def _check_room(self):
        for booking in self:
            room = booking.room_id
            if not room.active:
                raise ValidationError(
                    self.env._("The function room %s is archived and cannot be booked.", room.name)
                )
            capacity = room._get_capacity(booking.setup_style_id)
            pax = max(booking.expected_pax, booking.guaranteed_pax)
            if pax > capacity:
                raise ValidationError(
                    self.env._(
                        "%(room)s holds at most %(capacity)s guests in %(style)s setup, "
                        "not %(pax)s.",
                        room=room.name,
                        capacity=capacity,
                        style=booking.setup_style_id.name or self.env._("any"),
                        pax=pax,
                    )
                )

    # CRUD: the one create/write/unlink of banquet.room.booking; pricing's part is
    # ``_banquet_pricing_after_change`` (banquet_room_booking_pricing.py).

    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        for booking in bookings.filtered(lambda b: b.hold == "held"):
            if booking.event_status not in ("definite", "actualised", "closed"):
                raise UserError(
                    self.env._(
                        "The function %(function)s of %(order)s can only be held once its "
                        "event is definite.",
                        function=booking.display_name,
                        order=booking.order_id.name,
                    )
                )
        bookings._sync_occupancy()
        bookings._banquet_sync_sale_lines()
        bookings._banquet_pricing_after_change()
        return bookings

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        confirmed = self.filtered(lambda b: b.event_status in ("definite", "actualised", "closed"))
        if confirmed:
            raise UserError(
                self.env._(
                    "The function %s of a confirmed event is part of the record and cannot "
                    "be deleted: release it instead.",
                    confirmed[0].display_name,
                )
            )

    def unlink(self):
        freed = self._blocking_windows()
        # sudo: the rental lines follow their function, whoever may delete it.
        lines = self.sudo().sale_line_ids
        confirmed = lines.filtered(lambda line: line.state == "sale")
        res = super().unlink()
        (lines - confirmed).unlink()
        confirmed.write({"product_uom_qty": 0})
        self.env["banquet.room.booking"]._promote_queue(freed)
        return res

    def write(self, vals):
        hold = vals.get("hold")
        if "hold" in vals:
            vals = dict(vals)
            del vals["hold"]
        res = super().write(vals) if vals else True
        if {"room_id", "date_start", "date_end", "setup_minutes", "teardown_minutes"} & set(vals):
            self._sync_occupancy()
        if hold:
            self._banquet_set_hold(hold)
        if {"room_id", "date_start", "date_end", "day_part"} & set(vals):
            self._banquet_sync_sale_lines()
        self._banquet_pricing_after_change(set(vals) | ({"hold"} if hold else set()))
        return res

    # Holds -----------------------------------------------------------------------------

    def _hold_label(self, hold):
        return dict(self._fields["hold"]._description_selection(self.env))[hold]

    def _banquet_hold_error(self, hold):
        """Why the function ``self`` cannot take ``hold`` (False when it can)."""
        self.ensure_one()
        if hold not in ALLOWED_TRANSITIONS["hold"][self.hold]:
            return self.env._(
                "The function %(function)s of %(order)s cannot go from %(current)s to %(new)s.",
                function=self.display_name,
                order=self.order_id.name,
                current=self._hold_label(self.hold),
                new=self._hold_label(hold),
            )
        if hold == "held" and self.event_status not in ("definite", "actualised", "closed"):
            return self.env._(
                "The function %(function)s of %(order)s can only be held once its event "
                "is definite.",
                function=self.display_name,
                order=self.order_id.name,
            )
        if hold != "released" and self.event_status in ENDED_STATUSES:
            return self.env._(
                "The event %(order)s is cancelled or lost: reopen it before asking for "
                "%(function)s again.",
                function=self.display_name,
                order=self.order_id.name,
            )
        return False

    def _banquet_set_hold(self, hold):
        """Give the functions of ``self`` the hold ``hold`` through the allowed transitions;
        their rooms follow (conflicts refused, freed rooms promote the queue)."""
        changing = self.filtered(lambda b: b.hold != hold)
        for booking in changing:
            error = booking._banquet_hold_error(hold)
            if error:
                raise UserError(error)
        if not changing:
            return True
        super(BanquetRoomBooking, changing).write({"hold": hold})
        changing._sync_occupancy()
        changing._banquet_sync_sale_lines()
        # a released function sells no package; one asked for again sells them again
        changing.order_id._banquet_sync_pax_quantities()
        return True

    def action_first_option(self):
        """Ask for the room as a first option (blocks it once the event is tentative)."""
        return self._banquet_set_hold("first_option")

    def action_second_option(self):
        return self._banquet_set_hold("second_option")

    def action_waitlist(self):
        return self._banquet_set_hold("waitlist")

    def action_hold(self):
        """The contract covers this function: hold its room."""
        return self._banquet_set_hold("held")

    def action_release(self):
        """Give the room back; the next function in the queue is promoted."""
        return self._banquet_set_hold("released")

    # Sale order lines ------------------------------------------------------------------

    def _banquet_rental_product(self):
        # The cached xmlid lookup, not env.ref(): no existence query for every function.
        return self.env["product.product"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "hotel_banquet_contract.product_function_room_rental"
            )
        )

    def _banquet_rental_lines(self):
        product = self._banquet_rental_product()
        return self.sale_line_ids.filtered(lambda line: line.product_id == product)

    def _banquet_rental_quantity(self):
        """Hours for an hourly rate, one day part otherwise; nothing once released."""
        self.ensure_one()
        if self.hold == "released":
            return 0.0
        if self.day_part == "hourly":
            return round((self.date_end - self.date_start).total_seconds() / 3600, 2)
        return 1.0

    def _banquet_rental_description(self):
        self.ensure_one()
        company = self.company_id
        start = company._banquet_to_local(self.date_start)
        end = company._banquet_to_local(self.date_end)
        day_part = dict(self._fields["day_part"]._description_selection(self.env)).get(
            self.day_part, ""
        )
        return self.env._(
            "Function room rental: %(room)s, %(day)s %(start)s-%(end)s (%(day_part)s)",
            room=self.room_id.name,
            day=format_date(self.env, start.date()),
            start=start.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
            day_part=day_part,
        )

    def _banquet_rental_unit_price(self):
        """Room rate of the function's day part on its hotel-local date (0 without a rate)."""
        self.ensure_one()
        local_day = self.company_id._banquet_to_local(self.date_start).date()
        # sudo: rates are configuration the salesperson reads only through the price.
        # Reading them through the room prefetches the rates of every room at once.
        room = self.room_id.sudo()
        rate = room.rate_ids._select_rate(room, self.day_part or "full_day", local_day)
        return rate.price

    def _banquet_sync_sale_lines(self):
        """Keep one room rental line per function on its order, priced from the room's
        rates through the order's pricelist (one write or create per changed function)."""
        # sudo: the function's own rental line follows it, whoever moves the function.
        bookings = self.sudo().filtered(lambda b: not b.order_id.locked)
        product = self._banquet_rental_product()
        to_create = []
        to_write = defaultdict(lambda: self.env["sale.order.line"].sudo())
        for booking in bookings:
            quantity = booking._banquet_rental_quantity()
            line = booking._banquet_rental_lines()[:1]
            name = booking._banquet_rental_description()
            if line:
                vals = {}
                if line.product_uom_qty != quantity:
                    vals["product_uom_qty"] = quantity
                if line.name != name:
                    vals["name"] = name
                if vals:
                    to_write[tuple(sorted(vals.items()))] |= line
            elif quantity:
                to_create.append(
                    {
                        "order_id": booking.order_id.id,
                        "banquet_booking_id": booking.id,
                        "product_id": product.id,
                        "product_uom_qty": quantity,
                        "name": name,
                    }
                )
        # Lines changing the same way (a batch of releases) are written together.
        for vals, lines in to_write.items():
            vals = dict(vals)
            if vals.get("product_uom_qty") == 0:
                # A released function's line drops to zero and keeps its price: core would
                # look its pricelist rule up again line by line, so a batch of releases
                # (the option cron) would cost a query per function.
                price_fields = [
                    lines._fields[name]
                    for name in ("pricelist_item_id", "price_unit", "discount")
                    if name in lines._fields
                ]
                with self.env.protecting(price_fields, lines):
                    lines.write(vals)
            else:
                lines.write(vals)
        if to_create:
            # sudo: the function's own rental line follows it, whoever books the function
            self.env["sale.order.line"].sudo().create(to_create)

    # Occupancy -------------------------------------------------------------------------

    def _occupancy_rows(self):
        """(booking, physical room, company, from, to, blocking) for every room asked for."""
        rows = []
        for booking in self:
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

    def _blocking_windows(self):
        """(physical room, from, to) of the blocking rows ``self`` holds now."""
        if not self:
            return []
        self.env.cr.execute(
            """
            SELECT room_id, date_from, date_to FROM banquet_room_occupancy
             WHERE booking_id = ANY(%s) AND blocking
            """,
            [self.ids],
        )
        return self.env.cr.fetchall()

    def _delete_occupancy(self):
        """Drop the occupancy rows of ``self``; return the blocking windows they freed."""
        if not self:
            return []
        self.env.cr.execute(
            """
            DELETE FROM banquet_room_occupancy WHERE booking_id = ANY(%s)
            RETURNING room_id, date_from, date_to, blocking
            """,
            [self.ids],
        )
        return [row[:3] for row in self.env.cr.fetchall() if row[3]]

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

    def _sync_occupancy(self):
        """Rewrite the occupancy rows of ``self``; refuse double bookings; promote the
        queue behind any blocking range given up. Constant number of queries."""
        if not self:
            return
        cr = self.env.cr
        self.flush_recordset()
        rows = self._occupancy_rows()
        self._check_conflicts(rows)
        locked_rooms = {row[1] for row in rows if row[5]}
        for attempt in range(3):
            try:
                with cr.savepoint(flush=False):
                    self._lock_rooms(locked_rooms)
                    freed = self._delete_occupancy()
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
                raise ValidationError(self._concurrent_conflict_message(rows, error)) from error
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
        self.env["banquet.room.occupancy"].invalidate_model()
        # A function put back in the queue by hand is not promoted over its own room.
        self._promote_queue(freed, exclude_ids=self.ids)

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
                    ON o.blocking
                   AND %s
                   AND o.booking_id != ALL(%s)
                 LIMIT 1
                """,
                values,
                overlap_sql("o", SQL("c.room_id"), SQL("c.date_from"), SQL("c.date_to")),
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
    def _get_busy_physical_rooms(self, physical_rooms, date_from, date_to, exclude_ids=()):
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

    # Queue -----------------------------------------------------------------------------

    def _queue_positions(self, extra_ids=()):
        """{function id: place in the queue} for the queued functions of ``self``: 1 + the
        queued functions ahead of it (second options first, then by age) on any of its
        physical rooms at overlapping times. One query."""
        if not self:
            return {}
        self.flush_model(["hold", "event_status"])
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
                self.ids,
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
        bookings = self.sudo()
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
        positions_before = waiting._queue_positions()
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
        rows = waiting._occupancy_rows()
        rows_by_booking = defaultdict(list)
        for row in rows:
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
        positions_after = still_waiting._queue_positions()
        moved = still_waiting.filtered(
            lambda b: positions_after.get(b.id) != positions_before.get(b.id)
        )
        promoted._banquet_notify_promotion(moved, positions_after)

    def _banquet_notify_promotion(self, moved, positions):
        """Tell the salespeople: a to-do and a message for each promoted function's
        salesperson, a message for those whose function moved up the queue. One message
        per person, whatever the number of functions."""
        self.order_id._banquet_notify_salespeople(
            self.env._("Rooms available: function promoted to first option"),
            self.env._(
                "The booking ahead in the queue freed its room; this function is now a "
                "first option. Contact the customer before the option expires."
            ),
        )
        by_user = defaultdict(lambda: (self.browse(), self.browse()))
        for booking in self:
            promoted, waiting = by_user[booking.order_id.user_id]
            by_user[booking.order_id.user_id] = (promoted | booking, waiting)
        for booking in moved:
            promoted, waiting = by_user[booking.order_id.user_id]
            by_user[booking.order_id.user_id] = (promoted, waiting | booking)
        for user, (promoted, waiting) in by_user.items():
            if not user.partner_id:
                continue
            booking = self.with_context(lang=user.lang or self.env.context.get("lang"))
            items = [
                booking.env._(
                    "%(function)s (%(order)s, %(period)s) is now a first option until %(expiry)s.",
                    function=function.display_name,
                    order=function.order_id.name,
                    period=function._format_period(),
                    expiry=format_date(booking.env, function.option_expiry_date),
                )
                for function in promoted
            ] + [
                booking.env._(
                    "%(function)s (%(order)s, %(period)s) moved up the waiting queue: "
                    "it is now number %(position)s.",
                    function=function.display_name,
                    order=function.order_id.name,
                    period=function._format_period(),
                    position=positions.get(function.id),
                )
                for function in waiting
            ]
            body = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % escape(item) for item in items
            )
            self.env["mail.thread"].message_notify(
                partner_ids=user.partner_id.ids,
                subject=booking.env._("Function room queue: your bookings moved"),
                body=body,
                subtype_xmlid="mail.mt_comment",
            )

    # Crons -----------------------------------------------------------------------------

    _banquet_cron_batch = 100

    @api.model
    def _expired_options_domain(self):
        """First options past their expiry date in their own hotel's calendar."""
        return [
            ("hold", "=", "first_option"),
            ("event_status", "in", PROMOTABLE_STATUSES),
            *self.env["res.company"]._banquet_date_domain("option_expiry_date", "<"),
        ]

    @api.model
    def _cron_release_expired_options(self):
        """Release first options past their expiry (hotel date), promote the queue behind
        them and remind salespeople of options about to expire. Works in batches of
        ``_banquet_cron_batch``; a conflict in one promotion does not undo the others."""
        domain = self._expired_options_domain()
        expired = self.search(domain, limit=self._banquet_cron_batch)
        if expired:
            try:
                with self.env.cr.savepoint():
                    expired._banquet_set_hold("released")
            except (UserError, ValidationError):
                # Rare: a promotion ran into a concurrent booking. Release one by one so
                # that only the function concerned is left for the next run.
                _logger.info("Releasing expired options one by one after a conflict")
                released = self.browse()
                for booking in expired:
                    try:
                        with self.env.cr.savepoint():
                            booking._banquet_set_hold("released")
                        released |= booking
                    except (UserError, ValidationError) as error:
                        _logger.warning("Could not release %s: %s", booking.display_name, error)
                expired = released
            expired.order_id._banquet_notify_salespeople(
                self.env._("Option expired: room released"),
                self.env._("A first option expired and its function room was released."),
            )
        self._banquet_remind_expiring_options()
        self.env["ir.cron"]._notify_progress(
            done=len(expired), remaining=self.search_count(domain) if expired else 0
        )

    @api.model
    def _banquet_remind_expiring_options(self):
        """Give salespeople a to-do, once, when a first option is about to expire."""
        # sudo: a cron serves every hotel on its own clock, whatever the cron user may see
        companies = self.env["res.company"].sudo().search([])
        due_domain = ["|"] * (len(companies) - 1)
        for company in companies:
            today = company._banquet_today()
            due_domain += [
                "&",
                "&",
                ("company_id", "=", company.id),
                ("option_expiry_date", ">=", today),
                (
                    "option_expiry_date",
                    "<=",
                    today + timedelta(days=company.banquet_option_reminder_days),
                ),
            ]
        due = self.search(
            [
                ("hold", "=", "first_option"),
                ("event_status", "in", PROMOTABLE_STATUSES),
                ("option_reminder_sent", "=", False),
                *due_domain,
            ],
            limit=self._banquet_cron_batch,
        )
        if not due:
            return
        due.write({"option_reminder_sent": True})
        due.order_id._banquet_notify_salespeople(
            self.env._("Option expires soon: chase the client"),
            self.env._(
                "A first option on a function room expires soon. Ask the client to confirm, "
                "extend the option or release the room."
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
                "pax": booking.expected_pax,
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
