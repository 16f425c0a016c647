from odoo import api, fields, models

DAY_PARTS = [
    ("morning", "Morning"),
    ("afternoon", "Afternoon"),
    ("evening", "Evening"),
    ("full_day", "Full Day"),
    ("hourly", "Hourly"),
]

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class BanquetRoomRate(models.Model):
    """Rental rate of a function room for a day part, optionally by season and weekday."""

    _name = "banquet.room.rate"
    _description = "Function Room Rental Rate"
    _order = "room_id, date_from, day_part"
    _check_company_auto = True

    room_id = fields.Many2one("banquet.room", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    day_part = fields.Selection(DAY_PARTS, required=True, default="full_day")
    date_from = fields.Date(string="Season Start")
    date_to = fields.Date(string="Season End")
    weekday = fields.Selection(WEEKDAYS, help="Leave empty for every day of the week.")
    price = fields.Monetary(required=True, currency_field="currency_id")
    minimum_spend = fields.Monetary(
        currency_field="currency_id",
        help="Minimum spend of the room for this day part (and season, weekday): what the "
        "function's order lines must reach. Empty: the room's own minimum spend applies.",
    )

    _sql_constraints = [
        (
            "season_ordered",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_to >= date_from)",
            "A season cannot end before it starts.",
        ),
        ("price_positive", "CHECK(price >= 0)", "A rental rate cannot be negative."),
        (
            "minimum_spend_positive",
            "CHECK(minimum_spend IS NULL OR minimum_spend >= 0)",
            "A minimum spend cannot be negative.",
        ),
    ]

    @api.model
    def _get_rate(self, room, day_part, when):
        """Most specific rate of ``room`` for ``day_part`` on ``when`` (weekday and season
        win). ``when`` is the hotel-local date, or a stored (UTC) datetime such as a
        booking's start, which is read on the room's hotel clock."""
        return self.search([("room_id", "=", room.id)])._select_rate(room, day_part, when)

    def _select_rate(self, room, day_part, when):
        """Among ``self``, the most specific rate of ``room`` for ``day_part`` on ``when``.

        ``when`` is a date (already the hotel's) or a naive UTC datetime as Odoo stores it:
        its weekday and season are those of the room's hotel, never the user's or the
        server's zone (an event at 00:30 on Saturday in Shanghai is a Saturday event).
        """
        date = room._banquet_local_date(when)
        weekday = str(date.weekday())
        rates = self.filtered(
            lambda r: (
                r.room_id == room
                and r.day_part == day_part
                and (not r.date_from or r.date_from <= date)
                and (not r.date_to or r.date_to >= date)
                and (not r.weekday or r.weekday == weekday)
            )
        )
        return rates.sorted(lambda r: (bool(r.weekday), bool(r.date_from)), reverse=True)[:1]
