from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import EventOrderCommon
from .test_event_order_pdf import pdf_text


@tagged("post_install", "-at_install")
class TestEventOrder(EventOrderCommon):
    def test_a_new_event_order_looks_for_bookings_in_the_hotel_not_in_no_company(self):
        # The hotel shows on the form of a user working for several hotels.
        self.coordinator.groups_id |= self.env.ref("base.group_multi_company")
        form = Form(self.env["banquet.event.order"].with_user(self.coordinator))
        self.assertEqual(form.company_id, self.company)
        form.order_id = self.order
        eo = form.save()
        self.assertEqual(eo.company_id, self.company)

    def test_every_hotel_gets_the_default_departments_also_one_created_later(self):
        codes = {"KIT", "FB", "AV", "HK", "SEC", "FO", "FIN", "EXT"}
        main = self.env.ref("base.main_company")
        for company in (main, self.company, self.env["res.company"].create({"name": "New Hotel"})):
            departments = self.env["banquet.department"].search([("company_id", "=", company.id)])
            self.assertEqual(set(departments.mapped("code")), codes, company.name)

    def test_one_click_builds_header_functions_and_department_lines_from_the_event(self):
        eo = self._create_event_order()
        self.assertEqual(eo.state, "draft")
        self.assertEqual(eo.event_name, "李娜与王强婚宴")
        self.assertEqual(eo.partner_id, self.partner)
        self.assertEqual(eo.guaranteed_pax, 180)
        self.assertEqual(eo.event_manager_id, self.order.user_id)
        self.assertEqual(eo.event_date_start, datetime(2027, 5, 1, 9, 0))
        self.assertIn(self.partner.name, eo.billing_instructions)
        self.assertEqual(eo.function_ids.room_id, self.boardroom | self.ballroom)
        ballroom = eo.function_ids.filtered(lambda f: f.room_id == self.ballroom)
        self.assertEqual((ballroom.pax, ballroom.setup_style_id), (180, self.style))
        self.assertEqual(
            ballroom.booking_id,
            self.order.booking_ids.filtered(lambda b: b.room_id == self.ballroom),
        )
        # Today the order lines are event-wide: they make the event's menu; notes stay notes.
        self.assertEqual(eo.menu, "18 × 婚宴套餐：龙虾、东星斑、长寿面\n2 × Projector")
        self.assertEqual(eo.notes, "Two guests allergic to nuts")
        self.assertEqual(len(eo.section_ids), 8)
        kitchen_lines = eo.line_ids.filtered(lambda line: line.department_id == self.kitchen)
        self.assertEqual(kitchen_lines.mapped("description"), ["婚宴套餐：龙虾、东星斑、长寿面"])
        self.assertEqual(kitchen_lines.quantity, 18)
        av_lines = eo.line_ids.filtered(lambda line: line.department_id == self.av)
        self.assertEqual((av_lines.description, av_lines.quantity), ("Projector", 2))
        self.assertEqual(eo.line_ids.department_id, self.kitchen | self.service | self.av)
        # A second click opens the same Event Order.
        action = self.order.with_user(self.coordinator).action_banquet_create_event_order()
        self.assertEqual(action["res_id"], eo.id)

    def test_the_customer_card_counts_and_opens_their_event_orders(self):
        eo = self._create_event_order()
        contact = self.env["res.partner"].create(
            {"name": "Li Na's assistant", "parent_id": self.partner.id}
        )
        self.assertEqual(self.partner.banquet_event_order_count, 1)
        self.assertEqual(contact.banquet_event_order_count, 1)
        action = contact.action_banquet_event_orders()
        self.assertEqual(self.env["banquet.event.order"].search(action["domain"]), eo)

    def test_event_order_lines_carry_no_price_at_all(self):
        for model in (
            "banquet.event.order",
            "banquet.event.order.function",
            "banquet.event.order.section",
            "banquet.event.order.line",
            "banquet.event.order.version",
        ):
            kinds = {f.type for f in self.env[model]._fields.values()}
            self.assertNotIn("monetary", kinds, model)
            self.assertFalse(
                [n for n in self.env[model]._fields if "price" in n or "amount" in n], model
            )

    def test_only_a_confirmed_banquet_event_gets_an_event_order(self):
        quotation = self.order.copy()
        with self.assertRaises(UserError):
            quotation.action_banquet_create_event_order()

    def test_a_draft_is_regenerated_after_the_order_changed(self):
        eo = self._create_event_order()
        self.order.guaranteed_pax = 190
        self.order.booking_ids.filtered(lambda b: b.room_id == self.ballroom).expected_pax = 190
        eo.action_regenerate()
        self.assertEqual(eo.guaranteed_pax, 190)
        self.assertEqual(eo.function_ids.filtered(lambda f: f.room_id == self.ballroom).pax, 190)
        self.assertEqual(len(eo.section_ids), 8)

    def test_distribution_needs_the_customer_or_a_managers_override_with_a_reason(self):
        eo = self._create_event_order()
        with self.assertRaises(UserError):
            eo.with_user(self.coordinator).action_distribute()
        with self.assertRaises(AccessError):
            eo.with_user(self.coordinator).action_override_confirmation()
        with self.assertRaises(UserError):
            eo.with_user(self.manager).action_override_confirmation()
        eo.override_reason = "Customer abroad, confirmed by phone"
        eo.with_user(self.manager).action_override_confirmation()
        eo.with_user(self.coordinator).action_distribute()
        self.assertEqual(eo.state, "distributed")
        self.assertEqual(eo.version_count, 1)
        version = eo.current_version_id
        self.assertEqual(version.number, 1)
        self.assertEqual(version.snapshot["header"]["event_name"], "李娜与王强婚宴")
        self.assertEqual(version.department_ids, eo.section_ids.department_id)
        self.assertEqual(eo.pending_department_ids, eo.section_ids.department_id)
        # Full EO (hotel language = English here), the customer's copy, one per department.
        self.assertEqual(len(version.attachment_ids), 1 + 1 + 8)

    def test_a_change_makes_version_2_with_a_change_log_and_v1_stays_byte_for_byte(self):
        eo = self._distributed_event_order()
        v1 = eo.current_version_id
        v1_snapshot = dict(v1.snapshot)
        v1_files = {a.name: a.raw for a in v1.attachment_ids}
        self._section(eo, self.kitchen).with_user(self.chef).action_acknowledge()
        self._section(eo, self.av).with_user(self.engineer).action_acknowledge()
        kitchen_line = eo.line_ids.filtered(lambda line: line.department_id == self.kitchen)
        kitchen_line.quantity = 20
        with self.assertRaises(UserError):  # no reason given
            eo.action_distribute_changes()
        eo.change_reason = "Two more tables"
        eo.action_distribute_changes()
        v2 = eo.current_version_id
        self.assertEqual((v2.number, eo.version_count), (2, 2))
        self.assertIn(
            "Kitchen: 婚宴套餐：龙虾、东星斑、长寿面 · Quantity: 18.0 → 20.0", v2.change_log
        )
        self.assertEqual(v2.department_ids, self.kitchen)
        self.assertEqual(v2.reason, "Two more tables")
        # Only the kitchen acknowledges again; the AV acknowledgement of version 1 stands.
        self.assertEqual(
            eo.pending_department_ids - (eo.section_ids.department_id - self.kitchen - self.av),
            self.kitchen,
        )
        self.assertEqual(self._section(eo, self.av).acknowledgement_state, "done")
        self.assertEqual(self._section(eo, self.kitchen).acknowledgement_state, "pending")
        self._section(eo, self.kitchen).with_user(self.chef).action_acknowledge()
        ack = self._section(eo, self.kitchen).acknowledgement_ids
        self.assertEqual(ack.version_id, v1 | v2)
        self.assertEqual(v1.snapshot, v1_snapshot)
        self.assertEqual({a.name: a.raw for a in v1.attachment_ids}, v1_files)
        # A function change concerns every department and the customer.
        eo.function_ids.filtered(lambda f: f.room_id == self.ballroom).pax = 200
        eo.change_reason = "More guests"
        eo.action_distribute_changes()
        v3 = eo.current_version_id
        self.assertIn("Attendance: 180 → 200", v3.change_log)
        self.assertEqual(v3.department_ids, eo.section_ids.department_id)
        self.assertTrue(eo.customer_reconfirm_needed)

    def test_a_hotel_in_chinese_gets_its_event_order_in_chinese_and_in_english(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.company.banquet_lang = "zh_CN"
        eo = self._distributed_event_order()
        names = eo.current_version_id.attachment_ids.mapped("name")
        base = eo.name.replace("/", "-")
        self.assertIn(f"{base} v1 (zh_CN).pdf", names)
        self.assertIn(f"{base} v1 (en_US).pdf", names)
        self.assertEqual(len(names), 2 + 1 + 8)
        self.assertEqual(eo.current_version_id.snapshot["header"]["lang"], "zh_CN")
        attachments = eo.current_version_id.attachment_ids
        chinese = attachments.filtered(lambda a: a.name.endswith("(zh_CN).pdf"))
        english = attachments.filtered(lambda a: a.name.endswith("(en_US).pdf"))
        self.assertIn("宴会通知单", pdf_text(chinese.raw))
        self.assertIn("Event Order", pdf_text(english.raw))

    def test_nothing_changed_means_no_new_version(self):
        eo = self._distributed_event_order()
        eo.change_reason = "Nothing"
        with self.assertRaises(UserError):
            eo.action_distribute_changes()

    def test_a_version_and_its_pdfs_are_never_edited_or_deleted(self):
        eo = self._distributed_event_order()
        version = eo.current_version_id
        self.assertEqual(version.create_uid, self.coordinator)
        with self.assertRaises(AccessError):
            self.env["banquet.event.order.version"].with_user(self.coordinator).create(
                {"event_order_id": eo.id, "number": 7, "snapshot": {}}
            )
        with self.assertRaises(UserError):
            version.write({"reason": "rewritten"})
        with self.assertRaises(UserError):
            version.unlink()
        with self.assertRaises(UserError):
            version.attachment_ids[:1].unlink()
        with self.assertRaises(UserError):
            version.attachment_ids[:1].write({"raw": b"%PDF-forged"})
        with self.assertRaises(UserError):
            eo.unlink()

    def test_inside_the_freeze_window_a_change_waits_for_a_manager(self):
        eo = self._distributed_event_order()
        line = eo.line_ids.filtered(lambda line: line.department_id == self.av)
        # Event on 1 May 2027, 17:00 in Shanghai; freeze from 28 April (hotel date).
        with freeze_time("2027-04-27 15:59:00"):  # 27 April 23:59 in Shanghai: outside
            line.quantity = 3
            eo.change_reason = "Third projector"
            eo.action_distribute_changes()
            self.assertEqual(eo.version_count, 2)
        with freeze_time("2027-04-27 16:00:00"):  # 28 April 00:00 in Shanghai: inside
            line.quantity = 4
            eo.change_reason = "Fourth projector"
            eo.with_user(self.coordinator).action_distribute_changes()
            self.assertEqual(eo.version_count, 2)
            self.assertTrue(eo.change_waiting_approval)
            with self.assertRaises(AccessError):
                eo.with_user(self.coordinator).action_approve_changes()
            eo.with_user(self.manager).action_approve_changes()
            self.assertEqual(eo.version_count, 3)
            self.assertFalse(eo.current_version_id.is_critical)
            ballroom = eo.function_ids.filtered(lambda f: f.room_id == self.ballroom)
            ballroom.dietary_notes = "Table 3: severe peanut allergy"
            eo.change_reason = "Allergy"
            eo.change_critical = True
            eo.with_user(self.coordinator).action_distribute_changes()
            self.assertEqual(eo.version_count, 4)
            self.assertTrue(eo.current_version_id.is_critical)

    def test_freeze_window_follows_the_hotel_in_new_york(self):
        self.company.banquet_tz = "America/New_York"
        eo = self._distributed_event_order()
        # 1 May 09:00 UTC is 1 May 05:00 in New York; freeze from 28 April (New York date).
        with freeze_time("2027-04-28 03:59:00"):  # 27 April 23:59 in New York
            self.assertFalse(eo._in_freeze_window())
        with freeze_time("2027-04-28 04:00:00"):  # 28 April 00:00 in New York
            self.assertTrue(eo._in_freeze_window())
        self.company.banquet_eo_freeze_days = 0
        with freeze_time("2027-04-28 04:00:00"):
            self.assertFalse(eo._in_freeze_window())

    def test_change_requests_have_deadlines_and_response_times(self):
        eo = self._distributed_event_order()
        with freeze_time("2027-04-01 02:00:00"):
            request = (
                self.env["banquet.event.order.change.request"]
                .with_user(self.coordinator)
                .create(
                    {
                        "event_order_id": eo.id,
                        "name": "Add a cake",
                        "urgency": "major",
                        "department_id": self.kitchen.id,
                    }
                )
            )
            self.assertEqual(request.response_deadline, datetime(2027, 4, 1, 2, 15))
            self.assertEqual(request.close_deadline, datetime(2027, 4, 1, 4, 0))
            self.assertEqual(request.manager_id, eo.event_manager_id)
        with freeze_time("2027-04-01 02:20:00"):
            with self.assertRaises(UserError):
                request.action_answer()
            request.answer = "Yes, three tiers"
            request.action_answer()
        with freeze_time("2027-04-01 03:00:00"):
            request.action_done()
        self.assertEqual(request.response_minutes, 20)
        self.assertEqual(request.close_minutes, 60)
        self.assertTrue(request.response_late)
        self.assertEqual(eo.change_reason, "Add a cake")

    def test_milestones_become_to_dos_once(self):
        eos = self._distributed_event_order()
        self.env["banquet.event.order"]._cron_schedule_milestones()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "banquet.event.order"), ("res_id", "=", eos.id)]
        )
        self.assertEqual(len(activities), 7)
        self.assertEqual(min(activities.mapped("date_deadline")).isoformat(), "2027-01-31")
        self.assertEqual(activities.user_id, eos.event_manager_id)
        self.env["banquet.event.order"]._cron_schedule_milestones()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "banquet.event.order"), ("res_id", "=", eos.id)]
            ),
            7,
        )

    def test_actuals_feed_the_order_and_close_the_event_order(self):
        eo = self._distributed_event_order()
        with self.assertRaises(UserError):
            eo.action_enter_actuals()  # before the event
        with freeze_time("2027-05-01 15:00:00"):
            with self.assertRaises(UserError):
                eo.action_enter_actuals()  # no actual attendance yet
            for function in eo.function_ids:
                function.actual_pax = function.pax + 2
            av_line = eo.line_ids.filtered(lambda line: line.department_id == self.av)
            av_line.actual_quantity = 3
            eo.action_enter_actuals()
        self.assertEqual(eo.state, "done")
        self.assertEqual(self.order.actual_pax, 182)
        projector = self.order.order_line.filtered(lambda line: line.product_id == self.projector)
        self.assertEqual(projector.qty_delivered, 3)
        menu = self.order.order_line.filtered(lambda line: line.product_id == self.menu)
        self.assertEqual(menu.qty_delivered, 18)

    def test_milestone_cron_queries_do_not_grow_with_the_number_of_event_orders(self):
        EventOrder = self.env["banquet.event.order"]

        def make(count):
            orders = self.env["sale.order"].create(
                [{"partner_id": self.partner.id, "company_id": self.company.id}] * count
            )
            return EventOrder.create(
                [
                    {
                        "order_id": order.id,
                        "company_id": self.company.id,
                        "event_name": order.name,
                        "event_date_start": "2027-06-01 02:00:00",
                        "event_manager_id": self.coordinator.id,
                        "state": "confirmed",
                    }
                    for order in orders
                ]
            )

        counts = []
        for size in (1, 1, 5):  # the first run warms the caches
            with self.env.cr.savepoint() as savepoint:
                eos = make(size)
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                EventOrder._cron_schedule_milestones()
                self.env.flush_all()
                counts.append(self.env.cr.sql_log_count - before)
                self.assertEqual(
                    self.env["mail.activity"].search_count(
                        [("res_model", "=", "banquet.event.order"), ("res_id", "in", eos.ids)]
                    ),
                    7 * size,
                )
                savepoint.rollback()
        self.assertEqual(counts[1], counts[2])

    def test_milestones_fall_on_the_hotels_dates_whatever_the_cron_users_zone(self):
        self.env.user.tz = "UTC"
        EventOrder = self.env["banquet.event.order"]
        deadlines = {}
        for zone in ("Asia/Shanghai", "America/New_York"):
            self.company.banquet_tz = zone
            order = self.env["sale.order"].create(
                {"partner_id": self.partner.id, "company_id": self.company.id}
            )
            # 1 May 03:00 UTC: 11:00 on 1 May in Shanghai, 23:00 on 30 April in New York.
            eo = EventOrder.create(
                {
                    "order_id": order.id,
                    "company_id": self.company.id,
                    "event_date_start": "2027-05-01 03:00:00",
                    "event_manager_id": self.coordinator.id,
                    "state": "confirmed",
                }
            )
            EventOrder._cron_schedule_milestones()
            deadlines[zone] = sorted(eo.activity_ids.mapped("date_deadline"))
        self.assertEqual(deadlines["Asia/Shanghai"][-2:][0].isoformat(), "2027-05-01")
        self.assertEqual(deadlines["America/New_York"][-2:][0].isoformat(), "2027-04-30")
