# Discount approval, kept apart from sale_order.py (event status) and sale_order_deposit.py
# (money) so that each can be reviewed and merged on its own.
# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero, float_round

from .banquet_discount_threshold import APPROVAL_LEVELS, LEVEL_GROUPS, LEVEL_RANK

APPROVAL_STATES = [
    ("not_needed", "Not Needed"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# Computed from the discounts and the decisions; never written by anyone.
APPROVAL_FIELDS = {
    "banquet_line_discount",
    "banquet_order_discount",
    "banquet_discount_level",
    "banquet_approval_state",
    "banquet_credit_approved_by_id",
    "banquet_credit_approved_on",
}
BLOCKING_APPROVAL_STATES = ("to_approve", "rejected")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    banquet_line_discount = fields.Float(
        string="Largest Line Discount (%)",
        compute="_compute_banquet_discounts",
        store=True,
        digits=(16, 2),
        help="Largest discount of a line against the price its pricelist gives.",
    )
    banquet_order_discount = fields.Float(
        string="Order Discount (%)",
        compute="_compute_banquet_discounts",
        store=True,
        digits=(16, 2),
        help="Discount of the whole quotation against the pricelist prices: line "
        "discounts, lowered prices and order discount lines together.",
    )
    banquet_discount_level = fields.Selection(
        APPROVAL_LEVELS,
        string="Discount Within Limits Of",
        compute="_compute_banquet_approval",
        store=True,
        help="Lowest level whose discount thresholds (per hotel) allow this quotation's discounts.",
    )
    banquet_approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Discount Approval",
        compute="_compute_banquet_approval",
        store=True,
        tracking=True,
        copy=False,
        index=True,
        help="To Approve: the discount is above the salesperson's thresholds; the "
        "quotation cannot be sent, signed or confirmed until an approver accepts it. "
        "A discount raised after approval needs a new approval.",
    )
    banquet_approval_request_ids = fields.One2many(
        "banquet.approval.request",
        "order_id",
        string="Approval Requests",
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_approval_request_id = fields.Many2one(
        "banquet.approval.request",
        string="Pending Approval Request",
        compute="_compute_banquet_approval_request_id",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_can_decide_approval = fields.Boolean(
        compute="_compute_banquet_approval_request_id",
        groups="hotel_banquet_crm.group_banquet_user",
    )

    @api.depends(
        "is_banquet",
        "order_line.banquet_discount_percent",
        "order_line.banquet_list_amount",
        "order_line.price_unit",
        "order_line.discount",
        "order_line.product_uom_qty",
    )
    def _compute_banquet_discounts(self):
        for order in self:
            lines = order.order_line.filtered(
                lambda line: not line.display_type and not line.is_downpayment
            )
            if not order.is_banquet or not lines:
                order.banquet_line_discount = 0.0
                order.banquet_order_discount = 0.0
                continue
            order.banquet_line_discount = max(lines.mapped("banquet_discount_percent"))
            listed = sum(lines.mapped("banquet_list_amount"))
            net = sum(
                line.price_unit * (1.0 - (line.discount or 0.0) / 100.0) * line.product_uom_qty
                for line in lines
            )
            discount = (1.0 - net / listed) * 100.0 if listed > 0 else 0.0
            order.banquet_order_discount = float_round(
                min(max(discount, 0.0), 100.0), precision_digits=2
            )

    @api.depends(
        "is_banquet",
        "state",
        "user_id",
        "company_id",
        "banquet_line_discount",
        "banquet_order_discount",
        "banquet_approval_request_ids.state",
        "banquet_approval_request_ids.kind",
        "banquet_contract_version_ids.state",
    )
    def _compute_banquet_approval(self):
        # sudo: the hotel's thresholds apply whoever edits the quotation
        thresholds = (
            self.env["banquet.discount.threshold"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)])
        )
        limits = defaultdict(dict)
        for threshold in thresholds:
            limits[threshold.company_id.id][threshold.level] = threshold
        for order in self:
            if not order.is_banquet:
                order.banquet_discount_level = False
                order.banquet_approval_state = "not_needed"
                continue
            if not order._banquet_in_negotiation():
                # A confirmed or cancelled order keeps the approval it was confirmed with.
                order.banquet_discount_level = order.banquet_discount_level
                order.banquet_approval_state = order.banquet_approval_state or "not_needed"
                continue
            level, above_all = order._banquet_required_level(limits[order.company_id.id])
            order.banquet_discount_level = level
            own = self._banquet_user_level(order.user_id)
            if LEVEL_RANK[level] < LEVEL_RANK[own] or (
                LEVEL_RANK[level] == LEVEL_RANK[own] and not above_all
            ):
                order.banquet_approval_state = "not_needed"
                continue
            last = order.banquet_approval_request_ids.filtered(
                lambda r: r.kind == "discount" and r.state != "cancelled"
            ).sorted("id", reverse=True)[:1]
            if last.state == "approved" and not order._banquet_discount_exceeds(last):
                order.banquet_approval_state = "approved"
            elif last.state == "rejected" and not order._banquet_discount_differs(last):
                order.banquet_approval_state = "rejected"
            else:
                order.banquet_approval_state = "to_approve"

    @api.depends_context("uid")
    @api.depends("banquet_approval_request_ids.state")
    def _compute_banquet_approval_request_id(self):
        for order in self:
            request = order.banquet_approval_request_ids.filtered(
                lambda r: r.kind == "discount" and r.state == "pending"
            ).sorted("id", reverse=True)[:1]
            order.banquet_approval_request_id = request
            order.banquet_can_decide_approval = bool(request) and request.can_decide

    def _banquet_reference_pricelists(self):
        """{order id: what its discounts are measured against}: the customer's agreement
        pricelist in the order's hotel, else the hotel's public pricelist (its first
        active one, as core picks a customer's default) — never the pricelist chosen for
        the quotation, which could have the discount built in. One pricelist search per
        hotel, however many orders."""
        # sudo: the reference is the hotel's and the customer's, whoever edits the order
        public = {}
        references = {}
        for order in self:
            company = order.company_id
            partner = order.partner_id.sudo().with_company(company)
            agreement = partner._banquet_agreement_pricelist() if partner else False
            if agreement:
                references[order.id] = agreement.sudo(False)
                continue
            if company not in public:
                Pricelist = self.env["product.pricelist"].sudo().with_company(company)
                public[company] = Pricelist.search(
                    Pricelist._get_partner_pricelist_multi_search_domain_hook(company.id),
                    limit=1,
                ).sudo(False)
            references[order.id] = public[company]
        return references

    def _banquet_required_level(self, limits):
        """(lowest level whose thresholds allow the discounts, whether they are above even
        the highest level's) for ``limits`` {level: banquet.discount.threshold}."""
        self.ensure_one()
        if not limits:
            return "salesperson", False
        for level, _label in APPROVAL_LEVELS:
            threshold = limits.get(level)
            if (
                threshold
                and float_compare(
                    self.banquet_line_discount, threshold.max_line_discount, precision_digits=2
                )
                <= 0
                and float_compare(
                    self.banquet_order_discount, threshold.max_order_discount, precision_digits=2
                )
                <= 0
            ):
                return level, False
        return APPROVAL_LEVELS[-1][0], True

    @api.model
    def _banquet_user_level(self, user):
        """Approval level of ``user``: the highest banquet group they belong to."""
        for level, _label in reversed(APPROVAL_LEVELS):
            if user and user.has_group(LEVEL_GROUPS[level]):
                return level
        return APPROVAL_LEVELS[0][0]

    def _banquet_discount_differs(self, request):
        self.ensure_one()
        return bool(
            float_compare(self.banquet_line_discount, request.line_discount, precision_digits=2)
            or float_compare(
                self.banquet_order_discount, request.order_discount, precision_digits=2
            )
        )

    def _banquet_discount_exceeds(self, request):
        """Whether the discounts now go above those ``request`` decided on."""
        self.ensure_one()
        return (
            float_compare(self.banquet_line_discount, request.line_discount, precision_digits=2) > 0
            or float_compare(
                self.banquet_order_discount, request.order_discount, precision_digits=2
            )
            > 0
        )

    # CRUD ---------------------------------------------------------------------------------

    @api.model
    def _banquet_approval_refuse_fields(self, vals_list, creating=False):
        """The approval follows the discounts and the approvers' decisions: nobody sets it,
        whatever the path (form, RPC, import). Called by sale.order's one create/write."""
        defaults = {
            key.removeprefix("default_") for key in self.env.context if key.startswith("default_")
        }
        if not any(APPROVAL_FIELDS & set(vals) for vals in vals_list) and not (
            creating and APPROVAL_FIELDS & defaults
        ):
            return
        if creating:
            raise AccessError(self.env._("The discount approval of a quotation is computed."))
        raise AccessError(
            self.env._(
                "The discount approval of a quotation is computed: ask for approval "
                "(button “Request Approval”) instead of setting it."
            )
        )

    # Where approval is enforced: confirmation, sending, portal signature and payment ----------

    def _banquet_in_negotiation(self):
        """A quotation, or a signed order whose new contract version waits for the
        customer's signature: its discounts still need the approver."""
        self.ensure_one()
        return self.state in ("draft", "sent") or any(
            version.state in ("draft", "sent") for version in self.banquet_contract_version_ids
        )

    def _banquet_approval_blocks(self):
        self.ensure_one()
        return (
            self.is_banquet
            and self._banquet_in_negotiation()
            and self.banquet_approval_state in BLOCKING_APPROVAL_STATES
        )

    def _banquet_approval_error(self):
        """Why this quotation cannot go to the customer yet (False when it can)."""
        self.ensure_one()
        if not self._banquet_approval_blocks():
            return False
        if self.banquet_approval_state == "rejected":
            return self.env._(
                "The discount of %(order)s was rejected. Lower it, or ask for approval again "
                "with a new reason, before sending, signing or confirming the quotation.",
                order=self.name,
            )
        return self.env._(
            "The discount of %(order)s (line %(line)s %%, order %(total)s %%) is above the "
            "salesperson's limits. Ask for approval (button “Request Approval”) and wait for "
            "it before sending, signing or confirming the quotation.",
            order=self.name,
            line=self.banquet_line_discount,
            total=self.banquet_order_discount,
        )

    def _banquet_check_approval(self):
        for order in self:
            error = order._banquet_approval_error()
            if error:
                raise UserError(error)

    def _confirmation_error_message(self):
        return super()._confirmation_error_message() or self._banquet_approval_error()

    def action_quotation_send(self):
        self._banquet_check_approval()
        return super().action_quotation_send()

    def action_quotation_sent(self):
        self._banquet_check_approval()
        return super().action_quotation_sent()

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        # The composer opened by "Send by Email" posts with this key (also when scheduled).
        if self.env.context.get("mark_so_as_sent"):
            self._banquet_check_approval()
        return super().message_post(**kwargs)

    def _has_to_be_signed(self):
        return super()._has_to_be_signed() and not self._banquet_approval_blocks()

    def _has_to_be_paid(self):
        # A banquet quotation offers "Accept & Pay" only once its discount is approved and
        # where a payment method of the hotel can take the payment.
        if not super()._has_to_be_paid() or self._banquet_approval_blocks():
            return False
        return not self.is_banquet or self._banquet_online_payment_possible(
            self.company_id,
            self.partner_id,
            self._get_prepayment_required_amount(),
            self.currency_id,
        )

    @api.model
    def _banquet_online_payment_possible(self, company, partner, amount, currency):
        """Whether a payment provider of ``company`` with a payment method for ``partner``
        takes ``amount`` in ``currency``, as core's portal payment form selects them."""
        # sudo: portal users and the public cannot read providers and payment methods; only
        # whether one exists is asked, as core's payment form does
        providers = (
            self.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(company.id, partner.id, amount, currency_id=currency.id)
        )
        methods = (
            self.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(providers.ids, partner.id, currency_id=currency.id)
        )
        return bool(methods)

    # Asking and deciding ------------------------------------------------------------------

    def _banquet_approval_wizard(self, mode):
        self.ensure_one()
        names = {
            "request": self.env._("Request Discount Approval"),
            "approve": self.env._("Approve Discount"),
            "reject": self.env._("Reject Discount"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": names[mode],
            "res_model": "banquet.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_order_id": self.id,
                "default_request_id": self.banquet_approval_request_id.id,
                "default_mode": mode,
            },
        }

    def action_banquet_request_approval(self):
        self.ensure_one()
        if self.banquet_approval_state not in BLOCKING_APPROVAL_STATES:
            raise UserError(
                self.env._("The discount of %(order)s needs no approval.", order=self.name)
            )
        return self._banquet_approval_wizard("request")

    def action_banquet_approve_discount(self):
        self.ensure_one()
        return self._banquet_approval_wizard("approve")

    def action_banquet_reject_discount(self):
        self.ensure_one()
        return self._banquet_approval_wizard("reject")

    def _banquet_request_discount_approval(self, reason):
        """Ask the approvers of each quotation to accept its discount, for ``reason``."""
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the customer should get this discount."))
        for order in self:
            if order.banquet_approval_state not in BLOCKING_APPROVAL_STATES:
                raise UserError(
                    self.env._("The discount of %(order)s needs no approval.", order=order.name)
                )
        # sudo: a new request supersedes the unanswered one; superseding is not a decision
        self.banquet_approval_request_ids.filtered(
            lambda r: r.kind == "discount" and r.state == "pending"
        ).sudo().write({"state": "cancelled"})
        # the requester must be able to change the quotation; what is asked is measured
        # here, from the order, never given by the caller
        self.check_access("write")
        # sudo: the level needed and the discounts measured are decision fields of the
        # request, written by the system (the requester is the current user)
        requests = (
            self.env["banquet.approval.request"]
            .sudo()
            .create(
                [
                    {
                        "order_id": order.id,
                        "reason": reason,
                        "line_discount": order.banquet_line_discount,
                        "order_discount": order.banquet_order_discount,
                        "amount_untaxed": order.amount_untaxed,
                        "required_level": order.banquet_discount_level,
                        "requested_by_id": self.env.user.id,
                    }
                    for order in self
                ]
            )
        )
        requests = requests.sudo(False)
        self._banquet_schedule_approval_activities(requests)
        return requests

    def _banquet_approvers(self, request):
        """Users who may decide on ``request``, and among them those to ask first: the
        approvers of the level needed (managers when that level has nobody)."""
        self.ensure_one()
        levels = [level for level, _label in APPROVAL_LEVELS]
        candidates = self.env["res.users"]
        for level in levels[LEVEL_RANK[request.required_level] :]:
            # sudo: which users hold a banquet group; salespeople may not read group members
            group = self.env.ref(LEVEL_GROUPS[level]).sudo()
            candidates |= group.users.filtered(
                lambda u: not u.share and self.company_id in u.company_ids
            )
        allowed = candidates - request.requested_by_id - self.user_id
        exact = allowed.filtered(lambda u: self._banquet_user_level(u) == request.required_level)
        return allowed, exact or allowed

    def _banquet_schedule_approval_activities(self, requests):
        """One approval to-do per approver and quotation, created in one batch by the crm
        addon's one activity helper."""
        activity_type = self.env.ref(
            "hotel_banquet_contract.mail_activity_type_banquet_discount_approval"
        )
        todos = []
        for request in requests:
            order = request.order_id
            _allowed, notify = order._banquet_approvers(request)
            summary = self.env._(
                "Approve discount: line %(line)s %%, order %(total)s %%",
                line=request.line_discount,
                total=request.order_discount,
            )
            for user in notify:
                todos.append(
                    (
                        order,
                        user,
                        {
                            "activity_type_id": activity_type.id,
                            "summary": summary,
                            "note": request.reason,
                            "date_deadline": order.company_id._banquet_today(),
                        },
                    )
                )
        # the approvers are waiting for it: core's assignment e-mail goes out too
        self.env["mail.activity"]._banquet_schedule_todos(todos, quick=False)

    def _banquet_close_approval_activities(self, feedback):
        """The decision is made: the decider's to-do is done, the others' are obsolete."""
        activity_type = self.env.ref(
            "hotel_banquet_contract.mail_activity_type_banquet_discount_approval"
        )
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        mine = activities.filtered(lambda a: a.user_id == self.env.user)
        (activities - mine).unlink()
        if mine:
            mine.action_feedback(feedback=feedback)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    banquet_discount_percent = fields.Float(
        string="Discount vs Pricelist (%)",
        compute="_compute_banquet_discount",
        store=True,
        digits=(16, 2),
        help="How far the line's net price is below the price its pricelist gives: the "
        "discount field and a lowered unit price together.",
    )
    banquet_list_amount = fields.Float(
        string="Amount at Pricelist Price",
        compute="_compute_banquet_discount",
        store=True,
        groups="hotel_banquet_crm.group_banquet_user",
        help="Quantity times the price the pricelist gives; what the order discount is "
        "measured against.",
    )

    @api.depends(
        "order_id.is_banquet",
        "order_id.pricelist_id",
        "product_id",
        "product_uom",
        "product_uom_qty",
        "price_unit",
        "discount",
        "display_type",
        "is_downpayment",
        "banquet_booking_id.room_id",
        "banquet_booking_id.date_start",
        "banquet_booking_id.day_part",
    )
    def _compute_banquet_discount(self):
        measured = []
        for line in self:
            if (
                not line.order_id.is_banquet
                or line.display_type
                or line.is_downpayment
                or not line.product_id
            ):
                line.banquet_discount_percent = 0.0
                line.banquet_list_amount = 0.0
                continue
            if float_is_zero(line.product_uom_qty, precision_rounding=line.product_uom.rounding):
                # Nothing sold (a released function's line): no discount given, and no
                # pricelist lookup per line when the option cron releases many at once.
                line.banquet_discount_percent = 0.0
                line.banquet_list_amount = 0.0
                continue
            if line.product_id == line.order_id._banquet_shortfall_product():
                # The minimum-spend shortfall is priced by the gap, never by a pricelist:
                # no discount to measure, and no pricelist lookup per function.
                line.banquet_discount_percent = 0.0
                line.banquet_list_amount = line.price_unit * line.product_uom_qty
                continue
            if line.price_unit < 0:
                # An order discount line (core's discount wizard): it lowers the order
                # discount, not a line's.
                line.banquet_discount_percent = 0.0
                line.banquet_list_amount = 0.0
                continue
            measured.append(line.id)
        measured = self.browse(measured)
        references = measured._banquet_reference_unit_prices()
        for line in measured:
            net_unit = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            reference = references[line.id]
            if reference > 0:
                percent = (1.0 - net_unit / reference) * 100.0
            else:
                # No pricelist price (a price typed by hand): the discount field says it all.
                reference, percent = line.price_unit, line.discount or 0.0
            line.banquet_discount_percent = float_round(
                min(max(percent, 0.0), 100.0), precision_digits=2
            )
            line.banquet_list_amount = reference * line.product_uom_qty

    def _banquet_reference_unit_prices(self):
        """{line id: the unit price of the order's reference pricelist} for these lines, on
        the same tax basis as price_unit. The reference is the customer's agreement
        pricelist, else the hotel's public one (sale.order._banquet_reference_pricelists),
        never the pricelist the salesperson chose. Lines priced on the reference itself
        take core's own rule (pricelist_item_id); the others share one rule search per
        reference pricelist (product.pricelist._banquet_rules_by_date), then pick their rule
        and price as core's _compute_price_rule does."""
        references = self.order_id._banquet_reference_pricelists()
        prices, others = {}, defaultdict(list)
        for line in self:
            if line.product_type == "combo" or line.combo_item_id:
                prices[line.id] = 0.0
                continue
            reference = references[line.order_id.id]
            if reference == line.order_id.pricelist_id:
                price = line.with_company(line.company_id)._get_pricelist_price()
                prices[line.id] = line._banquet_tax_included(price)
            else:
                others[reference].append(line)
        Rule = self.env["product.pricelist.item"]
        for reference, lines in others.items():
            rules = {}
            if reference:
                products = self.env["product.product"].union(*(line.product_id for line in lines))
                rules = reference._banquet_rules_by_date(
                    products, [line._get_order_date() for line in lines]
                )
            for line in lines:
                date = line._get_order_date()
                product = line.product_id.with_context(**line._get_product_price_context())
                quantity = line.product_uom_qty or 1.0
                uom = line.product_uom or product.uom_id
                in_product_uom = quantity
                if uom != product.uom_id:
                    in_product_uom = uom._compute_quantity(
                        quantity, product.uom_id, raise_if_failure=False
                    )
                rule = next(
                    (
                        rule
                        for rule in rules.get(date, Rule)
                        if rule._is_applicable_for(product, in_product_uom)
                    ),
                    Rule,
                )
                price = rule._compute_price(
                    product, quantity, uom, date=date, currency=line.currency_id
                )
                prices[line.id] = line._banquet_tax_included(price)
        return prices

    def _banquet_tax_included(self, price):
        """``price`` (a pricelist price) on the tax basis of this line's price_unit."""
        self.ensure_one()
        line = self.with_company(self.company_id)
        return line.product_id._get_tax_included_unit_price_from_price(
            price,
            product_taxes=line.product_id.taxes_id._filter_taxes_by_company(line.company_id),
            fiscal_position=line.order_id.fiscal_position_id,
        )
