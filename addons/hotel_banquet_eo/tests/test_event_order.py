from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEventOrder(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = new_test_user(
            cls.env, login="eo_coordinator", groups="hotel_banquet_crm.group_banquet_user"
        )
        cls.chef = new_test_user(
            cls.env, login="eo_chef", groups="hotel_banquet_crm.group_banquet_department"
        )
        cls.engineer = new_test_user(
            cls.env, login="eo_engineer", groups="hotel_banquet_crm.group_banquet_department"
        )
        # The departments every hotel has are installed with the addon.
        cls.kitchen = cls.env.ref("hotel_banquet_eo.banquet_department_kitchen")
        cls.kitchen.user_ids = cls.chef
        cls.av = cls.env.ref("hotel_banquet_eo.banquet_department_engineering_av")
        cls.av.user_ids = cls.engineer
        partner = cls.env["res.partner"].create({"name": "Apex Pharma"})
        cls.booking = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "is_banquet": True,
                "event_name": "Apex annual dinner",
                "event_date_start": "2027-03-10 10:00:00",
                "event_date_end": "2027-03-10 15:00:00",
                "guaranteed_pax": 180,
            }
        )
        cls.eo = (
            cls.env["banquet.event.order"]
            .with_user(cls.coordinator)
            .create(
                {
                    "order_id": cls.booking.id,
                    "section_ids": [
                        (0, 0, {"department_id": cls.kitchen.id, "instructions": "18 tables"}),
                        (0, 0, {"department_id": cls.av.id, "instructions": "2 projectors"}),
                    ],
                }
            )
        )

    def _section(self, department):
        return self.eo.section_ids.filtered(lambda s: s.department_id == department)

    def test_event_order_takes_its_reference_and_event_from_the_booking(self):
        self.assertTrue(self.eo.name.startswith("EO/"))
        self.assertEqual(self.eo.event_name, "Apex annual dinner")
        self.assertEqual(self.eo.guaranteed_pax, 180)
        self.assertEqual(self.eo.company_id, self.booking.company_id)

    def test_chef_acknowledges_the_kitchen_part_once_distributed(self):
        kitchen = self._section(self.kitchen).with_user(self.chef)
        with self.assertRaises(UserError):
            kitchen.action_acknowledge()
        self.eo.action_distribute()
        kitchen.action_acknowledge()
        self.assertEqual(kitchen.acknowledged_by, self.chef)
        self.assertEqual(self.eo.acknowledged_ratio, 50.0)

    def test_chef_cannot_acknowledge_another_department(self):
        self.eo.action_distribute()
        with self.assertRaises(AccessError):
            self._section(self.av).with_user(self.chef).action_acknowledge()

    def test_chef_reads_the_event_order_but_not_the_booking_prices(self):
        eo = self.eo.with_user(self.chef)
        self.assertEqual(eo.event_name, "Apex annual dinner")
        with self.assertRaises(AccessError):
            self.booking.with_user(self.chef).read(["amount_total"])

    def test_distributed_event_order_is_never_deleted(self):
        self.eo.action_distribute()
        with self.assertRaises(UserError):
            self.eo.unlink()
        self.eo.action_cancel()
        with self.assertRaises(UserError):
            self.eo.unlink()
        self.assertTrue(self.eo.exists())

    def test_an_event_order_without_departments_cannot_be_distributed(self):
        empty = self.env["banquet.event.order"].create({"order_id": self.booking.id})
        with self.assertRaises(UserError):
            empty.action_distribute()
