from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, new_test_user, tagged, warmup

from .common import BanquetContractCommon


class ProposalPricingCommon(BanquetContractCommon):
    """The hotel sells a day-delegate package made of coffee breaks, a lunch and AV basics."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.banquet_tz = "Asia/Shanghai"
        Product = cls.env["product.product"]
        cls.coffee, cls.lunch, cls.av_basics = Product.create(
            [
                {"name": "Coffee Break", "type": "service", "list_price": 60.0},
                {"name": "Business Lunch", "type": "service", "list_price": 150.0},
                {"name": "AV Basics", "type": "service", "list_price": 800.0},
            ]
        )
        cls.ddr = Product.create(
            {
                "name": "Full-day Delegate Package",
                "type": "service",
                "list_price": 300.0,
                "banquet_is_package": True,
                "banquet_component_ids": [
                    (0, 0, {"product_id": cls.coffee.id, "quantity": 2, "basis": "person"}),
                    (0, 0, {"product_id": cls.lunch.id, "quantity": 1, "basis": "person"}),
                    (0, 0, {"product_id": cls.av_basics.id, "quantity": 1, "basis": "package"}),
                ],
            }
        )
        cls.rental = cls.env.ref("hotel_banquet_contract.product_function_room_rental")
        cls.shortfall_product = cls.env.ref(
            "hotel_banquet_contract.product_minimum_spend_shortfall"
        )
        cls.env["banquet.room.rate"].create(
            [
                {"room_id": cls.section_a.id, "day_part": "full_day", "price": 8000},
                {"room_id": cls.section_a.id, "day_part": "evening", "price": 6000},
                {"room_id": cls.section_a.id, "day_part": "morning", "price": 4000},
            ]
        )

    @classmethod
    def _package_line(cls, order, function=None, product=None):
        """Add a package line to ``order``, on ``function`` or on the whole event."""
        return cls.env["sale.order.line"].create(
            {
                "order_id": order.id,
                "product_id": (product or cls.ddr).id,
                "banquet_booking_id": function.id if function else False,
            }
        )

    @staticmethod
    def _lines(order, product):
        return order.order_line.filtered(lambda line: line.product_id == product)


@tagged("post_install", "-at_install")
class TestPackages(ProposalPricingCommon):
    def test_package_lists_its_components_on_the_quotation(self):
        order = self._book(self.section_a, self.dt(3, 1), self.dt(3, 9), pax=40)
        line = self._package_line(order, order.booking_ids)
        self.assertTrue(line.banquet_follows_pax)
        self.assertIn("Full-day Delegate Package", line.name)
        self.assertIn("2 × Coffee Break (per person)", line.name)
        self.assertIn("1 × AV Basics (per package)", line.name)
        self.assertEqual(line.product_uom_qty, 40, "one package per expected attendee")
        self.assertEqual(line.price_subtotal, 12000)

    def test_pax_changes_move_packages_until_the_cutoff_and_not_after(self):
        # Function on 2030-06-10 (hotel date); default cut-off 3 days before: 2030-06-07.
        with freeze_time("2030-06-01 02:00:00"):
            order = self._book(
                self.section_a, datetime(2030, 6, 10, 1), datetime(2030, 6, 10, 9), pax=80
            )
            function = order.booking_ids
            self.assertEqual(order.banquet_guarantee_cutoff, date(2030, 6, 7))
            on_function = self._package_line(order, function)
            on_event = self._package_line(order, product=self.lunch)
            on_event.banquet_follows_pax = True
            self.assertEqual((on_function.product_uom_qty, on_event.product_uom_qty), (80, 80))
            function.expected_pax = 90
            self.assertEqual((on_function.product_uom_qty, on_event.product_uom_qty), (90, 90))
            function.guaranteed_pax = 85
            self.assertEqual(on_function.product_uom_qty, 90, "expected pax before the cut-off")
        with freeze_time("2030-06-08 02:00:00"):
            function.guaranteed_pax = 84
            self.assertEqual((on_function.product_uom_qty, on_event.product_uom_qty), (84, 84))
            function.expected_pax = 100
            self.assertEqual(on_function.product_uom_qty, 84, "expected pax no longer counts")
            self.assertEqual(on_event.product_uom_qty, 84)
            function.guaranteed_pax = 88
            self.assertEqual(on_function.product_uom_qty, 88, "guaranteed pax still does")
            function.action_release()
            self.assertEqual(on_function.product_uom_qty, 0, "a released function sells nothing")

    def test_a_line_taken_off_the_pax_keeps_its_quantity(self):
        order = self._book(self.section_a, self.dt(3, 1), self.dt(3, 9), pax=40)
        line = self._package_line(order, order.booking_ids)
        line.write({"banquet_follows_pax": False, "product_uom_qty": 1})
        order.booking_ids.expected_pax = 60
        self.assertEqual(line.product_uom_qty, 1)
        self.assertEqual(line.qty_delivered_method, "manual")

    def test_delivered_packages_are_the_larger_of_actual_and_guaranteed_pax(self):
        order = self._book(self.section_a, self.dt(3, 1), self.dt(3, 9), pax=100)
        function = order.booking_ids
        line = self._package_line(order, function)
        function.guaranteed_pax = 90
        order.action_confirm()
        self.assertEqual(line.qty_delivered_method, "banquet_pax")
        self.assertEqual(line.qty_delivered, 0, "nothing delivered before the count")
        function.actual_pax = 86
        self.assertEqual(line.qty_delivered, 90, "the guarantee is billed")
        function.actual_pax = 95
        self.assertEqual(line.qty_delivered, 95)

    def test_cutoff_default_comes_from_the_hotel_setting(self):
        settings = self.env["res.config.settings"].create({"banquet_guarantee_days": 5})
        settings.execute()
        self.assertEqual(self.company.banquet_guarantee_days, 5)
        order = self._book(self.section_a, datetime(2030, 6, 10, 1), datetime(2030, 6, 10, 9))
        self.assertEqual(order.banquet_guarantee_cutoff, date(2030, 6, 5))
        order.banquet_guarantee_cutoff = date(2030, 6, 1)
        self.assertEqual(order.banquet_guarantee_cutoff, date(2030, 6, 1), "agreed per event")


@tagged("post_install", "-at_install")
class TestGuaranteeCutoffClock(ProposalPricingCommon):
    """The cut-off begins at the hotel's midnight, east and west of UTC."""

    def _check_cutoff_at_midnight(self, tz, start_utc, cutoff, before, midnight):
        self.company.banquet_tz = tz
        with freeze_time(before):
            order = self._book(self.section_a, start_utc, start_utc.replace(hour=23), pax=60)
            function = order.booking_ids
            line = self._package_line(order, function)
            self.assertEqual(order.banquet_guarantee_cutoff, cutoff)
            self.assertFalse(order._banquet_guarantee_passed())
            function.guaranteed_pax = 50
            self.env["sale.order"]._cron_banquet_guarantee_cutoff()
            self.assertEqual(line.product_uom_qty, 60, "one second before the hotel's midnight")
        with freeze_time(midnight):
            self.assertTrue(order._banquet_guarantee_passed())
            # the cut-off cron moves the packages to the guarantee by itself
            self.env["sale.order"]._cron_banquet_guarantee_cutoff()
            self.assertEqual(line.product_uom_qty, 50, "at the hotel's midnight")
            function.guaranteed_pax = 55
            self.assertEqual(line.product_uom_qty, 55, "a later guarantee still counts")

    def test_cutoff_at_midnight_in_shanghai(self):
        # 2030-06-10 01:00 UTC is 09:00 in Shanghai: cut-off 2030-06-07, which begins at
        # 2030-06-06 16:00 UTC.
        self._check_cutoff_at_midnight(
            "Asia/Shanghai",
            datetime(2030, 6, 10, 1),
            date(2030, 6, 7),
            "2030-06-06 15:59:59",
            "2030-06-06 16:00:00",
        )

    def test_cutoff_at_midnight_in_new_york(self):
        # 2030-06-10 01:00 UTC is still 2030-06-09 (21:00) in New York: cut-off 2030-06-06,
        # which begins at 04:00 UTC.
        self._check_cutoff_at_midnight(
            "America/New_York",
            datetime(2030, 6, 10, 1),
            date(2030, 6, 6),
            "2030-06-06 03:59:59",
            "2030-06-06 04:00:00",
        )


