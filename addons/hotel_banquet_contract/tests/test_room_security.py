from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestRoomSecurity(BanquetContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section_a.minimum_spend = 5000
        cls.rate = cls.env["banquet.room.rate"].create(
            {"room_id": cls.section_a.id, "day_part": "full_day", "price": 9000}
        )
        cls.kitchen = new_test_user(
            cls.env, login="kitchen.chef", groups="hotel_banquet_crm.group_banquet_department"
        )

    def test_department_staff_read_rooms_and_bookings_but_no_prices(self):
        booking = self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite").booking_ids
        room = self.section_a.with_user(self.kitchen)
        self.assertEqual(room.read(["name", "capacity_max"])[0]["name"], "Ballroom A")
        with self.assertRaises(AccessError):
            room.read(["minimum_spend"])
        with self.assertRaises(AccessError):
            self.env["banquet.room.rate"].with_user(self.kitchen).search([])
        data = booking.with_user(self.kitchen).read(
            ["room_id", "date_start", "expected_pax", "state"]
        )[0]
        self.assertEqual(data["state"], "definite")
        with self.assertRaises(AccessError):
            booking.with_user(self.kitchen).write({"expected_pax": 10})
        # The function diary opens for department staff, without prices or orders.
        Booking = self.env["banquet.room.booking"].with_user(self.kitchen)
        views = Booking.get_views([(False, "calendar"), (False, "form"), (False, "list")])
        self.assertNotIn("rental_amount", views["models"]["banquet.room.booking"]["fields"])
        fields_spec = {
            name: {}
            for name in ("room_id", "date_start", "date_end", "state", "color", "event_name")
        }
        self.assertEqual(Booking.browse(booking.id).web_read(fields_spec)[0]["color"], 10)

    def test_salesperson_reads_rates_but_cannot_change_rooms(self):
        self.assertEqual(self.section_a.with_user(self.salesperson).minimum_spend, 5000)
        self.assertEqual(self.rate.with_user(self.salesperson).price, 9000)
        with self.assertRaises(AccessError):
            self.section_a.with_user(self.salesperson).write({"minimum_spend": 1})

    def test_bookings_of_another_hotel_are_invisible(self):
        other_hotel = self.env["res.company"].create({"name": "Harbour Hotel"})
        room = self.env["banquet.room"].create(
            {"name": "Harbour Room", "code": "HR", "company_id": other_hotel.id, "capacity_max": 50}
        )
        order = self._book(
            room, self.dt(1, 10), self.dt(1, 14), "definite", company_id=other_hotel.id
        )
        self.assertFalse(
            self.env["banquet.room.booking"]
            .with_user(self.salesperson)
            .search([("id", "in", order.booking_ids.ids)])
        )
        self.assertFalse(
            self.env["banquet.room"].with_user(self.salesperson).search([("id", "=", room.id)])
        )

    def test_most_specific_rental_rate_wins(self):
        saturday = self.env["banquet.room.rate"].create(
            {"room_id": self.section_a.id, "day_part": "full_day", "weekday": "5", "price": 12000}
        )
        Rate = self.env["banquet.room.rate"]
        self.assertEqual(Rate._get_rate(self.section_a, "full_day", date(2030, 6, 1)), saturday)
        self.assertEqual(Rate._get_rate(self.section_a, "full_day", date(2030, 6, 3)), self.rate)
        self.assertFalse(Rate._get_rate(self.section_a, "morning", date(2030, 6, 3)))

    def test_yield_report_shares_revenue_by_area_and_hours(self):
        self.section_a.area = 100
        self.section_b.area = 50
        product = self.env["product.product"].create({"name": "Gala menu", "list_price": 1000})
        order = self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "tentative")
        order.booking_ids = [
            (
                0,
                0,
                {
                    "room_id": self.section_b.id,
                    "date_start": self.dt(1, 10),
                    "date_end": self.dt(1, 12),
                },
            )
        ]
        order.order_line = [
            (0, 0, {"product_id": product.id, "product_uom_qty": 2, "tax_id": False})
        ]
        self.env.flush_all()
        rows = self.env["banquet.room.yield.report"].search([("order_id", "=", order.id)])
        by_room = {row.room_id: row for row in rows}
        self.assertEqual(by_room[self.section_a].booked_hours, 4)
        # shared by area × hours: A 100 m² × 4 h, B 50 m² × 2 h
        revenue = order.amount_untaxed  # the menu and the rooms' rental lines
        self.assertAlmostEqual(by_room[self.section_a].revenue, revenue * 0.8, places=2)
        self.assertAlmostEqual(by_room[self.section_b].revenue, revenue * 0.2, places=2)
        with self.assertRaises(AccessError):
            self.env["banquet.room.yield.report"].with_user(self.kitchen).search([])
