from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.misc import formatLang


class BanquetRoomBooking(models.Model):
    _inherit = "banquet.room.booking"

    banquet_minimum_spend = fields.Monetary(
        string="Minimum Spend",
        compute="_compute_banquet_minimum_spend",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        help="The room's minimum spend for this function's day part and date: from its "
        "rental rates, else the room's own minimum.",
    )
    banquet_spend = fields.Monetary(
        string="Spend",
        compute="_compute_banquet_minimum_spend",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        help="Untaxed total of this function's order lines (with the event's lines when it "
        "is the event's only function), without the shortfall line.",
    )
    banquet_minimum_shortfall = fields.Monetary(
        string="Shortfall",
        compute="_compute_banquet_minimum_spend",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        help="What this function's lines miss to reach the minimum spend.",
    )

    @api.depends(
        "room_id",
        "date_start",
        "day_part",
        "hold",
        "order_id.currency_id",
        "order_id.order_line.price_subtotal",
        "order_id.order_line.banquet_booking_id",
    )
    def _compute_banquet_minimum_spend(self):
        shortfall_product = self.env["sale.order"]._banquet_shortfall_product()
        for booking in self:
            order = booking.order_id
            lines = order.order_line.filtered(
                lambda line: (
                    not line.display_type
                    and not line.is_downpayment
                    and line.product_id != shortfall_product
                )
            )
            # The event's own lines count for its function when it has only one.
            alone = order.booking_ids.filtered(lambda b: b.hold != "released") == booking
            spend = sum(
                line.price_subtotal
                for line in lines
                if line.banquet_booking_id == booking or (alone and not line.banquet_booking_id)
            )
            minimum = booking._banquet_minimum_spend_amount()
            booking.banquet_minimum_spend = minimum
            booking.banquet_spend = spend
            booking.banquet_minimum_shortfall = max(minimum - spend, 0.0)

    def _banquet_pricing_after_change(self, fields_changed=None):
        """The event's package quantities and minimum-spend shortfall follow a new or
        changed function (``fields_changed``: the fields written; None for new ones).
        Called by the one ``create``/``write`` of banquet.room.booking."""
        orders = self.order_id
        if fields_changed is None or {"date_start", "expected_pax", "guaranteed_pax"} & set(
            fields_changed
        ):
            # a function can change the event's attendance and its guarantee cut-off
            orders._banquet_sync_pax_quantities()
        if fields_changed is not None and {
            "room_id",
            "date_start",
            "day_part",
            "expected_pax",
            "guaranteed_pax",
        } & set(fields_changed):
            orders._banquet_sync_minimum_spend()

    def _banquet_minimum_spend_amount(self):
        """The room's minimum spend for the function's day part on its hotel-local date, in
        the order's currency (0 once released)."""
        self.ensure_one()
        if self.hold == "released" or not (self.room_id and self.date_start):
            return 0.0
        company = self.company_id or self.env.company
        local_day = company._banquet_to_local(self.date_start).date()
        # sudo: rates are configuration the salesperson reads only through the amounts.
        room = self.room_id.sudo()
        rate = room.rate_ids.filtered("minimum_spend")._select_rate(
            room, self.day_part or "full_day", local_day
        )
        minimum = rate.minimum_spend or room.minimum_spend
        currency = self.order_id.currency_id or company.currency_id
        return company.currency_id._convert(minimum, currency, company, local_day)

    def _banquet_shortfall_description(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return self.env._(
            "Minimum spend shortfall: %(room)s, %(day)s (minimum %(minimum)s)",
            room=self.room_id.name,
            day=format_date(self.env, company._banquet_to_local(self.date_start).date()),
            minimum=formatLang(
                self.env, self.banquet_minimum_spend, currency_obj=self.order_id.currency_id
            ),
        )
