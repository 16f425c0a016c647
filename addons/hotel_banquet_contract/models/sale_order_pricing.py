from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare

# Order fields whose change can move a function's spend or its packages' quantities.
SPEND_ORDER_FIELDS = {
    "order_line",
    "booking_ids",
    "pricelist_id",
    "expected_pax",
    "guaranteed_pax",
    "banquet_guarantee_cutoff",
}
# Order fields whose change can move the quantity of a package line.
PAX_ORDER_FIELDS = {"booking_ids", "expected_pax", "guaranteed_pax", "banquet_guarantee_cutoff"}
# Line fields that change what a line adds to its function's spend.
SPEND_LINE_FIELDS = {
    "product_id",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
    "banquet_booking_id",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    banquet_guarantee_cutoff = fields.Date(
        string="Guarantee Cut-off",
        compute="_compute_banquet_guarantee_cutoff",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        help="From this date on (hotel's calendar), package quantities follow the guaranteed "
        "attendance; before it, the expected attendance. By default the hotel's guarantee "
        "days before the first function.",
    )
    banquet_minimum_spend_policy = fields.Selection(
        related="company_id.banquet_minimum_spend_policy",
        string="Minimum Spend Policy",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_minimum_shortfall = fields.Monetary(
        string="Minimum Spend Shortfall",
        compute="_compute_banquet_minimum_shortfall",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        help="What the functions' order lines miss to reach their rooms' minimum spend.",
    )

    @api.depends(
        "is_banquet",
        "event_date_start",
        "company_id",
        "sale_order_template_id.banquet_guarantee_cutoff_days",
    )
    def _compute_banquet_guarantee_cutoff(self):
        for order in self:
            if not (order.is_banquet and order.event_date_start):
                order.banquet_guarantee_cutoff = order.banquet_guarantee_cutoff
                continue
            company = order.company_id or self.env.company
            first_day = company._banquet_to_local(order.event_date_start).date()
            # The contract template's cut-off, else the hotel's policy.
            template = order.sale_order_template_id
            days = (
                template.banquet_guarantee_cutoff_days
                if template
                else company.banquet_guarantee_days
            )
            order.banquet_guarantee_cutoff = first_day - timedelta(days=days)

    @api.depends("booking_ids.banquet_minimum_shortfall")
    def _compute_banquet_minimum_shortfall(self):
        for order in self:
            order.banquet_minimum_shortfall = sum(
                order.booking_ids.mapped("banquet_minimum_shortfall")
            )

    def _banquet_pricing_after_write(self, vals):
        """Package quantities and the minimum-spend shortfall follow the event's attendance
        and dates (called by sale.order's one write)."""
        if PAX_ORDER_FIELDS & set(vals):
            self._banquet_sync_pax_quantities()
        if SPEND_ORDER_FIELDS & set(vals):
            self._banquet_sync_minimum_spend()

    def _get_update_prices_lines(self):
        # The shortfall line's price is the missing amount, never a pricelist price.
        product = self._banquet_shortfall_product()
        return super()._get_update_prices_lines().filtered(lambda line: line.product_id != product)

    def _recompute_prices(self):
        res = super()._recompute_prices()
        self._banquet_sync_minimum_spend()
        return res

    def _banquet_sync_pax_quantities(self):
        """Package lines follow the attendance: expected pax before the guarantee cut-off,
        guaranteed pax after it (DESIGN, three pax numbers). Lines whose quantity changes
        are written together, by quantity."""
        to_write = defaultdict(lambda: self.env["sale.order.line"])
        for order in self.filtered("is_banquet"):
            for line in order.order_line:
                if not line.banquet_follows_pax or line.display_type:
                    continue
                quantity = line._banquet_pax_quantity()
                if quantity is not None and float_compare(
                    quantity, line.product_uom_qty, precision_rounding=line.product_uom.rounding
                ):
                    to_write[quantity] |= line
        for quantity, lines in to_write.items():
            # sudo: package lines follow their function's attendance, whoever changes it
            # (as the function's rental line does).
            lines.sudo().write({"product_uom_qty": quantity})

    @api.model
    def _cron_banquet_guarantee_cutoff(self):
        """At the guarantee cut-off (the hotel's midnight) package lines move from the
        expected to the guaranteed attendance by themselves, without waiting for the next
        change of pax. Events whose cut-off began in the last week are looked at, so a
        missed run catches up; lines already right are not written again."""
        company = self.env["res.company"]
        orders = self.search(
            [
                ("is_banquet", "=", True),
                ("state", "in", ("draft", "sent", "sale")),
                ("locked", "=", False),
                *company._banquet_date_domain("banquet_guarantee_cutoff", "<="),
                *company._banquet_date_domain("banquet_guarantee_cutoff", ">=", days=7),
            ]
        )
        orders._banquet_sync_pax_quantities()

    def _banquet_guarantee_passed(self):
        """The guarantee cut-off has begun on the hotel's calendar: packages now follow the
        guaranteed attendance."""
        self.ensure_one()
        cutoff = self.banquet_guarantee_cutoff
        company = self.company_id or self.env.company
        return bool(cutoff) and company._banquet_today() >= cutoff

    def _banquet_shortfall_product(self):
        # The cached xmlid lookup, not env.ref(): no existence query on every line write.
        return self.env["product.product"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "hotel_banquet_contract.product_minimum_spend_shortfall"
            )
        )

    def _banquet_sync_minimum_spend(self):
        """Where the hotel bills the minimum spend, keep one shortfall line per function
        whose lines stay below its room's minimum, priced at the missing amount."""
        if self.env.context.get("banquet_minimum_spend_sync"):
            return
        orders = self.filtered(
            lambda o: (
                o.is_banquet
                and o.state in ("draft", "sent")
                and not o.locked
                and o.company_id.banquet_minimum_spend_policy == "line"
            )
        )
        if not orders:
            return
        # sudo: the shortfall line follows its function's spend, whoever changes a line
        # (the function's own rental line is kept the same way).
        orders = orders.sudo().with_context(banquet_minimum_spend_sync=True)
        product = orders._banquet_shortfall_product()
        Line = self.env["sale.order.line"].sudo().with_context(banquet_minimum_spend_sync=True)
        to_create, to_unlink = [], Line
        for order in orders:
            lines = {}
            for line in order.order_line.filtered(lambda ln: ln.product_id == product):
                if line.banquet_booking_id in lines:
                    to_unlink |= line
                else:
                    lines[line.banquet_booking_id] = line
            for function in order.booking_ids:
                shortfall = function.banquet_minimum_shortfall
                line = lines.pop(function, Line)
                if order.currency_id.is_zero(shortfall):
                    to_unlink |= line
                    continue
                vals = {"price_unit": shortfall, "product_uom_qty": 1.0}
                if not line:
                    to_create.append(
                        dict(
                            vals,
                            order_id=order.id,
                            banquet_booking_id=function.id,
                            product_id=product.id,
                            name=function._banquet_shortfall_description(),
                        )
                    )
                elif (
                    float_compare(
                        line.price_unit, shortfall, precision_rounding=order.currency_id.rounding
                    )
                    or line.product_uom_qty != 1.0
                ):
                    line.write(vals)
            for line in lines.values():
                to_unlink |= line
        to_unlink.unlink()
        if to_create:
            Line.create(to_create)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    banquet_follows_pax = fields.Boolean(
        string="Follows Attendance",
        compute="_compute_banquet_follows_pax",
        store=True,
        readonly=False,
        precompute=True,
        help="The quantity follows the attendance of its function (or of the event): the "
        "expected attendance until the guarantee cut-off, the guaranteed attendance after "
        "it. Delivered: the larger of actual and guaranteed attendance, once counted.",
    )
    qty_delivered_method = fields.Selection(
        selection_add=[("banquet_pax", "Attendance")],
        ondelete={"banquet_pax": lambda lines: lines.write({"qty_delivered_method": "manual"})},
    )

    @api.depends("product_id", "order_id.is_banquet")
    def _compute_banquet_follows_pax(self):
        for line in self:
            line.banquet_follows_pax = bool(
                line.order_id.is_banquet and line.product_id.banquet_is_package
            )

    # Only the line's own fields: attendance changes reach the lines through
    # ``sale.order._banquet_sync_pax_quantities``, which writes the lines whose quantity
    # changes. A dependency on the order's or the function's attendance would mark every
    # line of the order, and with it their prices, for recomputation at each change.
    @api.depends("banquet_follows_pax")
    def _compute_product_uom_qty(self):
        following = self.filtered(lambda line: line.banquet_follows_pax and not line.display_type)
        res = super(SaleOrderLine, self - following)._compute_product_uom_qty()
        for line in following:
            quantity = line._banquet_pax_quantity()
            if quantity is not None:
                line.product_uom_qty = quantity
        return res

    @api.depends("banquet_follows_pax")
    def _compute_qty_delivered_method(self):
        res = super()._compute_qty_delivered_method()
        for line in self:
            if line.banquet_follows_pax and not line.is_expense:
                line.qty_delivered_method = "banquet_pax"
        return res

    @api.depends(
        "banquet_booking_id.actual_pax",
        "banquet_booking_id.guaranteed_pax",
        "order_id.actual_pax",
        "order_id.guaranteed_pax",
    )
    def _compute_qty_delivered(self):
        by_pax = self.filtered(lambda line: line.qty_delivered_method == "banquet_pax")
        res = super(SaleOrderLine, self - by_pax)._compute_qty_delivered()
        for line in by_pax:
            source = line.banquet_booking_id or line.order_id
            # Nothing is delivered before the attendance is counted; then the larger of
            # the counted and the guaranteed attendance is billed (DESIGN, three pax).
            line.qty_delivered = (
                max(source.actual_pax, source.guaranteed_pax) if source.actual_pax else 0.0
            )
        return res

    def _banquet_pricing_after_create(self, vals_list):
        """New lines: a package line created without a quantity takes the attendance's
        (the field's default, 1, wins over its compute at creation); the minimum-spend
        shortfall follows. Called by the one create of sale.order.line."""
        by_quantity = defaultdict(lambda: self.browse())
        for line, vals in zip(self, vals_list, strict=True):
            if line.banquet_follows_pax and "product_uom_qty" not in vals:
                quantity = line._banquet_pax_quantity()
                if quantity is not None and quantity != line.product_uom_qty:
                    by_quantity[quantity] |= line
        for quantity, same in by_quantity.items():
            same.product_uom_qty = quantity
        self.order_id._banquet_sync_minimum_spend()

    def _banquet_is_money_only(self):
        """Money, not work for a department: the room rental and the minimum-spend
        shortfall."""
        self.ensure_one()
        return self._banquet_is_rental() or (
            self.product_id == self.order_id._banquet_shortfall_product()
        )

    def _banquet_pax_quantity(self):
        """Quantity of a line that follows the attendance (None: keep the quantity)."""
        self.ensure_one()
        order = self.order_id
        if order.locked or order.state == "cancel":
            return None
        if self.banquet_booking_id.hold == "released":
            return 0.0
        source = self.banquet_booking_id or order
        if order._banquet_guarantee_passed():
            return source.guaranteed_pax or None
        return source.expected_pax or None

    def _get_sale_order_line_multiline_description_sale(self):
        description = super()._get_sale_order_line_multiline_description_sale()
        components = self.product_id.product_tmpl_id._banquet_components_description()
        return "\n".join(filter(None, [description, components]))
