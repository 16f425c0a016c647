from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_datetime

EO_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent to Customer"),
    ("confirmed", "Customer Confirmed"),
    ("distributed", "Distributed"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
# What the customer sees: a change to one of these needs their confirmation again.
CUSTOMER_HEADER_KEYS = ("event_name", "date_start", "date_end", "guaranteed_pax")
CUSTOMER_FUNCTION_KEYS = ("room", "start", "end", "setup", "pax", "menu")


class BanquetEventOrder(models.Model):
    """The Event Order (BEO) every department executes on the day.

    Its fields are the working copy; what was distributed lives in its immutable
    versions (``banquet.event.order.version``).
    """

    _name = "banquet.event.order"
    _description = "Event Order"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "banquet.decision.mixin"]
    # The workflow and the customer's confirmation: set by the actions only (each checks
    # the caller's right, then writes them through sudo()).
    _banquet_decision_fields = (
        "state",
        "customer_confirmed_on",
        "customer_confirmed_by",
        "customer_reconfirm_needed",
        "change_waiting_approval",
    )
    _order = "event_date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    order_id = fields.Many2one(
        "sale.order",
        string="Booking",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_banquet', '=', True), ('state', '=', 'sale')]",
    )
    # A plain stored field (computed from the order, editable): a related company would make
    # the order's company check search with company_id = False on a new Event Order.
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", tracking=True)
    contact_id = fields.Many2one(
        "res.partner", string="On-site Contact", help="Who the hotel calls on the day."
    )
    user_id = fields.Many2one("res.users", string="Salesperson")
    event_manager_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Answers change requests and receives the milestone to-dos.",
    )
    event_name = fields.Char(tracking=True)
    event_date_start = fields.Datetime(string="Event Start", tracking=True)
    event_date_end = fields.Datetime(string="Event End", tracking=True)
    guaranteed_pax = fields.Integer(string="Guaranteed Attendance", tracking=True)
    billing_instructions = fields.Text(
        help="Who is billed and how (master account, payment terms). Never amounts."
    )
    menu = fields.Text(
        string="Menu and Beverages",
        help="Order lines of the whole event (not tied to one function), with quantities.",
    )
    notes = fields.Text(string="General Notes")
    state = fields.Selection(
        EO_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    customer_confirmed_on = fields.Datetime(readonly=True, copy=False)
    customer_confirmed_by = fields.Char(readonly=True, copy=False)
    override_reason = fields.Char(
        copy=False,
        tracking=True,
        help="Why a manager distributes this Event Order without the customer's confirmation.",
    )
    customer_reconfirm_needed = fields.Boolean(
        string="Customer Must Re-confirm",
        readonly=True,
        copy=False,
        help="A distributed change touched menus, times, pax or rooms: the customer confirms "
        "the Event Order again in the portal.",
    )
    function_ids = fields.One2many(
        "banquet.event.order.function", "event_order_id", string="Functions", copy=False
    )
    section_ids = fields.One2many(
        "banquet.event.order.section", "event_order_id", string="Departments", copy=False
    )
    line_ids = fields.One2many(
        "banquet.event.order.line", "event_order_id", string="Department Lines", copy=False
    )
    version_ids = fields.One2many(
        "banquet.event.order.version", "event_order_id", string="Versions", copy=False
    )
    version_count = fields.Integer(
        compute="_compute_version_count",
        store=True,
        help="Distributed versions; the trade aims at five or fewer per event.",
    )
    current_version_id = fields.Many2one(
        "banquet.event.order.version", compute="_compute_version_count", store=True
    )
    change_request_ids = fields.One2many(
        "banquet.event.order.change.request",
        "event_order_id",
        string="Change Requests",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    change_reason = fields.Char(
        copy=False, help="Why the content changes; recorded on the next version."
    )
    change_critical = fields.Boolean(
        string="Critical Change",
        copy=False,
        help="Safety or allergy: goes through the freeze window without approval, flagged.",
    )
    change_waiting_approval = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="A change inside the freeze window waits for a manager's approval.",
    )
    pending_department_ids = fields.Many2many(
        "banquet.department",
        compute="_compute_acknowledgements",
        string="Not Acknowledged",
        help="Departments that have not acknowledged the latest version concerning them.",
    )
    acknowledged_ratio = fields.Float(compute="_compute_acknowledgements", string="Acknowledged")
    milestones_scheduled = fields.Boolean(readonly=True, copy=False)

    @api.depends("order_id")
    def _compute_company_id(self):
        for eo in self:
            eo.company_id = eo.order_id.company_id or eo.company_id or self.env.company

    @api.constrains("order_id", "company_id")
    def _check_banquet_order_hotel(self):
        for eo in self:
            if eo.order_id and eo.company_id != eo.order_id.company_id:
                raise ValidationError(
                    self.env._(
                        "Event Order %(eo)s belongs to %(hotel)s, the hotel of its booking "
                        "%(order)s.",
                        eo=eo.name,
                        hotel=eo.order_id.company_id.name,
                        order=eo.order_id.name,
                    )
                )

    @api.depends("version_ids")
    def _compute_version_count(self):
        for eo in self:
            eo.version_count = len(eo.version_ids)
            eo.current_version_id = eo.version_ids.sorted("number")[-1:]

    @api.depends("section_ids.acknowledgement_state")
    def _compute_acknowledgements(self):
        for eo in self:
            required = eo.section_ids.filtered(lambda s: s.acknowledgement_state != "none")
            pending = required.filtered(lambda s: s.acknowledgement_state == "pending")
            eo.pending_department_ids = pending.department_id
            eo.acknowledged_ratio = (
                100.0 * (len(required) - len(pending)) / len(required) if required else 0.0
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for eo in self:
            eo.access_url = f"/my/event_orders/{eo.id}"
        return res

    def init(self):
        # One live Event Order per event: a cancelled one may be replaced.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS banquet_event_order_one_per_order "
                "ON banquet_event_order (order_id) WHERE state != 'cancel'"
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_refuse_decision_fields(vals_list, creating=True)
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "banquet.event.order"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        self._banquet_refuse_decision_fields([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_distributed(self):
        if any(eo.version_ids or eo.state not in ("draft", "sent") for eo in self):
            raise UserError(
                self.env._("A distributed Event Order is never deleted: cancel it instead.")
            )

    # Reading the booking ----------------------------------------------------------------
    # The only two places that know the field names of the order and its functions.

    @api.model
    def _eo_header_values(self, order):
        """Header values of an Event Order, read from its banquet sale order."""
        bookings = order.booking_ids
        manager = order["event_manager_id"] if "event_manager_id" in order._fields else False
        billing = [order.partner_invoice_id.display_name]
        if order.payment_term_id:
            billing.append(order.payment_term_id.name)
        return {
            "partner_id": order.partner_id.id,
            "contact_id": order.partner_shipping_id.id or order.partner_id.id,
            "user_id": order.user_id.id,
            "event_manager_id": (manager or order.user_id).id,
            "event_name": order.event_name or order.name,
            "event_date_start": order.event_date_start
            or min(bookings.mapped("date_start"), default=False),
            "event_date_end": order.event_date_end
            or max(bookings.mapped("date_end"), default=False),
            "guaranteed_pax": order.guaranteed_pax or order.expected_pax,
            "billing_instructions": " / ".join(filter(None, billing)),
        }

    @api.model
    def _eo_function_values(self, booking):
        """Values of one function block, read from a ``banquet.room.booking``."""
        return {
            "booking_id": booking.id,
            "room_id": booking.room_id.id,
            "date_start": booking.date_start,
            "date_end": booking.date_end,
            "setup_style_id": booking.setup_style_id.id,
            "pax": booking.guaranteed_pax or booking.expected_pax,
        }

    @api.model
    def _eo_sale_lines(self, order):
        """Order lines an Event Order is made of, with the function each belongs to."""
        # Room rental (and a minimum-spend shortfall) is money, not work for a department:
        # the function block shows the room.
        lines = order.order_line.filtered(
            lambda line: not line.is_downpayment and not line._banquet_is_money_only()
        )
        return [(line, line.banquet_booking_id) for line in lines]

    @api.model
    def _eo_apply_actuals(self, function):
        """Write a function's actuals back to the order (pax; delivered quantities)."""
        # The order's actual pax is computed over its functions.
        if function.booking_id:
            function.booking_id.actual_pax = function.actual_pax

    # Generation -------------------------------------------------------------------------

    def _generate_content(self):
        """(Re)build header, function blocks, department sections and lines from the order."""
        Department = self.env["banquet.department"]
        for eo in self:
            if eo.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "Event Order %s is already confirmed or distributed: change it and "
                        "distribute the changes instead of regenerating it.",
                        eo.name,
                    )
                )
            order = eo.order_id
            eo.function_ids.unlink()
            eo.line_ids.unlink()
            eo.write(eo._eo_header_values(order))
            bookings = order.booking_ids.sorted("date_start")
            functions = self.env["banquet.event.order.function"].create(
                [
                    dict(eo._eo_function_values(booking), event_order_id=eo.id, sequence=seq)
                    for seq, booking in enumerate(bookings, start=1)
                ]
            )
            function_by_booking = {f.booking_id: f for f in functions}
            departments = Department.search([("company_id", "=", eo.company_id.id)])
            existing = eo.section_ids.department_id
            self.env["banquet.event.order.section"].create(
                [
                    {
                        "event_order_id": eo.id,
                        "department_id": department.id,
                        "sequence": department.sequence,
                        "responsible_id": department.responsible_id.id,
                    }
                    for department in departments - existing
                ]
            )
            line_vals, notes = [], []
            menus = {}
            for sale_line, booking in eo._eo_sale_lines(order):
                function = function_by_booking.get(booking) if booking else False
                if sale_line.display_type == "line_note":
                    notes.append((function, sale_line.name))
                    continue
                if sale_line.display_type or not sale_line.product_id:
                    continue
                text = f"{sale_line.product_uom_qty:g} × {sale_line.name}"
                menus.setdefault(function, []).append(text)
                for department in departments._eo_departments_for(sale_line.product_id):
                    line_vals.append(
                        {
                            "event_order_id": eo.id,
                            "function_id": function.id if function else False,
                            "department_id": department.id,
                            "description": sale_line.name,
                            "quantity": sale_line.product_uom_qty,
                            "uom_name": sale_line.product_uom.name,
                            "service_time": function.date_start if function else False,
                            "sale_line_id": sale_line.id,
                        }
                    )
            self.env["banquet.event.order.line"].create(line_vals)
            for function in functions:
                function.menu = "\n".join(menus.get(function, []))
                function.notes = "\n".join(n for f, n in notes if f == function)
            eo.menu = "\n".join(menus.get(False, []))
            eo.notes = "\n".join(n for f, n in notes if not f)
        return True

    # Actions ----------------------------------------------------------------------------

    def _check_state(self, allowed, message):
        for eo in self:
            if eo.state not in allowed:
                raise UserError(message % {"name": eo.name})

    def _banquet_decide(self, vals):
        """Write workflow fields for an action that checked its source state and the
        caller's right: the caller must be allowed to change these Event Orders."""
        self.check_access("write")
        # sudo: decision fields are written by their actions only (banquet.decision.mixin);
        # the caller's right was checked just above, and sudo keeps them as the author
        return self.sudo().write(vals)

    def action_regenerate(self):
        """Rebuild a draft Event Order from its order (after the order changed)."""
        self._check_state(
            ("draft", "sent"),
            self.env._("Only a draft Event Order can be regenerated (%(name)s)."),
        )
        return self._generate_content()

    def action_send_to_customer(self):
        """Make the Event Order visible in the customer's portal for confirmation."""
        self._check_state(
            ("draft",),
            self.env._("Only a draft Event Order can be sent to the customer (%(name)s)."),
        )
        self._portal_ensure_token()
        self._banquet_decide({"state": "sent"})
        for eo in self:
            if eo.partner_id:
                eo.message_subscribe(partner_ids=eo.partner_id.ids)
            eo.message_post(
                body=self.env._(
                    "Event Order sent to the customer for confirmation: %s",
                    eo.get_base_url() + eo.get_portal_url(),
                )
            )
        return True

    def _action_customer_confirm(self, signer_name, author=None):
        """The customer confirms the Event Order (from the portal, whose route checked
        that the caller is the customer ``author``)."""
        self._check_state(
            ("sent", "distributed"),
            self.env._("Event Order %(name)s is not waiting for the customer's confirmation."),
        )
        for eo in self:
            if eo.state == "distributed" and not eo.customer_reconfirm_needed:
                raise UserError(
                    self.env._("Event Order %s does not need a new confirmation.", eo.name)
                )
            values = {
                "customer_confirmed_on": fields.Datetime.now(),
                "customer_confirmed_by": signer_name,
                "customer_reconfirm_needed": False,
            }
            if eo.state == "sent":
                values["state"] = "confirmed"
            # sudo: the customer confirms through the portal route, which checked that the
            # caller is the customer (or holds the document's token)
            eo.sudo().write(values)
            eo.message_post(
                body=self.env._("Confirmed by the customer (%s).", signer_name),
                author_id=(author or eo.partner_id).id,
            )
        return True

    def action_override_confirmation(self):
        """A manager confirms on the customer's behalf, with a reason."""
        if not self.env.user.has_group("hotel_banquet_crm.group_banquet_manager"):
            raise AccessError(
                self.env._("Only a Banquet Manager may confirm an Event Order for the customer.")
            )
        self._check_state(
            ("draft", "sent"),
            self.env._("Event Order %(name)s is already confirmed."),
        )
        for eo in self:
            if not (eo.override_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write in Override Reason why Event Order %s goes out without the "
                        "customer's confirmation.",
                        eo.name,
                    )
                )
            eo._banquet_decide({"state": "confirmed", "customer_confirmed_by": self.env.user.name})
            eo.message_post(
                body=self.env._(
                    "Confirmation overridden by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=eo.override_reason,
                )
            )
        return True

    def action_distribute(self):
        """Distribute a confirmed Event Order to every department: version 1."""
        self._check_state(
            ("confirmed",),
            self.env._(
                "Event Order %(name)s must be confirmed by the customer (or by a manager's "
                "override) before it is distributed."
            ),
        )
        for eo in self:
            if not eo.section_ids:
                raise UserError(
                    self.env._(
                        "Add at least one department to Event Order %s before distributing it.",
                        eo.name,
                    )
                )
            eo._create_version(
                eo.section_ids.department_id, reason=self.env._("First distribution")
            )
            eo._banquet_decide({"state": "distributed"})
        return True

    def action_distribute_changes(self):
        """Distribute what changed since the last version as a new version.

        Inside the freeze window a non-critical change waits for a manager's approval;
        a critical one (safety, allergy) goes straight through and is flagged.
        """
        self._check_state(
            ("distributed",),
            self.env._("Only a distributed Event Order can distribute changes (%(name)s)."),
        )
        for eo in self:
            entries, departments = eo._diff_against_current()
            if not entries:
                raise UserError(
                    self.env._(
                        "Nothing changed on Event Order %(name)s since version %(number)s.",
                        name=eo.name,
                        number=eo.current_version_id.number,
                    )
                )
            if not (eo.change_reason or "").strip():
                raise UserError(
                    self.env._("Write in Change Reason why Event Order %s changes.", eo.name)
                )
            if eo.change_waiting_approval:
                raise UserError(
                    self.env._("The changes of Event Order %s already wait for approval.", eo.name)
                )
            if eo._in_freeze_window() and not eo.change_critical:
                eo._banquet_decide({"change_waiting_approval": True})
                eo._notify_managers_for_approval()
                continue
            eo._create_version(departments, reason=eo.change_reason, entries=entries)
        return True

    def action_approve_changes(self):
        """A manager lets a change inside the freeze window become a version."""
        if not self.env.user.has_group("hotel_banquet_crm.group_banquet_manager"):
            raise AccessError(self.env._("Only a Banquet Manager may approve a frozen change."))
        for eo in self:
            if not eo.change_waiting_approval:
                raise UserError(
                    self.env._("No change of Event Order %s waits for approval.", eo.name)
                )
            entries, departments = eo._diff_against_current()
            eo._banquet_decide({"change_waiting_approval": False})
            if entries:
                eo._create_version(departments, reason=eo.change_reason, entries=entries)
        return True

    def action_cancel(self):
        self._check_state(
            ("draft", "sent", "confirmed", "distributed"),
            self.env._("Event Order %(name)s is already done or cancelled."),
        )
        self._banquet_decide({"state": "cancel"})
        return True

    def action_enter_actuals(self):
        """After the event: the actuals go to the order and the Event Order is done."""
        self._check_state(
            ("distributed",),
            self.env._("Actuals are entered on a distributed Event Order (%(name)s)."),
        )
        for eo in self:
            now = fields.Datetime.now()
            if eo.event_date_start and eo.event_date_start > now:
                raise UserError(
                    self.env._(
                        "Event Order %s: enter the actuals after the event has started.", eo.name
                    )
                )
            missing = eo.function_ids.filtered(lambda f: not f.actual_pax)
            if missing:
                raise UserError(
                    self.env._(
                        "Event Order %(eo)s: enter the actual attendance of %(functions)s first.",
                        eo=eo.name,
                        functions=", ".join(missing.mapped("display_name")),
                    )
                )
            for function in eo.function_ids:
                eo._eo_apply_actuals(function)
            delivered = {}
            for line in eo.line_ids.filtered("sale_line_id"):
                qty = line.actual_quantity or line.quantity
                delivered[line.sale_line_id] = max(delivered.get(line.sale_line_id, 0.0), qty)
            for sale_line, qty in delivered.items():
                if sale_line.qty_delivered_method == "manual":
                    sale_line.qty_delivered = qty
            eo._banquet_decide({"state": "done"})
        return True

    def action_open_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Versions"),
            "res_model": "banquet.event.order.version",
            "view_mode": "list,form",
            "domain": [("event_order_id", "=", self.id)],
        }

    # Versions ---------------------------------------------------------------------------

    def _hotel_lang(self):
        self.ensure_one()
        company = self.company_id
        return company.banquet_lang or company.partner_id.lang or "en_US"

    def _format_local(self, value, lang=None):
        if not value:
            return ""
        local = self.company_id._banquet_to_local(value)
        return format_datetime(
            self.with_context(lang=lang or self._hotel_lang()).env,
            local,
            tz="UTC",
            dt_format="yyyy-MM-dd HH:mm",
        )

    def _snapshot(self):
        """The whole content as plain data, in the hotel's language and time zone."""
        self.ensure_one()
        lang = self._hotel_lang()
        eo = self.with_context(lang=lang)
        fmt = eo._format_local
        header = {
            "reference": eo.name,
            "event_name": eo.event_name or "",
            "customer": eo.partner_id.display_name or "",
            "contact": ", ".join(
                filter(
                    None, [eo.contact_id.display_name, eo.contact_id.phone or eo.contact_id.mobile]
                )
            ),
            "salesperson": eo.user_id.name or "",
            "event_manager": eo.event_manager_id.name or "",
            "date_start": fmt(eo.event_date_start),
            "date_end": fmt(eo.event_date_end),
            "guaranteed_pax": eo.guaranteed_pax,
            "billing_instructions": eo.billing_instructions or "",
            "menu": eo.menu or "",
            "notes": eo.notes or "",
            "hotel": eo.company_id.name,
            "lang": lang,
        }
        functions = {
            str(f.id): {
                "label": f.display_name,
                "room": f.room_id.display_name or "",
                "start": fmt(f.date_start),
                "end": fmt(f.date_end),
                "setup": f.setup_style_id.display_name or "",
                "pax": f.pax,
                "service_timings": f.service_timings or "",
                "menu": f.menu or "",
                "dietary_notes": f.dietary_notes or "",
                "av_equipment": f.av_equipment or "",
                "stage_signage": f.stage_signage or "",
                "linen_decor": f.linen_decor or "",
                "notes": f.notes or "",
                "layout": f.layout_filename or "",
            }
            for f in eo.function_ids.sorted(lambda f: (f.sequence, f.id))
        }
        departments = {}
        for section in eo.section_ids.sorted(lambda s: (s.sequence, s.id)):
            lines = eo.line_ids.filtered(
                lambda line, s=section: line.department_id == s.department_id
            )
            departments[str(section.department_id.id)] = {
                "name": section.department_id.name,
                "responsible": section.responsible_id.name or "",
                "instructions": section.instructions or "",
                "lines": {
                    str(line.id): {
                        "function": line.function_id.display_name or "",
                        "description": line.description or "",
                        "quantity": line.quantity,
                        "uom": line.uom_name or "",
                        "time": fmt(line.service_time),
                        "notes": line.notes or "",
                    }
                    for line in lines.sorted(lambda line: (line.sequence, line.id))
                },
            }
        return {"header": header, "functions": functions, "departments": departments}

    def _diff_against_current(self):
        """Change entries between the working copy and the current version, and the
        departments concerned (every department when the header or a function changed)."""
        self.ensure_one()
        previous = self.current_version_id.snapshot or {}
        return self.env["banquet.event.order.version"]._diff(
            previous, self._snapshot(), self.section_ids.department_id
        )

    def _create_version(self, departments, reason, entries=None):
        self.ensure_one()
        snapshot = self._snapshot()
        number = (self.current_version_id.number or 0) + 1
        version = self.env["banquet.event.order.version"]._create_from_snapshot(
            self,
            number=number,
            snapshot=snapshot,
            reason=reason,
            entries=entries or [],
            departments=departments,
            critical=self.change_critical,
        )
        sections = self.section_ids.filtered(lambda s: s.department_id in departments)
        # sudo: the version to acknowledge is the distribution's decision, not the
        # sections' (the distributing action checked the caller's right)
        sections.sudo().required_version_id = version
        customer_visible = any(e.get("customer") for e in entries or [])
        self.write({"change_reason": False, "change_critical": False})
        self._banquet_decide(
            {"customer_reconfirm_needed": self.customer_reconfirm_needed or customer_visible}
        )
        body = self.env._(
            "Version %(number)s distributed to %(departments)s.",
            number=number,
            departments=", ".join(departments.mapped("name")),
        )
        if version.is_critical:
            body = self.env._("CRITICAL change. ") + body
        self.message_post(body=body)
        return version

    def _in_freeze_window(self):
        """True inside the hotel's freeze window before the event (hotel time zone)."""
        self.ensure_one()
        if not self.event_date_start:
            return False
        company = self.company_id
        event_day = company._banquet_to_local(self.event_date_start).date()
        return company._banquet_today() >= event_day - timedelta(
            days=company.banquet_eo_freeze_days
        )

    def _notify_managers_for_approval(self):
        self.ensure_one()
        group = self.env.ref("hotel_banquet_crm.group_banquet_manager")
        managers = group.users.filtered(lambda u: self.company_id in u.company_ids)
        for manager in managers[:5]:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.company_id._banquet_today(),
                summary=self.env._("Approve a change inside the freeze window"),
                note=self.change_reason,
                user_id=manager.id,
            )
        self.message_post(
            body=self.env._(
                "Change inside the freeze window waits for a manager's approval: %s",
                self.change_reason,
            )
        )

    # Crons ------------------------------------------------------------------------------

    @api.model
    def _cron_schedule_milestones(self, limit=500):
        """Give every confirmed or distributed Event Order its milestone to-dos, once.

        Set-based: one search, one batch of activities, one write per run.
        """
        eos = self.search(
            [
                ("state", "in", ("confirmed", "distributed")),
                ("milestones_scheduled", "=", False),
                ("event_date_start", "!=", False),
            ],
            limit=limit,
        )
        if not eos:
            return
        # The activities name their record: read every display name in one go.
        eos.mapped("display_name")
        offsets_by_company = {c: c._banquet_eo_milestone_offsets() for c in eos.company_id}
        todos = []
        for eo in eos:
            company = eo.company_id
            event_day = company._banquet_to_local(eo.event_date_start).date()
            owner = eo.event_manager_id or eo.user_id or self.env.user
            lang = eo._hotel_lang()
            for offset in offsets_by_company[company]:
                values = {
                    "date_deadline": event_day + timedelta(days=offset),
                    "summary": self.with_context(lang=lang).env._(
                        "Milestone T%(offset)+d: %(event)s",
                        offset=offset,
                        event=eo.event_name or eo.name,
                    )
                    if offset
                    else self.with_context(lang=lang).env._(
                        "Event day: %(event)s", event=eo.event_name or eo.name
                    ),
                }
                todos.append((eo, owner, values))
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        eos.write({"milestones_scheduled": True})
