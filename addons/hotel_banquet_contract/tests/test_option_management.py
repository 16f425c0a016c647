from datetime import date

from odoo.tests import freeze_time, tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestOptionManagement(BanquetContractCommon):
    def test_second_option_is_promoted_when_first_option_expires(self):
        with freeze_time("2030-05-01 08:00:00"):
            first = self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "tentative")
            second = self._book(self.ballroom, self.dt(1, 12), self.dt(1, 16), "second_option")
            waiting = self._book(self.section_a, self.dt(1, 11), self.dt(1, 13), "waitlist")
            self.assertEqual(first.option_expiry_date, date(2030, 5, 8))
            self.env["sale.order"]._cron_release_expired_options()
            self.assertEqual(first.banquet_status, "tentative", "the option has not expired yet")

        with freeze_time("2030-05-09 08:00:00"):
            self.env["sale.order"]._cron_release_expired_options()
        self.assertEqual(first.banquet_status, "released")
        self.assertEqual(first.state, "cancel")
        self.assertEqual(second.banquet_status, "tentative")
        self.assertEqual(second.option_expiry_date, date(2030, 5, 16))
        self.assertEqual(waiting.banquet_status, "waitlist", "the second option went first")
        blocking = self.env["banquet.room.occupancy"].search(
            [("booking_id", "in", second.booking_ids.ids), ("blocking", "=", True)]
        )
        self.assertEqual(blocking.room_id, self.section_a | self.section_b | self.section_c)
        for order, summary in ((first, "Option expired"), (second, "promoted")):
            activity = order.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertIn(summary, activity.summary)
            self.assertEqual(activity.user_id, self.salesperson)

    def test_waitlist_is_promoted_when_option_is_released_by_hand(self):
        first = self._book(self.boardroom, self.dt(2, 9), self.dt(2, 12), "tentative", pax=8)
        waiting = self._book(self.boardroom, self.dt(2, 10), self.dt(2, 11), "waitlist", pax=8)
        first.action_banquet_release()
        self.assertEqual(waiting.banquet_status, "tentative")

    def test_queued_booking_stays_queued_while_another_blocker_remains(self):
        self._book(self.section_a, self.dt(1, 8), self.dt(1, 11), "definite")
        first = self._book(self.section_b, self.dt(1, 10), self.dt(1, 14), "tentative")
        second = self._book(self.ballroom, self.dt(1, 12), self.dt(1, 16), "second_option")
        first.action_banquet_lost()
        self.assertEqual(second.banquet_status, "second_option")

    def _release_and_count_queries(self, count, month):
        with freeze_time("2030-%02d-01 08:00:00" % month):
            for day in range(1, count + 1):
                self._book(self.boardroom, self.dt(day, 9), self.dt(day, 12), "tentative", pax=4)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with freeze_time("2030-%02d-01 08:00:00" % (month + 2)):
            self.env["sale.order"]._cron_release_expired_options()
            self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_expired_options_are_released_with_constant_queries(self):
        # Options of other hotels (demo data) would expire in between and add work.
        self.env["sale.order"].sudo().search(
            [("is_banquet", "=", True), ("company_id", "!=", self.company.id)]
        ).write({"banquet_status": "cancelled"})
        self._release_and_count_queries(1, 1)  # warm the ORM caches up
        few = self._release_and_count_queries(2, 4)
        many = self._release_and_count_queries(12, 7)
        released = self.env["sale.order"].search(
            [("banquet_status", "=", "released"), ("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(released), 15)
        self.assertFalse(
            self.env["banquet.room.occupancy"].search(
                [("booking_id", "in", released.booking_ids.ids)]
            )
        )
        self.assertEqual(few, many, "releasing 12 options costs what releasing 2 does")

    def test_salesperson_is_reminded_once_before_the_option_expires(self):
        self.env.company.banquet_option_reminder_days = 2
        with freeze_time("2030-05-01 08:00:00"):
            option = self._book(self.boardroom, self.dt(20, 9), self.dt(20, 12), "tentative", pax=6)
            self.assertEqual(option.option_expiry_date, date(2030, 5, 8))
        with freeze_time("2030-05-05 08:00:00"):
            self.env["sale.order"]._cron_release_expired_options()
            self.assertFalse(option.activity_ids, "three days before expiry: too early")
        with freeze_time("2030-05-06 08:00:00"):
            self.env["sale.order"]._cron_release_expired_options()
            self.env["sale.order"]._cron_release_expired_options()
        self.assertTrue(option.option_reminder_sent)
        self.assertEqual(len(option.activity_ids), 1, "reminded once, not at every run")
        self.assertIn("expires soon", option.activity_ids.summary)
        self.assertEqual(option.activity_ids.user_id, self.salesperson)
        self.assertEqual(option.banquet_status, "tentative")