@tagged("post_install", "-at_install")
class TestMinimumSpend(ProposalPricingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section_a.minimum_spend = 10000
        # The evening has its own minimum; the morning falls back on the room's.
        cls.section_a.rate_ids.filtered(lambda r: r.day_part == "evening").minimum_spend = 30000
        cls.kitchen = new_test_user(
            cls.env,
            login="kitchen.pricing",
            groups="hotel_banquet_crm.group_banquet_department",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def _evening(self, pax=50):
        # 2030-06-03 10:00-14:00 UTC is 18:00-22:00 in Shanghai: evening, rental 6,000.
        return self._book(self.section_a, self.dt(3, 10), self.dt(3, 14), pax=pax)

    def test_shortfall_is_shown_per_room_and_day_part(self):
        order = self._evening()
        function = order.booking_ids
        self.assertEqual(function.banquet_minimum_spend, 30000)
        self.assertEqual(order.banquet_minimum_shortfall, 24000, "30,000 minus the rental")
        self._package_line(order, function)  # 50 × 300
        self.assertEqual(function.banquet_spend, 21000)
        self.assertEqual(order.banquet_minimum_shortfall, 9000)
        self.assertFalse(self._lines(order, self.shortfall_product), "the hotel only warns")
        morning = self._book(self.section_a, self.dt(4, 1), self.dt(4, 4))
        self.assertEqual(morning.booking_ids.banquet_minimum_spend, 10000, "the room's own")
        self.assertEqual(morning.banquet_minimum_shortfall, 6000)

    def test_event_lines_count_for_its_only_function(self):
        order = self._evening()
        self._package_line(order)  # on the event: 50 × 300
        self.assertEqual(order.banquet_minimum_shortfall, 9000)
        order.booking_ids = [
            (
                0,
                0,
                {
                    "room_id": self.section_a.id,
                    "date_start": self.dt(4, 1),
                    "date_end": self.dt(4, 4),
                    "expected_pax": 50,
                },
            )
        ]
        # Two functions: the event's package counts for neither.
        self.assertEqual(order.banquet_minimum_shortfall, 24000 + 6000)

    def test_shortfall_line_follows_the_spend_when_the_hotel_bills_it(self):
        self.company.banquet_minimum_spend_policy = "line"
        order = self._evening(pax=50)
        function = order.booking_ids
        shortfall = self._lines(order, self.shortfall_product)
        self.assertEqual(shortfall.banquet_booking_id, function)
        self.assertEqual(shortfall.price_unit, 24000)
        self.assertEqual(order.amount_untaxed, 30000)
        self.assertIn("Minimum spend shortfall", shortfall.name)
        line = self._package_line(order, function)
        self.assertEqual(shortfall.price_unit, 9000)
        function.expected_pax = 70  # 70 × 300 + 6,000 = 27,000
        self.assertEqual(line.product_uom_qty, 70)
        self.assertEqual(shortfall.price_unit, 3000)
        self.assertEqual(order.amount_untaxed, 30000)
        order.action_update_prices()
        self.assertEqual(shortfall.price_unit, 3000, "not a pricelist price")
        function.expected_pax = 90  # 33,000: above the minimum
        self.assertFalse(shortfall.exists())
        self.assertEqual(order.banquet_minimum_shortfall, 0)

    def test_department_staff_never_read_minimum_spend_amounts(self):
        order = self._evening()
        for record, name in (
            (order, "banquet_minimum_shortfall"),
            (order.booking_ids, "banquet_minimum_spend"),
            (order.booking_ids, "banquet_minimum_shortfall"),
        ):
            as_staff = record.with_user(self.kitchen)
            self.assertNotIn(name, as_staff.fields_get())
            with self.assertRaises(AccessError):
                as_staff.read([name])
        with self.assertRaises(AccessError):
            self.section_a.rate_ids.with_user(self.kitchen).read(["minimum_spend"])


@tagged("post_install", "-at_install")
class TestPricelists(ProposalPricingCommon):
    """Seasons, weekdays and corporate agreements are Odoo pricelist rules, applied at the
    function's hotel-local date."""

    def _pricelist(self, name, items):
        return self.env["product.pricelist"].create(
            {
                "name": name,
                "company_id": self.company.id,
                "item_ids": [(0, 0, item) for item in items],
            }
        )

    def _priced_order(self, start, end, **vals):
        order = self._book(self.section_a, start, end, pax=10, **vals)
        self._package_line(order, order.booking_ids)
        return order

    def _prices(self, order):
        return (
            self._lines(order, self.rental).price_unit,
            self._lines(order, self.ddr).price_unit,
        )

    def test_high_season_prices_rooms_and_packages(self):
        company = self.company
        # High season: 2030-06-01 to 2030-06-30 on the hotel's calendar.
        season = {
            "date_start": company._banquet_day_start_utc(date(2030, 6, 1)),
            "date_end": company._banquet_day_start_utc(date(2030, 7, 1)),
        }
        pricelist = self._pricelist(
            "High season",
            [
                dict(
                    season,
                    applied_on="1_product",
                    product_tmpl_id=self.ddr.product_tmpl_id.id,
                    compute_price="fixed",
                    fixed_price=380,
                ),
                dict(
                    season,
                    applied_on="0_product_variant",
                    product_id=self.rental.id,
                    compute_price="percentage",
                    percent_price=-25,
                ),
            ],
        )
        # 2030-06-03 01:00-04:00 UTC: a Monday morning in Shanghai, in season.
        june = self._priced_order(self.dt(3, 1), self.dt(3, 4), pricelist_id=pricelist.id)
        self.assertEqual(self._prices(june), (5000, 380))
        # 2030-05-31 17:00 UTC is already 2030-06-01 01:00 in Shanghai: in season.
        night = self._priced_order(
            datetime(2030, 5, 31, 17), datetime(2030, 5, 31, 19), pricelist_id=pricelist.id
        )
        self.assertEqual(self._prices(night)[1], 380)
        # 2030-05-31 01:00 UTC is 09:00 on the 31st in Shanghai: low season.
        may = self._priced_order(
            datetime(2030, 5, 31, 1), datetime(2030, 5, 31, 4), pricelist_id=pricelist.id
        )
        self.assertEqual(self._prices(may), (4000, 300))

    def test_weekend_rules_apply_on_the_hotels_weekday(self):
        pricelist = self._pricelist(
            "Weekend",
            [
                {
                    "applied_on": "1_product",
                    "product_tmpl_id": self.ddr.product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": 350,
                    "banquet_weekday": "weekend",
                },
                {
                    "applied_on": "1_product",
                    "product_tmpl_id": self.ddr.product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": 260,
                    "banquet_weekday": "2",
                },
            ],
        )
        # Friday 2030-05-31 17:00 UTC is Saturday 01:00 in Shanghai.
        saturday = self._priced_order(
            datetime(2030, 5, 31, 17), datetime(2030, 5, 31, 19), pricelist_id=pricelist.id
        )
        self.assertEqual(self._prices(saturday)[1], 350)
        monday = self._priced_order(self.dt(3, 1), self.dt(3, 4), pricelist_id=pricelist.id)
        self.assertEqual(self._prices(monday)[1], 300)
        wednesday = self._priced_order(self.dt(5, 1), self.dt(5, 4), pricelist_id=pricelist.id)
        self.assertEqual(self._prices(wednesday)[1], 260)

    def test_corporate_pricelist_applies_by_itself(self):
        agreement = self._pricelist(
            "Acme agreement",
            [{"applied_on": "3_global", "compute_price": "percentage", "percent_price": 10}],
        )
        self.customer.with_company(self.company).property_product_pricelist = agreement
        form = Form(self.env["sale.order"].with_context(default_is_banquet=True))
        form.partner_id = self.customer
        self.assertEqual(form.pricelist_id, agreement, "the customer's agreement, by itself")
        order = self._priced_order(self.dt(3, 1), self.dt(3, 4))
        self.assertEqual(order.pricelist_id, agreement)
        self.assertEqual(self._prices(order), (3600, 270))


@tagged("post_install", "-at_install", "is_query_count")
class TestPricingQueryCount(ProposalPricingCommon):
    """Re-pricing a quotation costs a small constant per line, however many lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The hotel's public pricelist (first in sequence): the reference that discounts
        # are measured against, so the tests measure the quotations priced on it.
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Summer",
                "company_id": cls.company.id,
                "sequence": 1,
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 5,
                            "date_start": datetime(2030, 5, 1),
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.ddr.product_tmpl_id.id,
                            "compute_price": "fixed",
                            "fixed_price": 280,
                            "banquet_weekday": "weekend",
                        },
                    ),
                ],
            }
        )

    def _order(self, functions):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "is_banquet": True,
                "pricelist_id": self.pricelist.id,
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": self.section_a.id,
                            "date_start": datetime(2030, 6, 1 + day, 1),
                            "date_end": datetime(2030, 6, 1 + day, 4),
                            "expected_pax": 20,
                        },
                    )
                    for day in range(functions)
                ],
            }
        )
        self.env["sale.order.line"].create(
            [
                {"order_id": order.id, "product_id": self.ddr.id, "banquet_booking_id": f.id}
                for f in order.booking_ids
            ]
        )
        sold = order.order_line.filtered(lambda line: line.product_id != self.shortfall_product)
        self.assertEqual(len(sold), 2 * functions)
        self.env.flush_all()
        self.env.invalidate_all()
        return order

    @warmup
    def test_repricing_queries_grow_by_a_small_constant_per_line(self):
        small, large = self._order(1), self._order(10)
        # Monday 2030-06-03 (hotel date) is the third function: 4,000 rental, package 300.
        self.assertEqual(large.order_line.mapped("price_unit")[2::10], [3800, 285])
        self.pricelist.item_ids.filtered(lambda i: i.applied_on == "3_global").percent_price = 10
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_2_LINES):
            small._recompute_prices()
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_20_LINES):
            large._recompute_prices()
            self.env.flush_all()
        self.assertEqual(large.order_line.mapped("price_unit")[2::10], [3600, 270])

    @warmup
    def test_shortfall_lines_keep_the_repricing_cost_per_line_constant(self):
        # Every function stays below the minimum: each gets a shortfall line to keep.
        self.company.banquet_minimum_spend_policy = "line"
        self.section_a.minimum_spend = 50000
        small, large = self._order(1), self._order(10)
        shortfall = self._lines(large, self.shortfall_product)
        self.assertEqual(len(shortfall), 10)
        self.pricelist.item_ids.filtered(lambda i: i.applied_on == "3_global").percent_price = 10
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_2_LINES_SHORTFALL):
            small._recompute_prices()
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_20_LINES_SHORTFALL):
            large._recompute_prices()
            self.env.flush_all()
        # Monday 2030-06-03: 50,000 - 3,600 rental - 20 × 270 package.
        self.assertEqual(shortfall[2].price_unit, 41000)

    @warmup
    def test_a_quotation_off_the_reference_pricelist_costs_two_more_queries(self):
        # The hotel's public pricelist comes first: the quotations' own Summer pricelist is
        # not what their discounts are measured against. The reference's rules are searched
        # once per order (and their categories read), however many lines and pricing dates.
        self.env["product.pricelist"].create(
            {"name": "Hotel public rates", "company_id": self.company.id, "sequence": 0}
        )
        small, large = self._order(1), self._order(10)
        self.pricelist.item_ids.filtered(lambda i: i.applied_on == "3_global").percent_price = 10
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_2_LINES + 2):
            small._recompute_prices()
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_20_LINES + 2):
            large._recompute_prices()
            self.env.flush_all()
        # 10 % off Summer's price is 10 % off the public (list) price: measured, not chosen
        self.assertEqual(large.order_line.mapped("banquet_discount_percent")[2::10], [10.0, 10.0])


# Measured with cold caches: 2 lines and 20 lines (one rental and one package line per
# function). The 18 more lines cost 18 more queries: core's pricelist rule search per line
# (sale.order.line._compute_pricelist_item_id); everything of ours is read once per order
# (the discount approval's thresholds and the contract versions included, and the reference
# pricelist it measures discounts against: +2, the agreement and the hotel's pricelist).
QUERIES_2_LINES = 34
QUERIES_20_LINES = 52
# The same with a shortfall line per function kept up to date (policy "line"): 3 and 30
# lines; each function adds its two rule searches and the write of its own shortfall price.
QUERIES_2_LINES_SHORTFALL = 37
QUERIES_20_LINES_SHORTFALL = 74
