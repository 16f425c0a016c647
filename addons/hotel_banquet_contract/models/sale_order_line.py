from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

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

    def _banquet_is_rental(self):
        self.ensure_one()
        return bool(self.banquet_booking_id) and (
            self.product_id == self.banquet_booking_id._banquet_rental_product()
        )

    def _get_order_date(self):
        # The function's own date prices its line (seasons, weekdays), not the order date.
        if self.banquet_booking_id:
            return self.banquet_booking_id.date_start
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
