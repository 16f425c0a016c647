from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

# Commercial status of the event (DESIGN.md decision 3). Each function (room booking)
# holds its room on its own level, see ``banquet.room.booking.hold``.
BANQUET_STATUSES = [
    ("inquiry", "Inquiry"),
    ("tentative", "Tentative"),
    ("definite", "Definite"),
    ("actualised", "Actualised"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
    ("lost", "Lost"),
]
HOLDS = [
    ("held", "Held"),
    ("first_option", "First Option"),
    ("second_option", "Second Option"),
    ("waitlist", "Waitlist"),
    ("released", "Released"),
]
# Event statuses whose held and first-option functions block their rooms.
BLOCKING_STATUSES = ("tentative", "definite", "actualised", "closed")
# Holds that block the room while the event is in a blocking status.
BLOCKING_HOLDS = ("held", "first_option")
# Holds that queue behind the blocker and are promoted when it lets the room go.
QUEUED_HOLDS = ("second_option", "waitlist")
# Event statuses that end the event without it taking place.
ENDED_STATUSES = ("cancelled", "lost")

# The one allowed-transition map: every change of an event status or of a function's
# hold, whatever its path (button, RPC write, import, cron, confirmation), goes through it.
ALLOWED_TRANSITIONS = {
    "banquet_status": {
        "inquiry": ("tentative", "definite", "cancelled", "lost"),
        "tentative": ("inquiry", "definite", "cancelled", "lost"),
        "definite": ("actualised", "cancelled"),
        "actualised": ("closed",),
        "closed": (),
        "cancelled": ("inquiry",),
        "lost": ("inquiry",),
    },
    "hold": {
        "held": ("released",),
        "first_option": ("held", "second_option", "waitlist", "released"),
        "second_option": ("first_option", "waitlist", "released"),
        "waitlist": ("first_option", "second_option", "released"),
        "released": ("first_option", "second_option", "waitlist"),
    },
}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "banquet.decision.mixin"]

    is_banquet = fields.Boolean(
        string="Banquet Booking",
        default=lambda self: self.env.context.get("default_is_banquet", False),
    )
    event_name = fields.Char(tracking=True)
    event_type_id = fields.Many2one("banquet.event.type", tracking=True, check_company=True)
    booking_ids = fields.One2many(
        "banquet.room.booking",
        "order_id",
        string="Functions",
        copy=False,
        groups="hotel_banquet_crm.group_banquet_department",
    )
    event_date_start = fields.Datetime(
        string="Event Start",
        compute="_compute_banquet_event",
        store=True,
        readonly=False,
        tracking=True,
        help="Start of the first function; before any function is booked, the date asked for.",
    )
    event_date_end = fields.Datetime(
        string="Event End",
        compute="_compute_banquet_event",
        store=True,
        readonly=False,
        tracking=True,
        help="End of the last function.",
    )
    expected_pax = fields.Integer(
        string="Expected Attendance",
        compute="_compute_banquet_event",
        store=True,
        readonly=False,
        tracking=True,
        help="Largest expected attendance of the event's functions.",
    )
    guaranteed_pax = fields.Integer(
        string="Guaranteed Attendance",
        compute="_compute_banquet_event",
        store=True,
        readonly=False,
        tracking=True,
        help="Largest guaranteed attendance of the event's functions.",
    )
    actual_pax = fields.Integer(
        string="Actual Attendance",
        compute="_compute_banquet_event",
        store=True,
        readonly=False,
        tracking=True,
        help="Largest actual attendance of the event's functions.",
    )
    banquet_status = fields.Selection(
        BANQUET_STATUSES,
        string="Event Status",
        default="inquiry",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
        help="Tentative and later events block the rooms their held and first-option "
        "functions ask for. Changed only by the event's buttons, which follow the "
        "allowed transitions.",
    )
    option_expiry_date = fields.Date(
        compute="_compute_option_expiry_date",
        store=True,
        help="First expiry date among the event's first options (hotel's date).",
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

    @api.depends(
        "booking_ids.hold",
        "booking_ids.date_start",
        "booking_ids.date_end",
        "booking_ids.expected_pax",
        "booking_ids.guaranteed_pax",
        "booking_ids.actual_pax",
    )
    def _compute_banquet_event(self):
        for order in self:
            functions = order.booking_ids.filtered(lambda b: b.hold != "released")
            functions = functions or order.booking_ids
            if not functions:
                # Nothing booked yet: keep what the inquiry asked for.
                order.event_date_start = order.event_date_start
                order.event_date_end = order.event_date_end
                order.expected_pax = order.expected_pax
                order.guaranteed_pax = order.guaranteed_pax
                order.actual_pax = order.actual_pax
                continue
            order.event_date_start = min(functions.mapped("date_start"))
            order.event_date_end = max(functions.mapped("date_end"))
            order.expected_pax = max(functions.mapped("expected_pax"))
            order.guaranteed_pax = max(functions.mapped("guaranteed_pax"))
            order.actual_pax = max(functions.mapped("actual_pax"))

    @api.depends("booking_ids.option_expiry_date")
    def _compute_option_expiry_date(self):
        for order in self:
            dates = order.booking_ids.filtered("option_expiry_date").mapped("option_expiry_date")
            order.option_expiry_date = min(dates) if dates else False

    # CRUD and confirmation: the one create, write and _action_confirm of sale.order in
    # this addon. Each feature's part is a named helper in the feature's file; the order
    # below is the order in which they act.

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_approval_refuse_fields(vals_list, creating=True)  # approval
        self._banquet_refuse_banquet_creation(vals_list, ("hotel_banquet_crm.group_banquet_user",))
        self._banquet_contract_template_values(vals_list)  # contract: template of the type
        # A new order starts as an inquiry; any other status is reached by the transitions.
        statuses = [vals.pop("banquet_status", "inquiry") for vals in vals_list]
        orders = super().create(vals_list)
        for order, status in zip(orders, statuses, strict=True):
            if status != "inquiry":
                order._banquet_set_status(status)
        # deposits: the contract template's schedule
        orders.filtered(
            lambda o: o.is_banquet and o.sale_order_template_id
        )._banquet_deposit_plan_from_template()
        orders._banquet_portal_companies()  # portal: the customer reaches it in its hotel
        return orders

    def write(self, vals):
        self._banquet_approval_refuse_fields([vals])  # approval: computed, never written
        self._banquet_refuse_banquet_switch(vals)
        status = None
        if "banquet_status" in vals:
            vals = dict(vals)
            status = vals.pop("banquet_status")
        res = super().write(vals) if vals else True
        if status is not None:
            self._banquet_set_status(status)  # status: through the transition map
        self._banquet_deposit_after_write(vals)  # deposits: template schedule, due dates
        if vals.get("signature"):
            # contract: whatever the path (portal, backend), a signature archives the
            # contract signed
            self.filtered("is_banquet")._banquet_contract_archive_signature()
        self._banquet_pricing_after_write(vals)  # packages follow pax; minimum spend
        if "partner_id" in vals or "company_id" in vals:
            self._banquet_portal_companies()  # portal: the customer reaches it in its hotel
        return res

    def _banquet_portal_companies(self):
        """The customer's portal users reach their events in every hotel of the group: a
        portal user belongs to the company it signed up in, and core's company rule on
        orders would refuse them another hotel's event. Each gets the hotels of its
        banquet orders among its companies (only its own documents are readable there, by
        the portal rules)."""
        banquet = self.filtered(lambda o: o.is_banquet and o.partner_id)
        if not banquet:
            return
        # sudo: the portal users of the customer, whoever saves the order
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("share", "=", True),
                    ("partner_id", "child_of", banquet.partner_id.commercial_partner_id.ids),
                ]
            )
        )
        users._banquet_portal_companies_of_orders(banquet)

    def _banquet_refuse_banquet_switch(self, vals):
        """Whether an order is a banquet booking is decided when it is created: a plain
        order does not become one (nor the reverse) by a write, which would put it under
        or take it out of every banquet rule."""
        if "is_banquet" not in vals or self.env.su:
            return
        switched = self.filtered(lambda o: o.is_banquet != bool(vals["is_banquet"]))
        if switched:
            raise AccessError(
                self.env._(
                    "%(order)s was created as %(kind)s: create a new quotation instead of "
                    "changing what it is.",
                    order=switched[0].display_name,
                    kind=self.env._("a banquet booking")
                    if switched[0].is_banquet
                    else self.env._("a plain quotation"),
                )
            )

    def unlink(self):
        # Through the functions' own unlink, so that the queue behind them is promoted.
        self.filtered("is_banquet").booking_ids.unlink()
        return super().unlink()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        # Functions and guest-room blocks are banquet data (their fields are for banquet
        # roles only, so core does not copy them): a banquet order's copy gets copies.
        default = default or {}
        for order, vals in zip(self, vals_list, strict=True):
            if not order.is_banquet:
                continue
            for name in ("booking_ids", "banquet_room_block_ids"):
                if name not in default:
                    vals[name] = [Command.create(data) for data in order[name].copy_data()]
        return vals_list

    def _get_copiable_order_lines(self):
        # A copied function gets its own rental line when it is created.
        return (
            super()._get_copiable_order_lines().filtered(lambda line: not line.banquet_booking_id)
        )

    def action_draft(self):
        # "Set to Quotation" on a cancelled or lost event reopens it as an inquiry.
        self.filtered(
            lambda o: o.is_banquet and o.banquet_status in ENDED_STATUSES
        )._banquet_set_status("inquiry")
        return super().action_draft()

    def _action_confirm(self):
        # Confirming the order the core way (button, portal signature) makes the event
        # definite; going to definite confirms the order here, so approvals plugged into
        # ``action_confirm`` / ``_action_confirm`` cannot be skipped.
        self._banquet_check_approval()  # discount approval (sale_order_approval.py)
        self._banquet_deposit_check_confirm()  # credit, contracted pax (sale_order_deposit.py)
        # When the hotel's policy also wants the first deposit paid, a signed order holds
        # its rooms as a tentative event until that deposit is paid (account.move).
        banquets = self.filtered(lambda o: o.is_banquet and o.banquet_status != "definite")
        waiting = banquets.filtered(
            lambda o: o.company_id.banquet_definite_policy == "signature_and_first_deposit"
        )
        waiting.filtered(lambda o: o.banquet_status == "inquiry")._banquet_set_status("tentative")
        (banquets - waiting)._banquet_set_status("definite")
        return super()._action_confirm()

    def _action_cancel(self):
        banquets = self.filtered(lambda o: o.is_banquet and o.banquet_status not in ENDED_STATUSES)
        # The transition maps the event onto the sale state itself (cancel, or locked
        # when something was invoiced).
        banquets._banquet_set_status("cancelled")
        return super(SaleOrder, self - banquets)._action_cancel()

    # Status transitions ---------------------------------------------------------------

    def _banquet_status_label(self, status):
        return dict(self._fields["banquet_status"]._description_selection(self.env))[status]

    def _banquet_transition_error(self, status):
        """Why ``self`` cannot go to the event status ``status`` (False when it can)."""
        self.ensure_one()
        current = self.banquet_status
        if not self.is_banquet:
            return self.env._(
                "%(order)s is not a banquet booking and has no event status.", order=self.name
            )
        if status not in ALLOWED_TRANSITIONS["banquet_status"][current]:
            return self.env._(
                "The event %(order)s cannot go from %(current)s to %(new)s.",
                order=self.display_name,
                current=self._banquet_status_label(current),
                new=self._banquet_status_label(status),
            )
        if status == "inquiry" and self.state not in ("draft", "sent", "cancel"):
            return self.env._(
                "The event %(order)s cannot go from %(current)s to %(new)s: it was already "
                "invoiced. Create a new quotation instead.",
                order=self.display_name,
                current=self._banquet_status_label(current),
                new=self._banquet_status_label(status),
            )
        return False

    def _banquet_set_status(self, status):
        """Move the events of ``self`` to ``status`` through the allowed transitions and
        carry the change to their functions, rooms and ``sale.order.state``."""
        changing = self.filtered(lambda o: o.banquet_status != status)
        for order in changing:
            error = order._banquet_transition_error(status)
            if error:
                raise UserError(error)
        if not changing:
            return True
        # The status field is written only here, after the map allowed the move.
        super(SaleOrder, changing).write({"banquet_status": status})
        functions = changing.booking_ids
        if status == "definite":
            functions.filtered(lambda b: b.hold == "first_option")._banquet_set_hold("held")
        functions._sync_occupancy()
        if status in ("tentative", "definite"):
            # A queued function of an event that just became firm waits only if someone
            # holds its room; otherwise it becomes the first option right away.
            queued = functions.filtered(lambda b: b.hold in QUEUED_HOLDS)
            Occupancy = self.env["banquet.room.occupancy"]
            Occupancy._promote_queue([row[1:2] + row[3:5] for row in Occupancy._rows_for(queued)])
        if status == "definite":
            changing.filtered(lambda o: o.state in ("draft", "sent")).action_confirm()
        elif status in ENDED_STATUSES:
            invoiced = changing.filtered(
                lambda o: any(move.state == "posted" for move in o.invoice_ids)
            )
            # Nothing invoiced: cancel the order. Invoiced: it stays confirmed (and
            # locked) so that the cancellation fee can still be invoiced.
            to_cancel = (changing - invoiced).filtered(lambda o: o.state != "cancel")
            super(SaleOrder, to_cancel)._action_cancel()
            invoiced.filtered(lambda o: not o.locked).action_lock()
        elif status == "inquiry":
            super(SaleOrder, changing.filtered(lambda o: o.state == "cancel")).action_draft()
        return True

    def action_banquet_tentative(self):
        """The client agreed to hold the rooms: first options now block them."""
        return self._banquet_set_status("tentative")

    def action_banquet_definite(self):
        """The hotel's policy is met: confirm the order (approvals apply) and hold the rooms."""
        return self._banquet_set_status("definite")

    def action_banquet_actualise(self):
        return self._banquet_set_status("actualised")

    def action_banquet_close(self):
        return self._banquet_set_status("closed")

    def action_banquet_cancel(self):
        return self._banquet_set_status("cancelled")

    def action_banquet_lost(self):
        return self._banquet_set_status("lost")

    def action_banquet_reopen(self):
        return self._banquet_set_status("inquiry")

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
        """One to-do activity per order for its salesperson, created in one batch (the
        crm addon's one activity helper: no e-mail per activity, a constant cost)."""
        self.env["mail.activity"]._banquet_schedule_todos(
            [
                (
                    order,
                    order.user_id or self.env.user,
                    {
                        "summary": summary,
                        "note": note,
                        "date_deadline": order.company_id._banquet_today(),
                    },
                )
                for order in self
            ]
        )
