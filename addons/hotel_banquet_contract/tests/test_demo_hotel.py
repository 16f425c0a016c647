from datetime import date, timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

SHANGHAI_ROOMS = (
    "banquet_room_ballroom_demo",
    "banquet_room_ballroom_a_demo",
    "banquet_room_ballroom_b_demo",
    "banquet_room_ballroom_c_demo",
    "banquet_room_jade_demo",
    "banquet_room_pearl_demo",
    "banquet_room_lotus_demo",
    "banquet_room_peony_demo",
    "banquet_room_bund_terrace_demo",
)
SINGAPORE_ROOMS = (
    "banquet_room_marina_demo",
    "banquet_room_orchid_demo",
    "banquet_room_merlion_demo",
)
DEMO_ROOMS = SHANGHAI_ROOMS + SINGAPORE_ROOMS


@tagged("post_install", "-at_install", "banquet_demo")
class TestDemoHotel(TransactionCase):
    """The demo a newcomer opens after make run tells one hotel group's story.

    Tagged ``banquet_demo``: ``make test`` runs it on the database with demo data only.
    """

    def setUp(self):
        super().setUp()
        self.assertTrue(
            self.env.ref("hotel_banquet_contract.banquet_room_jade_demo", raise_if_not_found=False),
            "these tests need the demo data (make test runs them on the 'all' database)",
        )
        self.shanghai = self.env.ref("base.main_company")
        self.singapore = self.env.ref("hotel_banquet_crm.company_singapore_demo")
        self.hotels = self.shanghai | self.singapore
        self.orders = (
            self.env["sale.order"]
            .with_context(active_test=False)
            .search([("is_banquet", "=", True), ("company_id", "in", self.hotels.ids)])
        )

    def test_the_demo_is_a_hotel_in_shanghai_on_its_clock(self):
        hotel = self.shanghai
        self.assertEqual(hotel.name, "Grand Harbour Hotel Shanghai")
        self.assertEqual((hotel.city, hotel.country_id.code), ("Shanghai", "CN"))
        # its invoices and portal pages print its own address and logo, not base's demo
        # company (California, "Your logo")
        self.assertEqual(hotel.state_id, self.env.ref("base.state_cn_SH"))
        default_logo = self.env["res.company"]._get_logo()
        for company in self.hotels:
            self.assertTrue(company.logo, company.name)
            self.assertNotEqual(company.logo, default_logo, company.name)
        self.assertEqual(hotel.banquet_tz, "Asia/Shanghai")
        for xmlid in (
            "base.user_admin",
            "hotel_banquet_crm.user_banquet_coordinator_demo",
            "hotel_banquet_crm.user_banquet_chef_demo",
        ):
            self.assertEqual(self.env.ref(xmlid).tz, "Asia/Shanghai", xmlid)

    def test_the_sister_hotel_is_in_singapore_with_its_own_clock_and_currency(self):
        hotel = self.singapore
        self.assertEqual((hotel.city, hotel.country_id.code), ("Singapore", "SG"))
        self.assertEqual(hotel.banquet_tz, "Asia/Singapore")
        self.assertEqual(hotel.currency_id.name, "SGD")
        self.assertTrue(hotel.chart_template, "it keeps books: its events are invoiced")
        sophie = self.env.ref("hotel_banquet_crm.user_banquet_sales_sophie_demo")
        self.assertEqual((sophie.company_id, sophie.tz), (hotel, "Asia/Singapore"))
        events = self.orders.filtered(lambda o: o.company_id == hotel)
        self.assertGreaterEqual(len(events), 4)
        self.assertEqual(events.currency_id.name, "SGD")

    def test_demo_users_land_in_the_banquet_app(self):
        lily = self.env.ref("hotel_banquet_crm.user_banquet_coordinator_demo")
        self.assertEqual(
            lily.action_id.id, self.env.ref("hotel_banquet_crm.crm_lead_action_banquet").id
        )
        # Finance starts its day on the deposits falling due
        fiona = self.env.ref("hotel_banquet_crm.user_banquet_finance_demo")
        self.assertEqual(
            fiona.action_id.id,
            self.env.ref("hotel_banquet_contract.banquet_deposit_line_action_due").id,
        )

    def test_every_demo_room_has_a_price_for_every_day_part(self):
        Rate = self.env["banquet.room.rate"]
        saturday, wednesday = date(2030, 6, 1), date(2030, 6, 5)
        for xmlid in DEMO_ROOMS:
            room = self.env.ref("hotel_banquet_contract.%s" % xmlid)
            for day_part in ("morning", "afternoon", "evening", "full_day"):
                for day in (saturday, wednesday):
                    rate = Rate._get_rate(room, day_part, day)
                    self.assertGreater(rate.price, 0, "%s %s %s" % (room.name, day_part, day))

    def test_twelve_function_rooms_with_a_divisible_ballroom(self):
        rooms = self.env["banquet.room"].search([("company_id", "in", self.hotels.ids)])
        self.assertEqual(len(rooms), 12)
        ballroom = self.env.ref("hotel_banquet_contract.banquet_room_ballroom_demo")
        self.assertEqual(len(ballroom.component_ids), 3)
        self.assertEqual(
            {room.company_id for room in rooms if room.code in ("MARINA", "ORCHID", "MERLION")},
            {self.singapore},
        )
        for room in rooms:
            self.assertTrue(room.capacity_ids, room.name)

    def test_events_in_every_status_over_three_months_around_today(self):
        statuses = set(self.orders.mapped("banquet_status"))
        self.assertEqual(
            statuses,
            {"inquiry", "tentative", "definite", "actualised", "closed", "cancelled", "lost"},
        )
        self.assertGreaterEqual(len(self.orders), 25)
        today = fields.Date.today()
        days = [(o.event_date_start.date() - today).days for o in self.orders]
        self.assertLess(min(days), -60)
        self.assertGreater(max(days), 60)

    def test_this_weeks_room_grid_is_not_empty(self):
        today = fields.Date.today()
        monday = today - timedelta(days=today.weekday())
        week = self.env["banquet.room.booking"].search(
            [
                ("company_id", "=", self.shanghai.id),
                ("date_start", ">=", fields.Datetime.to_datetime(monday)),
                ("date_start", "<", fields.Datetime.to_datetime(monday + timedelta(days=7))),
                ("blocking", "=", True),
            ]
        )
        self.assertGreaterEqual(len(week), 2)

    def test_money_follows_the_status(self):
        definite = self.orders.filtered(
            lambda o: o.banquet_status in ("definite", "actualised", "closed")
        )
        self.assertEqual(set(definite.mapped("state")), {"sale"})
        deposits = definite.banquet_deposit_line_ids
        self.assertTrue(deposits.filtered(lambda d: d.state in ("paid", "in_payment")))
        self.assertTrue(deposits.filtered("is_overdue"), "Finance has deposits to chase")
        closed = self.orders.filtered(lambda o: o.banquet_status == "closed")
        self.assertTrue(closed)
        for order in closed:
            finals = order.invoice_ids.filtered(lambda m: m.banquet_bill_kind == "final")
            self.assertTrue(finals, order.name)
            self.assertEqual(
                set(finals.mapped("payment_state")) - {"paid", "in_payment"}, set(), order.name
            )
            self.assertNotEqual(order.invoice_status, "to invoice", order.name)
        for order in self.orders.filtered(lambda o: o.banquet_status in ("inquiry", "tentative")):
            self.assertFalse(order.invoice_ids, order.name)

    def test_sixty_inquiries_across_the_funnel_and_its_channels(self):
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search(
                [
                    ("is_banquet", "=", True),
                    ("company_id", "in", self.hotels.ids),
                    ("name", "not ilike", "test"),
                ]
            )
        )
        self.assertGreaterEqual(len(leads), 60)
        self.assertGreaterEqual(len(leads.stage_id), 6)
        self.assertGreaterEqual(len(leads.source_id), 10)
        self.assertTrue(leads.filtered(lambda lead: not lead.active), "lost inquiries too")
        self.assertGreaterEqual(len(leads.user_id), 3)
