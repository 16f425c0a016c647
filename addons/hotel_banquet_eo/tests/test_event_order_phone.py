from odoo.tests import HttpCase, tagged

from .common import EventOrderCommon


@tagged("post_install", "-at_install")
class TestEventOrderPhone(HttpCase, EventOrderCommon):
    """Department staff work from the Odoo mobile app: 390 px wide, touch."""

    browser_size = "390x844"
    touch_enabled = True

    def test_the_chef_acknowledges_the_kitchen_part_on_a_phone(self):
        eo = self._distributed_event_order()
        self.start_tour(
            "/odoo/action-hotel_banquet_eo.banquet_event_order_section_action_my",
            "hotel_banquet_eo_phone_acknowledge",
            login="eo_chef",
        )
        kitchen = self._section(eo, self.kitchen)
        self.assertEqual(kitchen.acknowledgement_state, "done")
        self.assertEqual(kitchen.acknowledged_by, self.chef)
