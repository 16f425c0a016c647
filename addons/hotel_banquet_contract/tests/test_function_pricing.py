from odoo.tests import tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestFunctionPricing(BanquetContractCommon):
    """Every function is priced on a sale order line that knows it: the room's rate for the
    day part and hotel-local date, through the order's pricelist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.banquet_tz = "Asia/Shanghai"
        cls.env["banquet.room.rate"].create(
            [
                {"room_id": cls.section_a.id, "day_part": "full_day", "price": 9000},
                {"room_id": cls.section_a.id, "day_part": "evening", "price": 6000},
                {"room_id": cls.section_a.id, "day_part": "morning", "price": 4000},
                {"room_id": cls.section_a.id, "day_part": "hourly", "price": 1000},
                {
                    "room_id": cls.section_a.id,
                    "day_part": "morning",
                    "weekday": "5",
                    "price": 5500,
                },
            ]
        )

    def _line(self, order):
        return order.order_line.filtered("banquet_booking_id")

    def test_function_gets_a_priced_line_that_knows_it(self):
        # 2030-06-03 (Monday) 10:00-14:00 UTC is 18:00-22:00 in Shanghai: evening.
        order = self._book(self.section_a, self.dt(3, 10), self.dt(3, 14))
        function = order.booking_ids
        line = self._line(order)
        self.assertEqual(line.banquet_booking_id, function)
        self.assertEqual(function.day_part, "evening")
        self.assertEqual(line.price_unit, 6000)
        self.assertEqual(line.product_uom_qty, 1)
        self.assertIn("Ballroom A", line.name)
        self.assertIn("18:00-22:00", line.name, "times in the hotel's zone")
        self.assertEqual(order.amount_untaxed, 6000)
        self.assertEqual(function.rental_amount, 6000)

    def test_hotel_local_weekday_prices_the_line(self):
        # Friday 2030-05-31 17:00-19:00 UTC is Saturday 01:00-03:00 in Shanghai: the
        # Saturday morning rate applies; the same hours in UTC are a Friday.
        friday_utc = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "is_banquet": True,
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": self.section_a.id,
                            "date_start": "2030-05-31 17:00:00",
                            "date_end": "2030-05-31 19:00:00",
                        },
                    )
                ],
            }
        )
        self.assertEqual(friday_utc.booking_ids.day_part, "morning")
        self.assertEqual(self._line(friday_utc).price_unit, 5500, "Saturday morning locally")
        monday = self._book(self.section_a, self.dt(3, 1), self.dt(3, 4))
        self.assertEqual(self._line(monday).price_unit, 4000)

    def test_line_follows_room_and_time_changes(self):
        order = self._book(self.section_a, self.dt(3, 10), self.dt(3, 14))
        function, line = order.booking_ids, self._line(order)
        function.write({"date_start": self.dt(3, 1), "date_end": self.dt(3, 4)})
        self.assertEqual(function.day_part, "morning")
        self.assertEqual(line.price_unit, 4000)
        function.day_part = "hourly"
        self.assertEqual((line.product_uom_qty, line.price_unit), (3, 1000))
        self.assertEqual(order.amount_untaxed, 3000)
        function.room_id = self.section_b
        self.assertEqual(line.price_unit, 0, "section B has no rate")
        self.assertIn("Ballroom B", line.name)
        self.assertEqual(len(self._line(order)), 1, "one rental line per function")

    def test_pricelist_adjusts_the_room_rate(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Corporate agreement",
                "company_id": self.company.id,
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.env.ref(
                                "hotel_banquet_contract.product_function_room_rental"
                            ).id,
                            "compute_price": "percentage",
                            "percent_price": 10,
                        },
                    )
                ],
            }
        )
        order = self._book(
            self.section_a, self.dt(3, 10), self.dt(3, 14), pricelist_id=pricelist.id
        )
        self.assertEqual(order.amount_untaxed, 5400, "10 % off the 6,000 evening rate")

    def test_order_dates_and_pax_are_computed_over_its_functions(self):
        order = self._book(self.section_a, self.dt(3, 10), self.dt(3, 14), pax=80)
        order.booking_ids = [
            (
                0,
                0,
                {
                    "room_id": self.section_b.id,
                    "date_start": self.dt(4, 2),
                    "date_end": self.dt(4, 6),
                    "expected_pax": 120,
                    "guaranteed_pax": 110,
                    "setup_style_id": self.style_theatre.id,
                },
            )
        ]
        self.assertEqual(order.event_date_start, self.dt(3, 10))
        self.assertEqual(order.event_date_end, self.dt(4, 6))
        self.assertEqual((order.expected_pax, order.guaranteed_pax), (120, 110))
        order.booking_ids.filtered(lambda b: b.room_id == self.section_b).action_release()
        self.assertEqual(order.event_date_end, self.dt(3, 14), "a released function ends nothing")
        self.assertEqual(order.expected_pax, 80)

    def test_a_copied_quotation_prices_each_function_once(self):
        order = self._book(self.section_a, self.dt(3, 10), self.dt(3, 14))
        copy = order.copy()
        self.assertEqual(len(copy.booking_ids), 1)
        self.assertEqual(copy.order_line.banquet_booking_id, copy.booking_ids)
        self.assertEqual(copy.amount_untaxed, 6000)
