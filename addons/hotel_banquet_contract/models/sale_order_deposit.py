# Kept apart from sale_order.py (the event status) so that money and status can be
# reviewed and merged separately.
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta
from math import ceil

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round, format_amount


class SaleOrder(models.Model):
    """Money of a banquet event: deposit plan, balance, credit approval, attrition."""

    _inherit = "sale.order"

    banquet_event_date = fields.Date(
        string="Event Date",
        compute="_compute_banquet_event_date",
        store=True,
        help="The event's first day in the hotel's time zone.",
    )
    banquet_deposit_line_ids = fields.One2many(
        "banquet.deposit.line",
        "order_id",
        string="Deposit Schedule",
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_can_edit_deposits = fields.Boolean(
        compute="_compute_banquet_can_edit_deposits", groups="hotel_banquet_crm.group_banquet_user"
    )
    banquet_amount_deposits_paid = fields.Monetary(
        string="Deposits Received",
        compute="_compute_banquet_balance",
        help="Payments received on this event's deposit invoices.",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_amount_paid = fields.Monetary(
        string="Received",
        compute="_compute_banquet_balance",
        help="Everything the customer paid on this event's invoices, net of refunds.",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_amount_outstanding = fields.Monetary(
        string="Outstanding Balance",
        compute="_compute_banquet_balance",
        help="What the customer still owes: the order total minus what was paid "
        "(deposits and invoices), to the cent.",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_contracted_pax = fields.Integer(
        string="Contracted Attendance",
        tracking=True,
        copy=False,
        help="Attendance in the signed contract; set from the expected attendance at "
        "confirmation. Attrition compares the guaranteed or actual attendance with it.",
    )
    banquet_credit_exceeded = fields.Boolean(
        compute="_compute_banquet_credit_exceeded",
        help="Open receivables plus this event exceed the customer's credit limit.",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    # Read from Finance's credit approval (banquet.approval.request of kind credit); never
    # written by anyone (refused in sale.order's write, APPROVAL_FIELDS).
    banquet_credit_approved_by_id = fields.Many2one(
        "res.users",
        string="Credit Approved By",
        compute="_compute_banquet_credit_approval",
        store=True,
        copy=False,
        tracking=True,
    )
    banquet_credit_approved_on = fields.Datetime(
        string="Credit Approved On",
        compute="_compute_banquet_credit_approval",
        store=True,
        copy=False,
    )
    banquet_attrition_line_id = fields.Many2one(
        "sale.order.line",
        string="Attrition Charge",
        readonly=True,
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )

    _sql_constraints = [
        (
            "banquet_contracted_pax_positive",
            "CHECK(banquet_contracted_pax >= 0)",
            "The contracted attendance cannot be negative.",
        ),
    ]

    @api.depends("event_date_start", "company_id.banquet_tz")
    def _compute_banquet_event_date(self):
        for order in self:
            start = order.company_id._banquet_to_local(order.event_date_start)
            order.banquet_event_date = start.date() if start else False

    @api.depends_context("uid")
    def _compute_banquet_can_edit_deposits(self):
        # Only Finance edits a deposit schedule; salespeople read it (the ACL enforces it).
        self.banquet_can_edit_deposits = self.env.user.has_group(
            "hotel_banquet_crm.group_banquet_finance"
        )

    @api.depends(
        "amount_total",
        "banquet_deposit_line_ids.amount_paid",
        "order_line.invoice_lines.move_id.amount_residual",
    )
    def _compute_banquet_balance(self):
        for order in self:
            # Salespeople read an order's balance without reading its journal items.
            moves = order.sudo().order_line.invoice_lines.move_id.filtered(
                lambda move: (
                    move.state == "posted"
                    and move.move_type in ("out_invoice", "out_refund")
                    and move.payment_state != "reversed"
                )
            )
            paid = sum(
                (move.amount_total - move.amount_residual)
                * (1 if move.move_type == "out_invoice" else -1)
                for move in moves
            )
            order.banquet_amount_paid = paid
            order.banquet_amount_deposits_paid = sum(
                # sudo: paid deposits count in the balance whoever reads it
                order.sudo().banquet_deposit_line_ids.mapped("amount_paid")
            )
            order.banquet_amount_outstanding = order.currency_id.round(order.amount_total - paid)

    @api.depends("order_line.is_downpayment", "order_line.amount_invoiced")
    def _compute_amount_to_invoice(self):
        res = super()._compute_amount_to_invoice()
        # Core counts an invoiced deposit twice until the final invoice deducts it (the
        # deposit line is invoiced, the services it pays for are still to invoice): a
        # banquet order's amount to invoice is what its deposits have not invoiced yet.
        for order in self.filtered("is_banquet"):
            deposits = order.order_line.filtered("is_downpayment")
            order.amount_to_invoice -= sum(deposits.mapped("amount_invoiced"))
        return res

    @api.depends(
        "banquet_approval_request_ids.kind",
        "banquet_approval_request_ids.state",
        "banquet_approval_request_ids.approver_id",
    )
    def _compute_banquet_credit_approval(self):
        for order in self:
            approved = order.banquet_approval_request_ids.filtered(
                lambda r: r.kind == "credit" and r.state == "approved"
            ).sorted("id")[-1:]
            order.banquet_credit_approved_by_id = approved.approver_id
            order.banquet_credit_approved_on = approved.decision_date

    @api.depends("partner_id", "amount_total", "company_id", "state")
    def _compute_banquet_credit_exceeded(self):
        for order in self:
            order.banquet_credit_exceeded = bool(
                order.is_banquet
                and order.state in ("draft", "sent")
                and order._banquet_credit_excess()
            )

    def _banquet_credit_excess(self):
        """How far open receivables plus this order go above the customer's credit limit."""
        self.ensure_one()
        if not self.company_id.account_use_credit_limit:
            return 0.0
        # Receivables and limits are Finance's fields; the check must hold for a salesperson.
        partner = self.partner_id.commercial_partner_id.sudo().with_company(self.company_id)
        if not partner.credit_limit:
            return 0.0
        exposure = partner.credit + self.amount_total / (self.currency_rate or 1.0)
        excess = exposure - partner.credit_limit
        return excess if float_compare(excess, 0.0, precision_digits=2) > 0 else 0.0

    # CRUD ---------------------------------------------------------------------------------

    def _banquet_deposit_after_write(self, vals):
        """A new contract template brings its deposit schedule while nothing is invoiced;
        a moved event checks its deposits' due dates (called by sale.order's one write)."""
        if "sale_order_template_id" in vals:
            self.filtered(
                lambda o: (
                    o.is_banquet
                    and o.sale_order_template_id
                    and not o.banquet_deposit_line_ids.invoice_id
                )
            )._banquet_deposit_plan_from_template()
        if "event_date_start" in vals:
            self.filtered("is_banquet").banquet_deposit_line_ids._check_due_date()

    def _banquet_check_deposit_schedule(self):
        """Refuse a schedule asking for more than the whole order."""
        for order in self:
            lines = order.banquet_deposit_line_ids
            percent = sum(
                lines.filtered(lambda line: line.value_type == "percent").mapped("percent")
            )
            fixed = sum(
                lines.filtered(lambda line: line.value_type == "fixed").mapped("fixed_amount")
            )
            too_much = float_compare(percent, 100.0, precision_digits=4) > 0
            if order.amount_total and not too_much:
                asked = order.currency_id.round(order.amount_total * percent / 100.0) + fixed
                too_much = order.currency_id.compare_amounts(asked, order.amount_total) > 0
            if too_much:
                raise ValidationError(
                    self.env._(
                        "The deposit schedule of %(order)s asks for more than 100 %% of the "
                        "order. Lower a deposit so that all of them together stay within "
                        "the order total.",
                        order=order.display_name,
                    )
                )

    def _banquet_deposit_plan_from_template(self):
        """Replace the uninvoiced deposits by those of the contract template."""
        commands_by_order = {}
        for order in self:
            company = order.company_id
            signature_day = (
                company._banquet_to_local(order.date_order).date()
                if order.date_order
                else company._banquet_today()
            )
            event_day = order.banquet_event_date
            commands = [fields.Command.unlink(line.id) for line in order.banquet_deposit_line_ids]
            for tmpl in order.sale_order_template_id.banquet_deposit_template_line_ids:
                if tmpl.due_reference == "event" and event_day:
                    due = event_day - timedelta(days=tmpl.due_days)
                else:
                    due = signature_day + timedelta(days=tmpl.due_days)
                if event_day:
                    due = min(due, event_day)
                commands.append(
                    fields.Command.create(
                        {
                            "sequence": tmpl.sequence,
                            "name": tmpl.name,
                            "value_type": tmpl.value_type,
                            "percent": tmpl.percent if tmpl.value_type == "percent" else 0.0,
                            "fixed_amount": tmpl.fixed_amount
                            if tmpl.value_type == "fixed"
                            else 0.0,
                            "due_date": due,
                        }
                    )
                )
            commands_by_order[order] = commands
        for order, commands in commands_by_order.items():
            # The schedule is the contract template's policy, not the salesperson's choice:
            # salespeople cannot write deposits, so the template writes them.
            order.sudo().banquet_deposit_line_ids = commands

    # Confirmation: credit approval and the contracted attendance ----------------------------

    def _banquet_deposit_check_confirm(self):
        """Credit approval, then the contracted attendance, before an event is confirmed
        (called by sale.order's one _action_confirm)."""
        for order in self.filtered("is_banquet"):
            if order._banquet_credit_excess() and not order.banquet_credit_approved_by_id:
                partner = order.partner_id.commercial_partner_id
                raise UserError(
                    self.env._(
                        "%(order)s would take %(partner)s above its credit limit. Ask Finance "
                        "to approve the credit (button “Approve Credit”) before confirming.",
                        order=order.display_name,
                        partner=partner.display_name,
                    )
                )
        for order in self.filtered(lambda o: o.is_banquet and not o.banquet_contracted_pax):
            order.banquet_contracted_pax = order.expected_pax

    def action_banquet_approve_credit(self):
        """Finance accepts the credit risk of these events: a credit approval, decided by
        the Finance user in their own name, with the amount above the limit as its reason."""
        if not self.env.user.has_group("hotel_banquet_crm.group_banquet_finance"):
            raise UserError(self.env._("Only Finance approves a customer's credit."))
        Request = self.env["banquet.approval.request"]
        for order in self:
            excess = order._banquet_credit_excess()
            reason = self.env._(
                "%(partner)s goes %(amount)s above its credit limit with this event; Finance "
                "accepts the risk.",
                partner=order.partner_id.commercial_partner_id.display_name,
                amount=format_amount(self.env, excess, order.company_id.currency_id),
            )
            # sudo: the caller is Finance (checked above); the request's measured values
            # are decision fields, and the decision itself checks the approver
            request = Request.sudo().create(
                {
                    "order_id": order.id,
                    "requested_by_id": self.env.user.id,
                    "kind": "credit",
                    "reason": reason,
                    "required_level": "team_leader",
                    "credit_excess": excess,
                    "amount_untaxed": order.amount_untaxed,
                }
            )
            request.sudo(False).action_approve(reason)
        return True

    # Invoicing hooks ----------------------------------------------------------------------

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.is_banquet:
            vals["banquet_order_id"] = self.id
            vals["banquet_bill_kind"] = self.env.context.get("banquet_bill_kind", "final")
            deposit_line_id = self.env.context.get("banquet_deposit_line_id")
            if deposit_line_id:
                deposit = self.env["banquet.deposit.line"].browse(deposit_line_id)
                vals.update(
                    {
                        "banquet_bill_kind": "deposit",
                        "banquet_deposit_line_id": deposit.id,
                        "invoice_payment_term_id": False,
                        "invoice_date_due": deposit.due_date,
                    }
                )
        return vals

    def _get_invoiceable_lines(self, final=False):
        lines = super()._get_invoiceable_lines(final=final)
        only = self.env.context.get("banquet_invoice_line_ids")
        if only is None:
            return lines
        # A cancelled event invoices its fee, never the services it will not receive.
        return lines.filtered(
            lambda line: line.id in only or line.is_downpayment or line.display_type
        )

    # Actions ------------------------------------------------------------------------------

    def action_banquet_deposit_schedule_from_template(self):
        invoiced = self.filtered(lambda o: o.banquet_deposit_line_ids.invoice_id)
        if invoiced:
            raise UserError(
                self.env._(
                    "%(order)s already has invoiced deposits: change its schedule line by line.",
                    order=invoiced[0].display_name,
                )
            )
        self._banquet_deposit_plan_from_template()
        return True

    def action_banquet_invoice_deposits(self):
        """Invoice every deposit of these events that has no invoice yet."""
        lines = self.banquet_deposit_line_ids.filtered(
            lambda line: not line.invoice_id or line.state == "cancelled"
        )
        if not lines:
            raise UserError(self.env._("Every deposit of these events is already invoiced."))
        lines.action_create_invoice()
        return True

    def action_banquet_cancel_with_fee(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Event"),
            "res_model": "banquet.cancellation.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _banquet_package_line(self):
        self.ensure_one()
        return self.order_line.filtered(
            lambda line: line.product_id.banquet_is_package and not line.is_downpayment
        )[:1]

    def _banquet_attrition_shortfall(self):
        """Attendees billed on top of the count: those below the contract's margin."""
        self.ensure_one()
        contracted = self.banquet_contracted_pax
        if not contracted:
            return 0
        template = self.sale_order_template_id
        margin = template.banquet_attrition_margin if template else 10.0
        floor_pax = ceil(float_round(contracted * (100.0 - margin) / 100.0, precision_digits=6))
        counted = max(self.guaranteed_pax, self.actual_pax)
        return max(floor_pax - counted, 0)

    def action_banquet_bill_attrition(self):
        """Add the attrition charge: the shortfall at the per-person package price."""
        for order in self:
            shortfall = order._banquet_attrition_shortfall()
            package = order._banquet_package_line()
            if order.banquet_attrition_line_id:
                raise UserError(
                    self.env._("%(order)s already bills its attrition.", order=order.display_name)
                )
            if not shortfall:
                raise UserError(
                    self.env._(
                        "%(order)s has no attrition to bill: the attendance is within the "
                        "contract's margin.",
                        order=order.display_name,
                    )
                )
            if not package:
                raise UserError(
                    self.env._(
                        "%(order)s has no per-person package line to price its attrition. "
                        "Mark the package product as a per-person package.",
                        order=order.display_name,
                    )
                )
            line = self.env["sale.order.line"].create(
                {
                    "order_id": order.id,
                    "product_id": package.product_id.id,
                    "name": self.env._(
                        "Attrition: %(pax)s attendees below the contracted %(contracted)s",
                        pax=shortfall,
                        contracted=order.banquet_contracted_pax,
                    ),
                    "product_uom_qty": shortfall,
                    "product_uom": package.product_uom.id,
                    "price_unit": package.price_unit,
                    "discount": package.discount,
                    "tax_id": [fields.Command.set(package.tax_id.ids)],
                    "sequence": package.sequence + 1,
                    # Billed once for the missing attendees: it does not follow the pax.
                    "banquet_follows_pax": False,
                }
            )
            if line.qty_delivered_method == "manual":
                line.qty_delivered = shortfall
            order.banquet_attrition_line_id = line
        return True

    # Event status: the one place money changes it (adapt at merge to the transition map) --

    def _banquet_deposit_make_definite(self):
        """The hotel's policy is met by a paid deposit: the event becomes definite."""
        self.filtered(lambda o: o.banquet_status == "tentative").action_banquet_definite()

    def _banquet_deposit_release_option(self):
        """An option not secured by its deposit gives its rooms back (the queue behind
        its functions is promoted, as for any release)."""
        self.filtered(lambda o: o.banquet_status == "tentative").booking_ids.filtered(
            lambda b: b.hold != "released"
        ).action_release()

    def _banquet_money_cancel_event(self, keep_order):
        """Cancel the event through the status map: with something invoiced
        (``keep_order``) the order stays confirmed and locked for the fee, otherwise it
        is cancelled."""
        if keep_order:
            self.action_banquet_cancel()
        else:
            self._action_cancel()

    # Crons ----------------------------------------------------------------------------------

    @api.model
    def _cron_banquet_deposits(self):
        """Due deposits: to-dos on the due date (a batch a run: the cron runs again while
        some remain), then release of unsecured options."""
        done, remaining = self.env["banquet.deposit.line"]._banquet_notify_due()
        self.env["banquet.deposit.line"]._banquet_release_unsecured_options()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
