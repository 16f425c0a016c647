from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount

from .sale_order_pricing import SPEND_LINE_FIELDS

# Line fields that a signed contract fixes (a new contract version changes them).
SIGNED_PRICE_FIELDS = {"price_unit", "discount", "tax_id"}


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "banquet.decision.mixin"]

    # What the discount approval measures a line by (computed): never written.
    _banquet_decision_fields = ("banquet_discount_percent", "banquet_list_amount")

    banquet_booking_id = fields.Many2one(
        "banquet.room.booking",
        string="Function",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        check_company=True,
        help="The function (room booking) this line prices, as core event booths do.",
    )

    @api.depends(
        "product_id",
        "product_uom",
        "product_uom_qty",
        "banquet_booking_id.room_id",
        "banquet_booking_id.date_start",
        "banquet_booking_id.day_part",
    )
    def _compute_price_unit(self):
        return super()._compute_price_unit()

    # CRUD: the one create, write and unlink of sale.order.line in this addon; pricing's
    # and the contract's parts are named helpers, called in this order.

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_refuse_decision_fields(vals_list, creating=True)
        signed = self._banquet_signed_totals(
            self.env["sale.order"].browse(
                {vals["order_id"] for vals in vals_list if vals.get("order_id")}
            )
        )
        lines = super().create(vals_list)
        self._banquet_check_signed_totals(signed)  # contract: a signed order stays as signed
        if self.env.context.get("banquet_contract_revision"):
            lines.order_id._banquet_contract_revise()  # contract: the change is a revision
        lines._banquet_pricing_after_create(vals_list)  # package quantity, minimum spend
        return lines

    def write(self, vals):
        self._banquet_refuse_decision_fields([vals])
        # contract: a version waiting for the customer's signature unlocks the prices of
        # its signed order (the change goes into that version); otherwise they are locked
        revising = self.env.context.get("banquet_contract_revision")
        if not revising and SIGNED_PRICE_FIELDS & set(vals):
            revising = self._banquet_contract_pending()
        lines = self.with_context(banquet_contract_revision=True) if revising else self
        signed = {}
        if not revising:
            self._banquet_check_signed_prices(vals)
            signed = self._banquet_signed_totals(self.order_id)
        res = super(SaleOrderLine, lines).write(vals)
        self._banquet_check_signed_totals(signed)
        if revising:
            self.order_id._banquet_contract_revise()
        if SPEND_LINE_FIELDS & set(vals):
            self.order_id._banquet_sync_minimum_spend()  # pricing: minimum spend
        return res

    def unlink(self):
        orders = self.order_id
        signed = self._banquet_signed_totals(orders)
        res = super().unlink()
        self._banquet_check_signed_totals(signed)
        if self.env.context.get("banquet_contract_revision"):
            orders._banquet_contract_revise()
        orders.exists()._banquet_sync_minimum_spend()
        return res

    # Contract ---------------------------------------------------------------------------

    def _banquet_contract_pending(self):
        """Whether a contract version of these lines' banquet orders waits for the
        customer's signature (only banquet lines have contracts; a down payment is not a
        change of the contract)."""
        banquet_lines = self.filtered(
            lambda line: line.order_id.is_banquet and not line.is_downpayment
        )
        # sudo: whether a version is pending is the contract's state, which decides for
        # whoever writes the line (an accountant posting an invoice included)
        return any(
            version.state in ("draft", "sent")
            for version in banquet_lines.order_id.sudo().banquet_contract_version_ids
        )

    def _banquet_signed_totals(self, orders):
        """{order: amount} of the signed banquet events among ``orders`` whose contract is
        not being revised: a change of their lines must leave the amount as signed. The
        system's own changes (packages following the attendance, rental lines following
        their function, attrition and cancellation fees) run under sudo and are not
        checked; neither are down payments, which change no amount of the order."""
        if self.env.su or self.env.context.get("banquet_contract_revision"):
            return {}
        live = orders.filtered(
            lambda o: (
                o.is_banquet and o.state == "sale" and o.banquet_status in ("tentative", "definite")
            )
        )
        if not live:
            return {}
        # sudo: the contract's versions decide for whoever changes the lines
        versions = live.sudo().banquet_contract_version_ids
        signed = {v.order_id.id for v in versions if v.state == "signed"}
        pending = {v.order_id.id for v in versions if v.state in ("draft", "sent")}
        return {
            order: order.amount_total
            for order in live
            if order.id in signed and order.id not in pending
        }

    def _banquet_check_signed_totals(self, before):
        """Refuse a change that moved the amount of a signed event (see
        ``_banquet_signed_totals``)."""
        for order, amount in before.items():
            if order.exists() and order.currency_id.compare_amounts(order.amount_total, amount):
                raise UserError(
                    self.env._(
                        "%(order)s is signed for %(signed)s: this change of its lines would "
                        "make it %(now)s. Agree a new contract version with the customer "
                        "(Revise Contract) instead.",
                        order=order.display_name,
                        signed=format_amount(self.env, amount, order.currency_id),
                        now=format_amount(self.env, order.amount_total, order.currency_id),
                    )
                )

    def _banquet_check_signed_prices(self, vals):
        """A signed banquet order's prices, discounts and taxes do not change outside a
        new contract version."""
        if not SIGNED_PRICE_FIELDS & set(vals):
            return
        signed = self.filtered(
            lambda line: (
                line.order_id.is_banquet
                and line.order_id.state == "sale"
                and not line.is_downpayment
                and not line.display_type
            )
        )
        if not signed:
            return
        new_taxes = (
            set(self.new({"tax_id": vals["tax_id"]}).tax_id.ids) if "tax_id" in vals else None
        )
        for line in signed:
            changed = (
                "price_unit" in vals
                and float_compare(line.price_unit, vals["price_unit"], precision_digits=6)
                or "discount" in vals
                and float_compare(line.discount, vals["discount"], precision_digits=6)
                or new_taxes is not None
                and new_taxes != set(line.tax_id.ids)
            )
            if changed:
                raise UserError(
                    self.env._(
                        "%(order)s is signed: its prices cannot change (line “%(line)s”). "
                        "Agree a new contract version with the customer instead.",
                        order=line.order_id.display_name,
                        line=line.name,
                    )
                )

    # Pricing hooks ----------------------------------------------------------------------

    def _banquet_is_rental(self):
        self.ensure_one()
        return bool(self.banquet_booking_id) and (
            self.product_id == self.banquet_booking_id._banquet_rental_product()
        )

    def _get_order_date(self):
        # The function's own date prices its line (seasons, weekdays), not the order date;
        # a line of the event with no function of its own is priced at the event's first
        # function.
        if self.banquet_booking_id:
            return self.banquet_booking_id.date_start
        if self.order_id.is_banquet and self.order_id.event_date_start:
            return self.order_id.event_date_start
        return super()._get_order_date()

    def _get_product_price_context(self):
        # The room's rate for the function's day part and hotel-local date is the base
        # price the pricelist works on (see product.product._price_compute).
        context = super()._get_product_price_context()
        if self._banquet_is_rental():
            context = dict(
                context, banquet_rental_price=self.banquet_booking_id._banquet_rental_unit_price()
            )
        return context
