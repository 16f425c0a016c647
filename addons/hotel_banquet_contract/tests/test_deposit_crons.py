from datetime import date, datetime

from odoo import Command
from odoo.tests import freeze_time, tagged

from .money_common import BanquetMoneyCommon


@tagged("post_install", "-at_install")
class TestDepositCrons(BanquetMoneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The cron's own user has no time zone: only the hotel's clock may count.
        cls.env.user.tz = "UTC"

    def _todos(self, orders):
        return self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "in", orders.ids)]
        )

    def test_due_deposit_gives_todos_at_the_hotels_midnight(self):
        for tz, before, at in (
            ("Asia/Shanghai", "2030-01-16 15:59:00", "2030-01-16 16:00:00"),
            ("America/New_York", "2030-01-17 04:59:00", "2030-01-17 05:00:00"),
        ):
            with self.subTest(tz=tz):
                self.company.banquet_tz = tz
                order = self._order(date_order=datetime(2030, 1, 10, 12, 0))
                deposit = order.banquet_deposit_line_ids[0]
                self.assertEqual(deposit.due_date, date(2030, 1, 17))
                with freeze_time(before):
                    self.env["sale.order"]._cron_banquet_deposits()
                self.assertFalse(self._todos(order))
                with freeze_time(at):
                    self.env["sale.order"]._cron_banquet_deposits()
                todos = self._todos(order)
                self.assertEqual(todos.user_id, self.salesperson | self.finance)
                self.assertEqual(set(todos.mapped("date_deadline")), {date(2030, 1, 17)})
                self.assertTrue(deposit.overdue_notified)
                with freeze_time(at):
                    self.env["sale.order"]._cron_banquet_deposits()
                self.assertEqual(self._todos(order), todos, "one to-do per deposit, once")

    def test_paid_deposit_gives_no_todo(self):
        order = self._order()
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids[0]
        deposit.with_user(self.finance).action_create_invoice()
        deposit.invoice_id.action_post()
        self._pay(deposit.invoice_id)
        with freeze_time("2030-01-20 02:00:00"):
            self.env["sale.order"]._cron_banquet_deposits()
        self.assertFalse(self._todos(order).filtered(lambda a: deposit.name in (a.summary or "")))

    def test_unsecured_option_is_released_and_the_queue_promoted(self):
        self.company.write(
            {"banquet_release_unsecured_options": True, "banquet_deposit_grace_days": 3}
        )
        first = self._book(
            self.boardroom, self.dt(20, 4), self.dt(20, 8), status="tentative", pax=10
        )
        second = self._book(
            self.boardroom,
            self.dt(20, 4),
            self.dt(20, 8),
            status="tentative",
            hold="second_option",
            pax=10,
        )
        first.banquet_deposit_line_ids = [
            Command.create(
                {"name": "Option deposit", "percent": 20.0, "due_date": date(2030, 5, 1)}
            )
        ]
        with freeze_time("2030-05-04 02:00:00"):  # 3 days of grace: still held
            self.env["sale.order"]._cron_banquet_deposits()
        self.assertEqual(first.booking_ids.hold, "first_option")
        with freeze_time("2030-05-04 16:00:00"):  # 5 May in Shanghai: grace over
            self.env["sale.order"]._cron_banquet_deposits()
        self.assertEqual(first.booking_ids.hold, "released")
        self.assertEqual(second.booking_ids.hold, "first_option", "the queue is promoted")

    def test_overdue_invoice_gives_a_collection_todo(self):
        order = self._order()
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids[0]
        deposit.with_user(self.finance).action_create_invoice()
        deposit.invoice_id.action_post()
        with freeze_time("2030-01-17 02:00:00"):
            self.env["account.move"]._cron_banquet_collections()
        self.assertFalse(deposit.invoice_id.activity_ids)
        with freeze_time("2030-01-17 16:00:00"):  # 18 January in Shanghai
            self.env["account.move"]._cron_banquet_collections()
            self.env["account.move"]._cron_banquet_collections()
        self.assertEqual(deposit.invoice_id.activity_ids.user_id, self.salesperson | self.finance)
