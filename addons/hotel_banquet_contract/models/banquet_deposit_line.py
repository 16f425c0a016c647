from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, formatLang

# What the deposit line shows is read from its invoice, never kept apart (DESIGN decision 4).
DEPOSIT_STATES = [
    ("to_invoice", "To Invoice"),
    ("draft", "Invoice Draft"),
    ("not_paid", "Not Paid"),
    ("partial", "Partially Paid"),
    ("in_payment", "In Payment"),
    ("paid", "Paid"),
    ("reversed", "Reversed"),
    ("cancelled", "Invoice Cancelled"),
]
PAID_STATES = ("paid", "in_payment")
OPEN_STATES = ("to_invoice", "draft", "not_paid", "partial")


class BanquetDepositLine(models.Model):
    _name = "banquet.deposit.line"
    _description = "Banquet Deposit"
    _order = "order_id, due_date, sequence, id"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order",
        string="Event",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('is_banquet', '=', True)]",
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="order_id.currency_id", store=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, string="Customer")
    user_id = fields.Many2one(related="order_id.user_id", store=True, string="Salesperson")
    event_date = fields.Date(related="order_id.banquet_event_date", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True)
    due_date = fields.Date(
        required=True,
        help="Date, in the hotel's time zone, by which the customer pays this deposit.",
    )
    value_type = fields.Selection(
        [("percent", "Percentage"), ("fixed", "Fixed Amount")],
        required=True,
        default="percent",
    )
    percent = fields.Float(string="Percentage", help="Percentage of the order total.")
    fixed_amount = fields.Monetary()
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        help="Amount asked, taxes included: the invoice's total once invoiced. The last "
        "deposit of a schedule that covers the whole order takes the rounding remainder.",
    )
    invoice_id = fields.Many2one(
        "account.move", string="Deposit Invoice", readonly=True, copy=False, index=True
    )
    state = fields.Selection(
        DEPOSIT_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        help="Read from the deposit invoice and its payment state.",
    )
    amount_paid = fields.Monetary(compute="_compute_state", store=True)
    overdue_notified = fields.Boolean(
        copy=False, help="The salesperson and Finance were given a to-do on the due date."
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )

    _sql_constraints = [
        (
            "banquet_deposit_not_negative",
            "CHECK(COALESCE(percent, 0) >= 0 AND COALESCE(fixed_amount, 0) >= 0)",
            "A deposit cannot be negative.",
        ),
        (
            "banquet_deposit_percent_max",
            "CHECK(COALESCE(percent, 0) <= 100)",
            "A deposit cannot ask for more than 100 % of the order.",
        ),
    ]

    @api.depends(
        "value_type",
        "percent",
        "fixed_amount",
        "invoice_id.amount_total",
        "invoice_id.state",
        "order_id.amount_total",
        "order_id.banquet_deposit_line_ids.value_type",
        "order_id.banquet_deposit_line_ids.percent",
        "order_id.banquet_deposit_line_ids.fixed_amount",
        "order_id.banquet_deposit_line_ids.due_date",
        "order_id.banquet_deposit_line_ids.sequence",
        "order_id.banquet_deposit_line_ids.invoice_id",
    )
    def _compute_amount(self):
        for order in self.order_id:
            order.banquet_deposit_line_ids._banquet_plan_amounts()
        (self - self.order_id.banquet_deposit_line_ids).amount = 0.0

    def _banquet_plan_amounts(self):
        """Amounts of one order's schedule, the rounding remainder on the last deposit."""
        if not self:
            return
        order = self.order_id
        currency = order.currency_id
        total = order.amount_total
        planned = {}
        for line in self:
            if line.invoice_id and line.invoice_id.state != "cancel":
                planned[line] = line.invoice_id.amount_total
            elif line.value_type == "percent":
                planned[line] = currency.round(total * line.percent / 100.0)
            else:
                planned[line] = line.fixed_amount
        last = self.sorted(lambda line: (line.due_date or fields.Date.today(), line.sequence))[-1]
        percent_total = sum(
            self.filtered(lambda line: line.value_type == "percent").mapped("percent")
        )
        closes_order = (
            float_compare(percent_total, 100.0, precision_digits=4) == 0
            or currency.compare_amounts(sum(planned.values()), total) == 0
        )
        if closes_order and not (last.invoice_id and last.invoice_id.state != "cancel"):
            planned[last] = currency.round(total - sum(v for k, v in planned.items() if k != last))
        for line, amount in planned.items():
            line.amount = amount

    @api.depends("invoice_id.state", "invoice_id.payment_state", "invoice_id.amount_residual")
    def _compute_state(self):
        for line in self:
            invoice = line.invoice_id
            if not invoice:
                line.state = "to_invoice"
            elif invoice.state == "cancel":
                line.state = "cancelled"
            elif invoice.state == "draft":
                line.state = "draft"
            elif invoice.payment_state in dict(DEPOSIT_STATES):
                line.state = invoice.payment_state
            else:
                line.state = "not_paid"
            line.amount_paid = (
                invoice.amount_total - invoice.amount_residual
                if invoice.state == "posted" and line.state != "reversed"
                else 0.0
            )

    def _compute_is_overdue(self):
        today = {}
        for line in self:
            company = line.company_id
            if company not in today:
                today[company] = company._banquet_today()
            line.is_overdue = bool(
                line.state in OPEN_STATES and line.due_date and line.due_date < today[company]
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue deposits with = True or = False."))
        companies = self.env.companies | self.env.company
        # One branch per hotel: each compares with its own local date.
        branches = [
            ["&", ("company_id", "=", company.id), ("due_date", "<", company._banquet_today())]
            for company in companies
        ]
        overdue = ["|"] * (len(branches) - 1) + [term for branch in branches for term in branch]
        domain = ["&", ("state", "in", OPEN_STATES), *overdue]
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

    @api.constrains("due_date", "order_id")
    def _check_due_date(self):
        for line in self:
            event_date = line.order_id.banquet_event_date
            if line.due_date and event_date and line.due_date > event_date:
                raise ValidationError(
                    self.env._(
                        "The deposit “%(deposit)s” of %(order)s falls due on %(due)s, after "
                        "the event (%(event)s). Move its due date on or before the event.",
                        deposit=line.name,
                        order=line.order_id.display_name,
                        due=line.due_date,
                        event=event_date,
                    )
                )

    @api.constrains("value_type", "percent", "fixed_amount", "order_id")
    def _check_schedule_total(self):
        for order in self.order_id:
            order._banquet_check_deposit_schedule()

    def write(self, vals):
        locked = {"value_type", "percent", "fixed_amount"} & set(vals)
        if locked and self.filtered("invoice_id"):
            raise UserError(
                self.env._(
                    "The deposit “%(deposit)s” is already invoiced: its amount can no longer "
                    "change. Cancel or reverse its invoice first.",
                    deposit=self.filtered("invoice_id")[0].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        invoiced = self.filtered(lambda line: line.invoice_id and line.state != "cancelled")
        if invoiced:
            raise UserError(
                self.env._(
                    "The deposit “%(deposit)s” has an invoice and cannot be deleted.",
                    deposit=invoiced[0].name,
                )
            )

    # Actions ------------------------------------------------------------------------------

    def action_create_invoice(self):
        """Invoice each deposit as a native down payment; post it if the hotel says so."""
        if not self.env.user.has_group("hotel_banquet_crm.group_banquet_finance"):
            raise UserError(self.env._("Only Finance invoices deposits."))
        invoices = self.env["account.move"]
        for line in self.sorted(lambda line: (line.order_id.id, line.due_date, line.sequence)):
            invoices |= line._banquet_create_invoice()
        to_post = invoices.filtered(lambda move: move.company_id.banquet_deposit_auto_post)
        to_post.action_post()
        if len(self) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": invoices.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return True

    def _banquet_create_invoice(self):
        self.ensure_one()
        order = self.order_id
        if self.invoice_id and self.invoice_id.state != "cancel":
            raise UserError(
                self.env._(
                    "The deposit “%(deposit)s” of %(order)s is already invoiced.",
                    deposit=self.name,
                    order=order.display_name,
                )
            )
        if order.state != "sale":
            raise UserError(
                self.env._(
                    "%(order)s is not confirmed yet: deposits are invoiced once the customer "
                    "has signed (the order is confirmed).",
                    order=order.display_name,
                )
            )
        if self.currency_id.compare_amounts(self.amount, 0.0) <= 0:
            raise UserError(
                self.env._(
                    "The deposit “%(deposit)s” of %(order)s amounts to nothing: give it a "
                    "percentage or an amount first.",
                    deposit=self.name,
                    order=order.display_name,
                )
            )
        # Every deposit is invoiced at its scheduled amount through core's fixed-amount path,
        # which makes the invoice total exactly that amount: a percentage of the total the
        # customer signed, never core's percentage of the untaxed amount taxed afterwards
        # (which can differ by a cent), and the schedule's last deposit is its remainder.
        vals = {"advance_payment_method": "fixed", "fixed_amount": self.amount}
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(
                active_model="sale.order",
                active_ids=order.ids,
                banquet_deposit_line_id=self.id,
            )
            .create({**vals, "sale_order_ids": [fields.Command.set(order.ids)]})
        )
        invoice = wizard._create_invoices(order)
        self.invoice_id = invoice
        return invoice

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # Crons ----------------------------------------------------------------------------------

    # Due deposits a cron run handles: their to-dos (salesperson and Finance) fit in one
    # chunk of the ORM's 100 rows, so that a run costs the same queries however many are due.
    _banquet_cron_batch = 50

    @api.model
    def _banquet_due_domain(self):
        return [
            ("state", "in", OPEN_STATES),
            ("overdue_notified", "=", False),
            *self.env["res.company"]._banquet_date_domain("due_date", "<="),
        ]

    @api.model
    def _banquet_notify_due(self):
        """A to-do for the salesperson and for Finance on each unpaid deposit's due date.

        A run takes ``_banquet_cron_batch`` due deposits: their to-dos are created in one
        batch (``mail.activity._banquet_schedule_todos``: each recipient is notified once
        for all its new to-dos, not once per deposit) and the deposits flagged in one write,
        a constant number of queries. Returns (deposits done, deposits still due): the cron
        runs again at once while some remain (ir.cron._notify_progress)."""
        domain = self._banquet_due_domain()
        due = self.search(domain, order="due_date, id", limit=self._banquet_cron_batch)
        if not due:
            return 0, 0
        todos = []
        for line in due:
            order = line.order_id
            values = {
                "summary": self.env._("Deposit due: %(deposit)s", deposit=line.name),
                "note": self.env._(
                    "The deposit “%(deposit)s” (%(amount)s %(currency)s) is due on "
                    "%(due)s and is not paid yet.",
                    deposit=line.name,
                    amount=formatLang(
                        self.env, line.amount, digits=line.currency_id.decimal_places
                    ),
                    currency=line.currency_id.name,
                    due=line.due_date,
                ),
                "date_deadline": line.due_date,
            }
            users = order.user_id | line.company_id.banquet_finance_user_id
            todos.extend((order, user, values) for user in users or self.env.user)
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        due.write({"overdue_notified": True})
        return len(due), self.search_count(domain)

    @api.model
    def _banquet_release_unsecured_options(self):
        """Release the options whose deposit is unpaid past the hotel's grace period."""
        unsecured = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("company_id.banquet_release_unsecured_options", "=", True),
                ("order_id.banquet_status", "=", "tentative"),
                *self.env["res.company"]._banquet_date_domain(
                    "due_date", "<", "banquet_deposit_grace_days"
                ),
            ]
        )
        orders = unsecured.order_id
        if orders:
            orders._banquet_deposit_release_option()
            orders._banquet_notify_salespeople(
                self.env._("Option released: deposit not paid"),
                self.env._(
                    "A deposit of this option was not paid within the grace period: "
                    "its rooms were released and the next booking in line promoted."
                ),
            )
