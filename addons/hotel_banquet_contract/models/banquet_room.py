from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .banquet_room_booking import STATUS_COLORS
from .banquet_room_occupancy import FREED_STATUSES


class BanquetRoom(models.Model):
    """A bookable function space of a hotel (ballroom, meeting room, garden...).

    A room with ``component_ids`` is a combination of other rooms (Ballroom = A + B + C);
    a room without components is a physical room. Occupancy is always stored per
    physical room, so booking the whole blocks every section and vice versa.
    """

    _name = "banquet.room"
    _description = "Function Room"
    _inherit = ["mail.thread", "image.mixin"]
    _order = "company_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    room_type = fields.Selection(
        [
            ("ballroom", "Ballroom"),
            ("meeting", "Meeting Room"),
            ("boardroom", "Executive Boardroom"),
            ("dining", "Private Dining Room"),
            ("outdoor", "Outdoor Venue"),
            ("other", "Other"),
        ],
        default="meeting",
        required=True,
        help="Kind of space; the room grid and the room list filter on it.",
    )
    floor = fields.Char()
    area = fields.Float(string="Area (m²)", digits=(10, 1))
    ceiling_height = fields.Float(string="Ceiling Height (m)", digits=(6, 2))
    capacity_max = fields.Integer(string="Maximum Capacity", tracking=True)
    description = fields.Html(translate=True)
    capacity_ids = fields.One2many("banquet.room.capacity", "room_id", string="Capacities")
    rate_ids = fields.One2many(
        "banquet.room.rate",
        "room_id",
        string="Rental Rates",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    setup_minutes = fields.Integer(
        string="Setup Buffer (min)",
        default=60,
        help="Minutes blocked before each event to set the room up.",
    )
    teardown_minutes = fields.Integer(
        string="Teardown Buffer (min)",
        default=60,
        help="Minutes blocked after each event to clear the room.",
    )
    minimum_spend = fields.Monetary(
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        tracking=True,
        help="Minimum food and beverage revenue expected when the room is sold.",
    )
    component_ids = fields.Many2many(
        "banquet.room",
        "banquet_room_component_rel",
        "combined_id",
        "component_id",
        string="Sections",
        check_company=True,
        help="Rooms this room is made of. Booking it blocks each section; "
        "booking a section blocks it.",
    )
    combined_ids = fields.Many2many(
        "banquet.room",
        "banquet_room_component_rel",
        "component_id",
        "combined_id",
        string="Part Of",
        readonly=True,
    )
    is_combined = fields.Boolean(compute="_compute_is_combined", store=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Room codes must be unique per hotel."),
        ("area_positive", "CHECK(area >= 0)", "The room area cannot be negative."),
        ("capacity_positive", "CHECK(capacity_max >= 0)", "The room capacity cannot be negative."),
        (
            "buffers_positive",
            "CHECK(setup_minutes >= 0 AND teardown_minutes >= 0)",
            "Setup and teardown buffers cannot be negative.",
        ),
    ]

    @api.depends("component_ids")
    def _compute_is_combined(self):
        for room in self:
            room.is_combined = bool(room.component_ids)

    @api.constrains("component_ids")
    def _check_component_ids(self):
        if self._has_cycle("component_ids"):
            raise ValidationError(self.env._("A room cannot be one of its own sections."))

    def _get_physical_rooms(self):
        """Physical rooms (rooms without sections) that ``self`` occupies."""
        physical = self.browse()
        todo = self
        while todo:
            physical |= todo.filtered(lambda r: not r.component_ids)
            todo = todo.component_ids
        return physical

    def _banquet_local_date(self, when):
        """The hotel-local date of ``when``: a date is returned as is, a stored (naive UTC)
        datetime is read on the room's hotel clock."""
        self.ensure_one()
        if isinstance(when, datetime):
            return (self.company_id or self.env.company)._banquet_to_local(when).date()
        return when

    def _get_capacity(self, setup_style):
        """Capacity of the room for ``setup_style`` (maximum capacity when not configured)."""
        self.ensure_one()
        line = self.capacity_ids.filtered(lambda c: c.setup_style_id == setup_style)[:1]
        return line.capacity if line else self.capacity_max

    # Function diary ----------------------------------------------------------------------

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
        Booking = self.env["banquet.room.booking"]
        all_rooms = self.search([("company_id", "in", companies.ids)])
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
        bookings = Booking.search(domain) if rooms else Booking

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
        state_labels = dict(Booking._fields["state"]._description_selection(self.env))
        room_types = self._fields["room_type"]._description_selection(self.env)
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
