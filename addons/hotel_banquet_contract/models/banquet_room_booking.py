import logging
from collections import defaultdict
from datetime import time, timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date, format_datetime

from .banquet_room_occupancy import PROMOTABLE_STATUSES
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
        positions = self.env["banquet.room.occupancy"]._queue_positions(queued)
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
        freed = self.env["banquet.room.occupancy"]._blocking_windows(self)
        # sudo: the rental lines follow their function, whoever may delete it.
        lines = self.sudo().sale_line_ids
        confirmed = lines.filtered(lambda line: line.state == "sale")
        res = super().unlink()
        (lines - confirmed).unlink()
        confirmed.write({"product_uom_qty": 0})
        self.env["banquet.room.occupancy"]._promote_queue(freed)
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

    # Occupancy: the engine lives on banquet.room.occupancy, which owns the table --------

    def _sync_occupancy(self):
        """Rewrite the rooms these functions occupy (refusing double bookings) and promote
        the queue behind what they gave up."""
        self.env["banquet.room.occupancy"]._sync(self)

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

    # Queue -----------------------------------------------------------------------------

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
