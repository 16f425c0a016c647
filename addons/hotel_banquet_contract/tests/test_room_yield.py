from datetime import datetime

from odoo.tests import tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestRoomRatesOnHotelClock(BanquetContractCommon):
    """Weekday rates read the booking's day on the hotel's clock, the user on UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        cls.company.banquet_tz = "Asia/Shanghai"
        Rate = cls.env["banquet.room.rate"]
        cls.weekday_rate = Rate.create(
            {"room_id": cls.section_a.id, "day_part": "full_day", "price": 9000}
        )
        cls.saturday_rate = Rate.create(
            {"room_id": cls.section_a.id, "day_part": "full_day", "weekday": "5", "price": 12000}
        )

    def test_shanghai_saturday_starts_at_its_own_midnight(self):
        Rate = self.env["banquet.room.rate"]
        # Friday 16:30 UTC is Saturday 00:30 in Shanghai
        friday_utc = datetime(2030, 6, 7, 16, 30)
        self.assertEqual(Rate._get_rate(self.section_a, "full_day", friday_utc), self.saturday_rate)
        self.assertEqual(
            Rate._get_rate(self.section_a, "full_day", datetime(2030, 6, 7, 15, 59)),
            self.weekday_rate,
        )

    def test_new_york_friday_evening_is_not_a_saturday(self):
        self.company.banquet_tz = "America/New_York"
        Rate = self.env["banquet.room.rate"]
        # Saturday 02:00 UTC is Friday 22:00 in New York
        saturday_utc = datetime(2030, 6, 8, 2, 0)
        self.assertEqual(
            Rate._get_rate(self.section_a, "full_day", saturday_utc), self.weekday_rate
        )
        self.assertEqual(
            Rate._get_rate(self.section_a, "full_day", datetime(2030, 6, 8, 4, 0)),
            self.saturday_rate,
        )

    def test_availability_search_quotes_the_hotels_weekday(self):
        wizard = self.env["banquet.availability.wizard"].create(
            {
                "company_id": self.company.id,
                "date_start": datetime(2030, 6, 7, 16, 30),
                "date_end": datetime(2030, 6, 7, 23, 0),
                "pax": 50,
                "setup_style_id": self.style_banquet.id,
            }
        )
        wizard.action_search()
        line = wizard.line_ids.filtered(lambda line: line.room_id == self.section_a)
        self.assertEqual(line.rental_price, 12000, "a Saturday in Shanghai")


@tagged("post_install", "-at_install")
class TestRoomYield(BanquetContractCommon):
    """RevPAFS: revenue shared by area × hours, over the area × hours available."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        cls.company.banquet_tz = "Asia/Shanghai"
        cls.section_a.area = 100
        cls.section_b.area = 100
        cls.section_c.area = 200
        cls.ballroom.area = 400
        cls.boardroom.area = 50
        cls.product = cls.env["product.product"].create({"name": "Event package"})
        # 10:00-14:00 in Shanghai on 10 June: the ballroom (A + B + C) for 4 hours and the
        # boardroom for 2 hours, 17,000 untaxed
        cls.gala = cls._book(cls.ballroom, cls.dt(10, 2), cls.dt(10, 6), event_name="Gala")
        cls.gala.write(
            {
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": cls.boardroom.id,
                            "date_start": cls.dt(10, 2),
                            "date_end": cls.dt(10, 4),
                            "expected_pax": 10,
                        },
                    )
                ]
            }
        )
        cls._sell(cls.gala, 17000)
        cls.gala.write({"banquet_status": "definite"})
        # 22:00-02:00 in Shanghai, from 20 to 21 June (all on 20 June in UTC), 400 untaxed
        cls.late = cls._book(cls.boardroom, cls.dt(20, 14), cls.dt(20, 18), pax=10)
        cls._sell(cls.late, 400)
        cls.late.write({"banquet_status": "tentative"})

    @classmethod
    def _sell(cls, order, amount):
        order.write(
            {
                "order_line": [
                    (
                        0,
                        0,
                        {"product_id": cls.product.id, "product_uom_qty": 1, "price_unit": amount},
                    )
                ]
            }
        )

    def _group(self, groupby, aggregates, domain=()):
        self.env.flush_all()  # a SQL view reads what is written in the database
        return self.env["banquet.room.yield.report"]._read_group(
            [("company_id", "=", self.company.id), *domain], groupby, aggregates
        )

    def test_revenue_is_shared_by_area_and_hours_occupied(self):
        revenue = dict(self._group(["room_id"], ["revenue:sum"]))
        self.assertAlmostEqual(revenue[self.section_a], 4000, places=2)
        self.assertAlmostEqual(revenue[self.section_b], 4000, places=2)
        self.assertAlmostEqual(revenue[self.section_c], 8000, places=2)
        self.assertAlmostEqual(revenue[self.boardroom], 1000 + 400, places=2)
        self.assertNotIn(self.ballroom, revenue, "a combined room counts as its sections")

    def test_revpafs_divides_by_the_area_and_hours_available_in_the_period(self):
        june = [("date", ">=", "2030-06-01"), ("date", "<=", "2030-06-30")]
        [(available, revpafs, occupancy)] = self._group(
            [], ["available_area_hours:sum", "revpafs:sum", "occupancy_rate:sum"], june
        )
        # A, B, C and the boardroom: 450 m² × 24 h × 30 days
        self.assertAlmostEqual(available, 450 * 24 * 30, places=2)
        self.assertAlmostEqual(revpafs, 17400 / (450 * 24 * 30), places=6)
        occupied = 400 * 4 + 50 * 2 + 50 * 4
        self.assertAlmostEqual(occupancy, 100 * occupied / (450 * 24 * 30), places=6)
        per_room = {room: value for room, value in self._group(["room_id"], ["revpafs:sum"], june)}
        self.assertAlmostEqual(per_room[self.section_a], 4000 / (100 * 24 * 30), places=6)

    def test_an_event_past_midnight_counts_on_each_hotel_day(self):
        hours = {
            str(day): value
            for day, value in self._group(
                ["date:day"], ["booked_hours:sum"], [("order_id", "=", self.late.id)]
            )
        }
        self.assertEqual(len(hours), 2, "two Shanghai days, though one UTC day")
        self.assertEqual(sorted(hours.values()), [2.0, 2.0])
        self.assertTrue(any("21" in day for day in hours), hours)

    def test_revenue_is_in_the_hotels_currency(self):
        company_currency = self.company.currency_id
        foreign = self.env.ref("base.EUR" if company_currency.name != "EUR" else "base.USD")
        foreign.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "rate": 2.0,
                "name": "2020-01-01",
                "company_id": self.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign", "currency_id": foreign.id, "company_id": self.company.id}
        )
        order = self._book(
            self.section_a, self.dt(25, 2), self.dt(25, 4), pricelist_id=pricelist.id
        )
        self._sell(order, 2000)
        order.write({"banquet_status": "definite"})
        self.assertEqual(order.currency_id, foreign)
        [(revenue, currencies)] = self._group(
            [], ["revenue:sum", "currency_id:array_agg"], [("order_id", "=", order.id)]
        )
        self.assertAlmostEqual(revenue, 1000, places=2)
        self.assertEqual(set(currencies), {company_currency.id})

    def test_a_daylight_saving_day_has_23_hours_in_new_york(self):
        new_york = self.env["res.company"].create(
            {"name": "Hudson Hotel", "banquet_tz": "America/New_York"}
        )
        room = self.env["banquet.room"].create(
            {
                "name": "Hudson Room",
                "code": "HUD",
                "area": 10,
                "capacity_max": 20,
                "company_id": new_york.id,
            }
        )
        order = (
            self.env["sale.order"]
            .with_company(new_york)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": new_york.id,
                    "is_banquet": True,
                    "booking_ids": [
                        (
                            0,
                            0,
                            {
                                "room_id": room.id,
                                "date_start": datetime(2030, 3, 10, 14),
                                "date_end": datetime(2030, 3, 10, 16),
                            },
                        )
                    ],
                }
            )
        )
        order.write({"banquet_status": "tentative"})
        self.env.flush_all()
        rows = dict(
            self.env["banquet.room.yield.report"]._read_group(
                [("company_id", "=", new_york.id), ("order_id", "=", False)],
                ["date:day"],
                ["available_area_hours:sum"],
            )
        )
        self.assertEqual(len(rows), 31, "every day of March, booked or not")
        self.assertEqual(sum(rows.values()), 10 * (31 * 24 - 1))

    def test_a_salesperson_sees_the_revenue_of_own_events_only(self):
        colleague = self.salesperson.copy({"name": "Colin Colleague", "login": "colin.banquet"})
        mine = self._book(self.section_a, self.dt(26, 2), self.dt(26, 4), "tentative")
        theirs = self._book(
            self.section_b, self.dt(26, 2), self.dt(26, 4), "tentative", user_id=colleague.id
        )
        self._sell(mine, 100)
        self._sell(theirs, 900)
        self.env.flush_all()
        Report = self.env["banquet.room.yield.report"].with_user(self.salesperson)
        orders = Report.search([("company_id", "=", self.company.id)]).order_id
        self.assertIn(mine, orders)
        self.assertNotIn(theirs, orders, "a colleague's revenue stays the colleague's")
        free = Report.search_count([("order_id", "=", False), ("company_id", "=", self.company.id)])
        self.assertTrue(free, "the available capacity stays visible: it is RevPAFS' denominator")
        manager_orders = (
            self.env["banquet.room.yield.report"].search([("company_id", "=", self.company.id)])
        ).order_id
        self.assertIn(theirs, manager_orders)
