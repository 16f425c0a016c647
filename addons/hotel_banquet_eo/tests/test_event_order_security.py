from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EventOrderCommon


@tagged("post_install", "-at_install")
class TestEventOrderSecurity(EventOrderCommon):
    def test_department_staff_see_a_distributed_event_order_and_only_their_part(self):
        eo = self._create_event_order()
        with self.assertRaises(AccessError):
            eo.with_user(self.chef).read(["event_name"])  # a draft is not theirs yet
        eo.override_reason = "Phone"
        eo.with_user(self.manager).action_override_confirmation()
        eo.action_distribute()
        as_chef = eo.with_user(self.chef)
        self.assertEqual(as_chef.event_name, "李娜与王强婚宴")
        sections = (
            self.env["banquet.event.order.section"]
            .with_user(self.chef)
            .search([("event_order_id", "=", eo.id)])
        )
        self.assertEqual(sections.department_id, self.kitchen)
        lines = (
            self.env["banquet.event.order.line"]
            .with_user(self.chef)
            .search([("event_order_id", "=", eo.id)])
        )
        self.assertEqual(lines.department_id, self.kitchen)
        self.assertEqual(len(as_chef.function_ids), 2)

    def test_department_staff_write_only_their_notes_and_acknowledge_through_the_button(self):
        eo = self._distributed_event_order()
        kitchen = self._section(eo, self.kitchen).with_user(self.chef)
        kitchen.department_notes = "Need the final table plan by Friday"
        kitchen.line_ids.with_user(self.chef).notes = "Nut-free station"
        for forbidden in (
            {"instructions": "Nothing to do"},
            {"acknowledged_by": self.chef.id},
            {"acknowledged_on": "2027-01-01 00:00:00"},
            {"required_version_id": False},
        ):
            with self.assertRaises(AccessError):
                kitchen.write(forbidden)
        with self.assertRaises(AccessError):
            kitchen.line_ids.with_user(self.chef).write({"quantity": 1})
        with self.assertRaises(AccessError):
            self._section(eo, self.av).with_user(self.chef).write({"department_notes": "x"})
        with self.assertRaises(AccessError):
            self._section(eo, self.av).with_user(self.chef).action_acknowledge()
        with self.assertRaises(AccessError):
            self.env["banquet.event.order.acknowledgement"].with_user(self.chef).create(
                {
                    "section_id": kitchen.id,
                    "version_id": eo.current_version_id.id,
                    "user_id": self.engineer.id,
                    "acknowledged_on": "2027-01-01 00:00:00",
                }
            )
        kitchen.action_acknowledge()
        self.assertEqual(kitchen.acknowledged_by, self.chef)
        self.assertEqual(kitchen.acknowledgement_ids.version_id, eo.current_version_id)
        self.assertNotIn(self.kitchen, eo.pending_department_ids)

    def test_department_staff_read_no_amount_and_no_order_line(self):
        eo = self._distributed_event_order()
        for model in (
            "banquet.event.order",
            "banquet.event.order.function",
            "banquet.event.order.section",
            "banquet.event.order.line",
            "banquet.event.order.version",
        ):
            fields = self.env[model].with_user(self.chef).fields_get(attributes=["type"])
            self.assertFalse([n for n, f in fields.items() if f["type"] == "monetary"], model)
            self.assertNotIn("sale_line_id", fields)
            self.assertNotIn("booking_id", fields)
            # Every field they may see, they can read (as the mobile app does).
            self.assertTrue(self.env[model].with_user(self.chef).search_read([], list(fields)))
        values = eo.with_user(self.chef).function_ids.read()
        self.assertTrue(values)
        with self.assertRaises(AccessError):
            self.order.with_user(self.chef).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.order.order_line.with_user(self.chef).read(["price_unit"])

    def test_a_hotel_does_not_see_another_hotels_event_orders(self):
        eo = self._distributed_event_order()
        other = self.env["res.company"].create({"name": "Other Hotel"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "eo_outsider",
                "company_id": other.id,
                "company_ids": other.ids,
                "groups_id": [(6, 0, self.env.ref("hotel_banquet_crm.group_banquet_user").ids)],
            }
        )
        self.assertFalse(
            self.env["banquet.event.order"]
            .with_user(outsider)
            .with_context(allowed_company_ids=other.ids)
            .search([("id", "=", eo.id)])
        )
