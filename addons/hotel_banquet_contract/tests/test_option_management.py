from datetime import date

from odoo.tests import freeze_time, new_test_user, tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestOptionManagement(BanquetContractCommon):
    def _occupancy(self, orders, blocking=True):
        return self.env["banquet.room.occupancy"].search(
            [("booking_id", "in", orders.booking_ids.ids), ("blocking", "=", blocking)]
        )

    def test_second_option_is_promoted_when_first_option_expires(self):
        self.company.banquet_tz = "UTC"
        with freeze_time("2030-05-01 08:00:00"):
            first = self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "tentative")
            second = self._book(
                self.ballroom, self.dt(1, 12), self.dt(1, 16), "tentative", "second_option"
            )
            waiting = self._book(
                self.section_a, self.dt(1, 11), self.dt(1, 13), "tentative", "waitlist"
            )
            self.assertEqual(first.booking_ids.option_expiry_date, date(2030, 5, 8))
            self.assertEqual(first.option_expiry_date, date(2030, 5, 8))
            self.assertEqual(second.booking_ids.queue_position, 1)
            self.assertEqual(waiting.booking_ids.queue_position, 2)
            self.env["banquet.room.booking"]._cron_release_expired_options()
            self.assertEqual(first.booking_ids.hold, "first_option", "not expired yet")

        with freeze_time("2030-05-09 08:00:00"):
            self.env["banquet.room.booking"]._cron_release_expired_options()
        self.assertEqual(first.booking_ids.hold, "released")
        self.assertEqual(first.banquet_status, "tentative", "the event itself goes on")
        self.assertEqual(second.booking_ids.hold, "first_option")
        self.assertEqual(second.booking_ids.option_expiry_date, date(2030, 5, 16))
        self.assertEqual(waiting.booking_ids.hold, "waitlist", "the second option went first")
        self.assertEqual(waiting.booking_ids.queue_position, 1)
        self.assertEqual(
            self._occupancy(second).room_id, self.section_a | self.section_b | self.section_c
        )
        for order, summary in ((first, "Option expired"), (second, "promoted")):
            activity = order.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertIn(summary, activity.summary)
            self.assertEqual(activity.user_id, self.salesperson)

    def test_option_expires_at_the_hotels_midnight(self):
        """The cron user is on UTC; each hotel's option ends at its own midnight."""
        for tz, before, after in (
            # 2030-05-09 00:00 in Shanghai is 05-08 16:00 UTC.
            ("Asia/Shanghai", "2030-05-08 15:59:00", "2030-05-08 16:01:00"),
            # 2030-05-09 00:00 in New York (EDT) is 05-09 04:00 UTC.
            ("America/New_York", "2030-05-09 03:59:00", "2030-05-09 04:01:00"),
        ):
            with self.subTest(tz=tz):
                self.company.banquet_tz = tz
                room = self.env["banquet.room"].create(
                    {"name": "Room %s" % tz, "code": tz, "capacity_max": 80}
                )
                with freeze_time("2030-05-01 12:00:00"):
                    option = self._book(room, self.dt(20, 9), self.dt(20, 12), "tentative")
                self.assertEqual(option.booking_ids.option_expiry_date, date(2030, 5, 8))
                Booking = self.env["banquet.room.booking"].with_user(self.env.ref("base.user_root"))
                with freeze_time(before):
                    Booking.with_context(tz="UTC")._cron_release_expired_options()
                self.assertEqual(option.booking_ids.hold, "first_option")
                with freeze_time(after):
                    Booking.with_context(tz="UTC")._cron_release_expired_options()
                self.assertEqual(option.booking_ids.hold, "released")

    def test_waitlist_is_promoted_when_option_is_released_by_hand(self):
        first = self._book(self.boardroom, self.dt(2, 9), self.dt(2, 12), "tentative", pax=8)
        waiting = self._book(
            self.boardroom, self.dt(2, 10), self.dt(2, 11), "tentative", "waitlist", pax=8
        )
        first.booking_ids.action_release()
        self.assertEqual(waiting.booking_ids.hold, "first_option")
        self.assertTrue(self._occupancy(waiting))

    def test_queued_booking_stays_queued_while_another_blocker_remains(self):
        self._book(self.section_a, self.dt(1, 8), self.dt(1, 11), "definite")
        first = self._book(self.section_b, self.dt(1, 10), self.dt(1, 14), "tentative")
        second = self._book(
            self.ballroom, self.dt(1, 12), self.dt(1, 16), "tentative", "second_option"
        )
        first.action_banquet_lost()
        self.assertEqual(second.booking_ids.hold, "second_option")

    def test_one_room_of_a_definite_contract_is_released(self):
        order = self._book(self.section_a, self.dt(5, 10), self.dt(5, 14), "tentative")
        order.booking_ids = [
            (
                0,
                0,
                {
                    "room_id": self.section_b.id,
                    "date_start": self.dt(5, 10),
                    "date_end": self.dt(5, 14),
                },
            )
        ]
        order.action_banquet_definite()
        waiting = self._book(
            self.section_b, self.dt(5, 11), self.dt(5, 13), "tentative", "second_option"
        )
        keep, give_back = order.booking_ids.sorted(lambda b: b.room_id.code)
        self.assertEqual((keep.hold, give_back.hold), ("held", "held"))
        give_back.action_release()
        self.assertEqual(order.banquet_status, "definite")
        self.assertEqual(keep.hold, "held")
        self.assertEqual(self._occupancy(order).room_id, self.section_a)
        self.assertEqual(waiting.booking_ids.hold, "first_option")
        self.assertEqual(
            give_back.sale_line_ids.product_uom_qty, 0, "a released function is not charged"
        )

    def test_deleting_or_shortening_a_blocker_promotes_the_queue(self):
        def blocker_and_waiting(day):
            blocker = self._book(self.section_c, self.dt(day, 10), self.dt(day, 14), "tentative")
            waiting = self._book(
                self.section_c, self.dt(day, 14, 30), self.dt(day, 16), "tentative", "waitlist"
            )
            return blocker.booking_ids, waiting.booking_ids

        blocker, waiting = blocker_and_waiting(10)
        blocker.unlink()
        self.assertEqual(waiting.hold, "first_option", "deleted")

        blocker, waiting = blocker_and_waiting(11)
        blocker.order_id.unlink()
        self.assertEqual(waiting.hold, "first_option", "its quotation deleted")

        blocker, waiting = blocker_and_waiting(12)
        # Teardown of 30 min after 14:00 blocks 14:30's setup (60 min, from 13:30):
        # dropping both buffers of the blocker is not enough; shortening it is.
        blocker.write({"date_end": self.dt(12, 12)})
        self.assertEqual(waiting.hold, "first_option", "shortened")

    def test_moving_a_blocker_away_promotes_the_queue(self):
        blocker = self._book(self.section_c, self.dt(11, 10), self.dt(11, 14), "tentative")
        waiting = self._book(
            self.section_c, self.dt(11, 11), self.dt(11, 13), "tentative", "waitlist"
        )
        blocker.booking_ids.write({"date_start": self.dt(12, 10), "date_end": self.dt(12, 14)})
        self.assertEqual(waiting.booking_ids.hold, "first_option")

    def test_shorter_buffers_promote_the_queue(self):
        blocker = self._book(self.section_c, self.dt(13, 10), self.dt(13, 14), "tentative")
        waiting = self._book(
            self.section_c, self.dt(13, 15), self.dt(13, 17), "tentative", "waitlist"
        )
        # 14:00 + 30 min teardown overlaps 15:00 - 60 min setup.
        blocker.booking_ids.teardown_minutes = 0
        self.assertEqual(waiting.booking_ids.hold, "first_option")

    def test_release_by_one_salesperson_promotes_a_colleagues_booking(self):
        """Two salespeople of one team, each seeing only their own orders: releasing an
        option promotes the colleague's booking and tells both what happened."""
        team = self.env["crm.team"].create({"name": "Banquet Team", "company_id": self.company.id})
        amy, ben = (
            new_test_user(
                self.env,
                login=login,
                groups="hotel_banquet_crm.group_banquet_user",
                company_id=self.company.id,
                company_ids=self.company.ids,
                email="%s@example.com" % login,
            )
            for login in ("amy.sales", "ben.sales")
        )
        team.member_ids = amy | ben
        first = self._book(
            self.boardroom, self.dt(6, 9), self.dt(6, 12), "tentative", pax=8, user_id=amy.id
        )
        second = self._book(
            self.boardroom,
            self.dt(6, 9),
            self.dt(6, 12),
            "tentative",
            "second_option",
            pax=8,
            user_id=ben.id,
        )
        third = self._book(
            self.boardroom,
            self.dt(6, 10),
            self.dt(6, 11),
            "tentative",
            "waitlist",
            pax=8,
            user_id=ben.id,
        )
        self.assertFalse(
            self.env["sale.order"].with_user(amy).search([("id", "=", second.id)]),
            "Amy cannot read Ben's order",
        )
        self.assertEqual(third.booking_ids.queue_position, 2)
        first.booking_ids.with_user(amy).action_release()
        self.assertEqual(second.booking_ids.hold, "first_option")
        self.assertEqual(third.booking_ids.queue_position, 1)
        notes = self.env["mail.notification"].search([("res_partner_id", "=", ben.partner_id.id)])
        self.assertEqual(len(notes), 1, "one message per salesperson, not one per booking")
        body = notes.mail_message_id.body
        self.assertIn(second.name, body)
        self.assertIn("first option", body)
        self.assertIn(third.name, body)
        self.assertIn("number 1", body)
        self.assertEqual(second.activity_ids.user_id, ben)

    def _release_and_count_queries(self, count, month):
        with freeze_time("2030-%02d-01 08:00:00" % month):
            for day in range(1, count + 1):
                self._book(self.boardroom, self.dt(day, 9), self.dt(day, 12), "tentative", pax=4)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with freeze_time("2030-%02d-01 08:00:00" % (month + 2)):
            self.env["banquet.room.booking"]._cron_release_expired_options()
            self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_expired_options_are_released_with_constant_queries(self):
        # Options of other hotels (demo data) would expire in between and add work.
        self.env["banquet.room.booking"].sudo().search(
            [("company_id", "!=", self.company.id), ("hold", "=", "first_option")]
        ).order_id.filtered(lambda o: o.banquet_status == "tentative").action_banquet_lost()
        # Warm the ORM caches up (the first runs read defaults and access rules once).
        self._release_and_count_queries(2, 1)
        self._release_and_count_queries(2, 2)
        few = self._release_and_count_queries(2, 4)
        many = self._release_and_count_queries(12, 7)
        released = self.env["banquet.room.booking"].search(
            [("hold", "=", "released"), ("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(released), 18)
        self.assertFalse(
            self.env["banquet.room.occupancy"].search([("booking_id", "in", released.ids)])
        )
        self.assertEqual(few, many, "releasing 12 options costs what releasing 2 does")

    def test_salesperson_is_reminded_once_before_the_option_expires(self):
        self.company.banquet_option_reminder_days = 2
        self.company.banquet_tz = "UTC"
        with freeze_time("2030-05-01 08:00:00"):
            option = self._book(self.boardroom, self.dt(20, 9), self.dt(20, 12), "tentative", pax=6)
            self.assertEqual(option.booking_ids.option_expiry_date, date(2030, 5, 8))
        with freeze_time("2030-05-05 08:00:00"):
            self.env["banquet.room.booking"]._cron_release_expired_options()
            self.assertFalse(option.activity_ids, "three days before expiry: too early")
        with freeze_time("2030-05-06 08:00:00"):
            self.env["banquet.room.booking"]._cron_release_expired_options()
            self.env["banquet.room.booking"]._cron_release_expired_options()
        self.assertTrue(option.booking_ids.option_reminder_sent)
        self.assertEqual(len(option.activity_ids), 1, "reminded once, not at every run")
        self.assertIn("expires soon", option.activity_ids.summary)
        self.assertEqual(option.activity_ids.user_id, self.salesperson)
        self.assertEqual(option.booking_ids.hold, "first_option")

    def test_second_option_on_a_free_room_becomes_first_when_its_event_firms_up(self):
        held = self._book(self.boardroom, self.dt(8, 9), self.dt(8, 12), "tentative", pax=6)
        behind = self._book(
            self.boardroom, self.dt(8, 9), self.dt(8, 12), "inquiry", "second_option", pax=6
        )
        free = self._book(self.section_c, self.dt(8, 9), self.dt(8, 12), "inquiry", "second_option")
        behind.action_banquet_tentative()
        free.action_banquet_tentative()
        self.assertEqual(behind.booking_ids.hold, "second_option", "the room is held")
        self.assertEqual(free.booking_ids.hold, "first_option", "nobody holds this room")
        held.action_banquet_lost()
        self.assertEqual(behind.booking_ids.hold, "first_option")
