import re

from stdnum.cn import uscc

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .res_partner import DIGITAL_KINDS, FAPIAO_KINDS, SPECIAL_KINDS


class AccountMove(models.Model):
    """Banquet invoices: the event they bill, and the fapiao data the customer asked for."""

    _inherit = "account.move"

    banquet_order_id = fields.Many2one(
        "sale.order", string="Banquet Event", readonly=True, index="btree_not_null"
    )
    banquet_deposit_line_id = fields.Many2one(
        "banquet.deposit.line",
        string="Deposit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_bill_kind = fields.Selection(
        [("deposit", "Deposit"), ("final", "Final Bill"), ("fee", "Cancellation Fee")],
        string="Banquet Bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    banquet_event_name = fields.Char(related="banquet_order_id.event_name", string="Event")
    banquet_event_date = fields.Date(
        related="banquet_order_id.banquet_event_date", store=True, string="Event Date"
    )
    banquet_collection_notified = fields.Boolean(copy=False)

    banquet_fapiao_required = fields.Boolean(
        string="Fapiao Requested",
        compute="_compute_banquet_fapiao",
        store=True,
        readonly=False,
        tracking=True,
    )
    banquet_fapiao_kind = fields.Selection(
        FAPIAO_KINDS,
        string="Fapiao Kind",
        compute="_compute_banquet_fapiao",
        store=True,
        readonly=False,
    )
    banquet_fapiao_buyer_name = fields.Char(
        string="Fapiao Buyer", compute="_compute_banquet_fapiao", store=True, readonly=False
    )
    banquet_fapiao_tax_id = fields.Char(
        string="Buyer Tax ID", compute="_compute_banquet_fapiao", store=True, readonly=False
    )
    banquet_fapiao_address_phone = fields.Char(
        string="Buyer Address and Phone",
        compute="_compute_banquet_fapiao",
        store=True,
        readonly=False,
    )
    banquet_fapiao_bank_account = fields.Char(
        string="Buyer Bank and Account",
        compute="_compute_banquet_fapiao",
        store=True,
        readonly=False,
    )
    banquet_fapiao_email = fields.Char(
        string="Fapiao E-mail", compute="_compute_banquet_fapiao", store=True, readonly=False
    )
    banquet_fapiao_number = fields.Char(
        string="Fapiao Number",
        copy=False,
        tracking=True,
        help="8 digits for a paper fapiao, 20 for a fully digital one.",
    )

    @api.depends("partner_id")
    def _compute_banquet_fapiao(self):
        for move in self:
            partner = move.partner_id.commercial_partner_id
            move.banquet_fapiao_required = partner.banquet_fapiao_required
            move.banquet_fapiao_kind = partner.banquet_fapiao_kind
            move.banquet_fapiao_buyer_name = partner.banquet_fapiao_buyer_name or partner.name
            move.banquet_fapiao_tax_id = partner.banquet_fapiao_tax_id
            move.banquet_fapiao_address_phone = partner.banquet_fapiao_address_phone
            move.banquet_fapiao_bank_account = partner.banquet_fapiao_bank_account
            move.banquet_fapiao_email = partner.banquet_fapiao_email or partner.email

    @api.constrains("banquet_fapiao_tax_id")
    def _check_banquet_fapiao_tax_id(self):
        for move in self.filtered("banquet_fapiao_tax_id"):
            if not uscc.is_valid(move.banquet_fapiao_tax_id):
                raise ValidationError(
                    self.env._(
                        "“%(code)s” on %(move)s is not a valid unified social credit code "
                        "(18 characters with a matching check character).",
                        code=move.banquet_fapiao_tax_id,
                        move=move.display_name,
                    )
                )

    @api.constrains("banquet_fapiao_number", "banquet_fapiao_kind")
    def _check_banquet_fapiao_number(self):
        for move in self.filtered("banquet_fapiao_number"):
            digits = 20 if move.banquet_fapiao_kind in DIGITAL_KINDS else 8
            if not re.fullmatch(r"\d{%d}" % digits, move.banquet_fapiao_number):
                raise ValidationError(
                    self.env._(
                        "The fapiao number of %(move)s must have %(digits)s digits for a "
                        "%(kind)s fapiao.",
                        move=move.display_name,
                        digits=digits,
                        kind=self.env._("fully digital") if digits == 20 else self.env._("paper"),
                    )
                )

    def _banquet_fapiao_missing(self):
        """Names of the fapiao data this invoice still lacks."""
        self.ensure_one()
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in (
                "banquet_fapiao_kind",
                "banquet_fapiao_buyer_name",
                "banquet_fapiao_tax_id",
                "banquet_fapiao_address_phone",
                "banquet_fapiao_bank_account",
            )
        }
        needed = ["banquet_fapiao_kind", "banquet_fapiao_buyer_name"]
        if self.commercial_partner_id.is_company or self.banquet_fapiao_kind in SPECIAL_KINDS:
            needed.append("banquet_fapiao_tax_id")
        if self.banquet_fapiao_kind in SPECIAL_KINDS:
            needed += ["banquet_fapiao_address_phone", "banquet_fapiao_bank_account"]
        return [labels[name] for name in needed if not self[name]]

    def _post(self, soft=True):
        for move in self.filtered(
            lambda m: m.banquet_fapiao_required and m.move_type in ("out_invoice", "out_refund")
        ):
            missing = move._banquet_fapiao_missing()
            if missing:
                raise UserError(
                    self.env._(
                        "%(partner)s asked for a fapiao, but %(move)s lacks: %(missing)s. "
                        "Complete the fapiao data on the invoice (or on the customer) first.",
                        partner=move.commercial_partner_id.display_name,
                        move=move.display_name,
                        missing=", ".join(missing),
                    )
                )
        return super()._post(soft=soft)

    def _has_to_be_paid(self):
        # A banquet bill offers "Pay Now" in the portal only where a payment method can
        # take it: core offers it whatever is configured, and the customer then reads "No
        # payment method available". Other invoices keep core's behaviour.
        if not super()._has_to_be_paid():
            return False
        return not self.banquet_order_id or self._banquet_can_be_paid_online()

    def _banquet_can_be_paid_online(self):
        """Whether a payment method of the hotel takes this bill's residual amount online,
        as the portal's payment form would offer it."""
        self.ensure_one()
        return self.env["sale.order"]._banquet_online_payment_possible(
            self.company_id, self.partner_id, self.amount_residual, self.currency_id
        )

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        deposits = self.filtered(
            lambda move: (
                move.banquet_bill_kind == "deposit"
                and move.payment_state in ("paid", "in_payment")
                and move.company_id.banquet_definite_policy == "signature_and_first_deposit"
            )
        )
        # sudo: a paid deposit meets the hotel's policy whoever registers the payment (an
        # accountant without a banquet role included); the chatter still names that user
        deposits.banquet_order_id.sudo().filtered(
            lambda o: o.state == "sale"
        )._banquet_deposit_make_definite()
        return res

    @api.model
    def _cron_banquet_collections(self):
        """A collection to-do for the salesperson and Finance on each overdue banquet invoice."""
        overdue = self.search(
            [
                ("banquet_order_id", "!=", False),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("banquet_collection_notified", "=", False),
                *self.env["res.company"]._banquet_date_domain("invoice_date_due", "<"),
            ]
        )
        if not overdue:
            return
        todos = []
        for move in overdue:
            values = {
                "summary": self.env._("Collect overdue invoice %(name)s", name=move.name),
                "note": self.env._(
                    "%(amount)s %(currency)s of %(name)s were due on %(due)s.",
                    amount=move.amount_residual,
                    currency=move.currency_id.name,
                    name=move.name,
                    due=move.invoice_date_due,
                ),
                "date_deadline": move.invoice_date_due,
            }
            users = move.invoice_user_id | move.company_id.banquet_finance_user_id
            todos.extend((move, user, values) for user in users or self.env.user)
        # no e-mail per to-do: that keeps the cron's cost constant
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        overdue.write({"banquet_collection_notified": True})
