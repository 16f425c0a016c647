from datetime import date

from odoo.tests import TransactionCase, tagged

DEMO_ROOMS = (
    "banquet_room_ballroom_demo",
    "banquet_room_ballroom_a_demo",
    "banquet_room_ballroom_b_demo",
    "banquet_room_ballroom_c_demo",
    "banquet_room_jade_demo",
)


@tagged("post_install", "-at_install", "banquet_demo")
class TestDemoHotel(TransactionCase):
    """The demo a newcomer opens after make run tells one hotel's story.

    Tagged ``banquet_demo``: ``make test`` runs it on the database with demo data only.
    """

    def setUp(self):
        super().setUp()
        self.assertTrue(
            self.env.ref("hotel_banquet_contract.banquet_room_jade_demo", raise_if_not_found=False),
            "these tests need the demo data (make test runs them on the 'all' database)",
        )

    def test_the_demo_is_a_hotel_in_shanghai_on_its_clock(self):
        hotel = self.env.ref("base.main_company")
        self.assertEqual(hotel.name, "Grand Harbour Hotel Shanghai")
        self.assertEqual((hotel.city, hotel.country_id.code), ("Shanghai", "CN"))
        self.assertEqual(hotel.banquet_tz, "Asia/Shanghai")
        for xmlid in (
            "base.user_admin",
            "hotel_banquet_crm.user_banquet_coordinator_demo",
            "hotel_banquet_crm.user_banquet_chef_demo",
        ):
            self.assertEqual(self.env.ref(xmlid).tz, "Asia/Shanghai", xmlid)

    def test_demo_users_land_in_the_banquet_app(self):
        lily = self.env.ref("hotel_banquet_crm.user_banquet_coordinator_demo")
        self.assertEqual(
            lily.action_id.id, self.env.ref("hotel_banquet_crm.crm_lead_action_banquet").id
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
