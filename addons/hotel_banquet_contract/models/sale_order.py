from datetime import timedelta

from odoo import api, fields, models

BANQUET_STATUSES = [
    ("inquiry", "Inquiry"),
    ("tentative", "Tentative (First Option)"),
    ("second_option", "Second Option"),
    ("waitlist", "Waitlist"),
    ("definite", "Definite"),
    ("actualised", "Actualised"),
    ("closed", "Closed"),
    ("released", "Released"),
    ("cancelled", "Cancelled"),
    ("lost", "Lost"),
]
# Statuses whose bookings hold the room exclusively.
BLOCKING_STATUSES = ("tentative", "definite", "actualised", "closed")
# Statuses that queue behind the blocker and are promoted when it lets the room go.
QUEUED_STATUSES = ("second_option", "waitlist")
# Statuses that give the rooms back.
FREED_STATUSES = ("released", "cancelled", "lost")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    is_banquet = fields.Boolean(
        string="Banquet Booking",
        default=lambda self: self.env.context.get("default_is_banquet", False),
    )
    event_name = fields.Char(tracking=True)
    event_type_id = fields.Many2one("banquet.event.type", tracking=True, check_company=True)
    event_date_start = fields.Datetime(string="Event Start", tracking=True)
    event_date_end = fields.Datetime(string="Event End", tracking=True)
    expected_pax = fields.Integer(string="Expected Attendance", tracking=True)
    guaranteed_pax = fields.Integer(string="Guaranteed Attendance", tracking=True)
    actual_pax = fields.Integer(string="Actual Attendance", tracking=True)
    banquet_status = fields.Selection(
        BANQUET_STATUSES,
        default="inquiry",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        help="Tentative and definite bookings block their rooms; second options and "
        "waitlisted bookings queue behind them and are promoted when the rooms are freed.",
    )
    option_expiry_date = fields.Date(
        tracking=True,
        copy=False,
        help="A tentative booking is released by the system after this date.",
    )
    option_reminder_sent = fields.Boolean(
        copy=False,
        help="The salesperson was reminded that this option is about to expire.",
    )
    booking_ids = fields.One2many(
        "banquet.room.booking", "order_id", string="Function Room Bookings", copy=True
    )

    _sql_constraints = [
        (
            "banquet_pax_positive",
            "CHECK(expected_pax >= 0 AND guaranteed_pax >= 0 AND actual_pax >= 0)",
            "Attendance figures cannot be negative.",
        ),
        (
            "banquet_event_dates_ordered",
            (
                "CHECK(event_date_end IS NULL OR event_date_start IS NULL"
                " OR event_date_end >= event_date_start)"
            ),
            "The event cannot end before it starts.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(lambda o: o.banquet_status != "inquiry")._banquet_apply_status()
        return orders

    def write(self, vals):
        res = super().write(vals)
        if "banquet_status" in vals and not self.env.context.get("banquet_status_sync"):
            self._banquet_apply_status()
        return res

    def action_confirm(self):
        banquets = self.filtered(lambda o: o.is_banquet and o.banquet_status != "definite")
        if banquets and not self.env.context.get("banquet_status_sync"):
            banquets.with_context(banquet_status_sync=True).write({"banquet_status": "definite"})
            banquets.booking_ids._sync_occupancy()
        return super().action_confirm()

    def _action_cancel(self):
        banquets = self.filtered(lambda o: o.is_banquet and o.banquet_status not in FREED_STATUSES)
        if banquets and not self.env.context.get("banquet_status_sync"):
            banquets.with_context(banquet_status_sync=True).write({"banquet_status": "cancelled"})
            banquets._banquet_free_rooms()
        return super()._action_cancel()

    # Status transitions --------------------------------------------------

    def _banquet_apply_status(self):
        """Propagate a new banquet status to rooms and to ``sale.order.state``."""
        tentative = self.filtered(
            lambda o: o.banquet_status == "tentative" and not o.option_expiry_date
        )
        for company, orders in tentative.grouped("company_id").items():
            expiry = fields.Date.context_today(self) + timedelta(days=company.banquet_option_days)
            orders.with_context(banquet_status_sync=True).write(
                {"option_expiry_date": expiry, "option_reminder_sent": False}
            )
        # Reopening a cancelled quotation (new option after a release, a lost deal won back).
        self.filtered(
            lambda o: o.state == "cancel" and o.banquet_status not in FREED_STATUSES
        ).action_draft()
        self.booking_ids._sync_occupancy()
        synced = self.with_context(banquet_status_sync=True)
        synced.filtered(
            lambda o: o.banquet_status == "definite" and o.state in ("draft", "sent")
        ).action_confirm()
        freed = self.filtered(lambda o: o.banquet_status in FREED_STATUSES)
        synced.browse(freed.filtered(lambda o: o.state != "cancel").ids)._action_cancel()
        freed.booking_ids._promote_queue()

    def _banquet_free_rooms(self):
        """The rooms of ``self`` are free again: drop their rows, promote the queue."""
        bookings = self.booking_ids
        bookings._sync_occupancy()
        bookings._promote_queue()

    def _banquet_set_status(self, status):
        self.write({"banquet_status": status})
        return True

    def action_banquet_tentative(self):
        return self._banquet_set_status("tentative")

    def action_banquet_second_option(self):
        return self._banquet_set_status("second_option")

    def action_banquet_waitlist(self):
        return self._banquet_set_status("waitlist")

    def action_banquet_definite(self):
        return self._banquet_set_status("definite")

    def action_banquet_actualise(self):
        return self._banquet_set_status("actualised")

    def action_banquet_close(self):
        return self._banquet_set_status("closed")

    def action_banquet_release(self):
        return self._banquet_set_status("released")

    def action_banquet_lost(self):
        return self._banquet_set_status("lost")

    def action_banquet_find_rooms(self):
        """Open the availability search prefilled with this quotation's event."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Function Room Availability"),
            "res_model": "banquet.availability.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_order_id": self.id,
                "default_company_id": self.company_id.id,
                "default_partner_id": self.partner_id.id,
                "default_event_name": self.event_name,
                "default_date_start": self.event_date_start,
                "default_date_end": self.event_date_end,
                "default_pax": self.expected_pax or 1,
            },
        }

    def _banquet_notify_salespeople(self, summary, note):
        """One to-do activity per order for its salesperson, created in one batch."""
        if not self:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id("sale.order")
        today = fields.Date.context_today(self)
        # The to-do shows in each salesperson's activity menu; skipping core's
        # one-email-per-activity keeps the cron's cost constant whatever it touches.
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": order.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": summary,
                    "note": note,
                    "user_id": (order.user_id or self.env.user).id,
                    "date_deadline": today,
                }
                for order in self
            ]
        )

    @api.model
    def _cron_release_expired_options(self):
        """Release first options past their expiry date and promote the queue behind them."""
        expired = self.search(
            [
                ("is_banquet", "=", True),
                ("banquet_status", "=", "tentative"),
                ("option_expiry_date", "<", fields.Date.context_today(self)),
            ]
        )
        if expired:
            expired.write({"banquet_status": "released"})
            expired._banquet_notify_salespeople(
                self.env._("Option expired: rooms released"),
                self.env._("The option expired and its function rooms were released."),
            )
        self._banquet_remind_expiring_options()

    @api.model
    def _banquet_remind_expiring_options(self):
        """Give salespeople a to-do, once, when a first option is about to expire."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        horizon = today + timedelta(
            days=max(companies.mapped("banquet_option_reminder_days") or [0])
        )
        candidates = self.search(
            [
                ("is_banquet", "=", True),
                ("banquet_status", "=", "tentative"),
                ("option_reminder_sent", "=", False),
                ("option_expiry_date", ">=", today),
                ("option_expiry_date", "<=", horizon),
            ]
        )
        due = candidates.filtered(
            lambda o: (
                o.option_expiry_date
                <= today + timedelta(days=o.company_id.banquet_option_reminder_days)
            )
        )
        if not due:
            return
        due.write({"option_reminder_sent": True})
        due._banquet_notify_salespeople(
            self.env._("Option expires soon: chase the client"),
            self.env._(
                "The first option on these rooms expires soon. Ask the client to confirm, "
                "extend the option or release the rooms."
            ),
        )
