import logging
import re
from collections import Counter
from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .money_common import BanquetMoneyCommon

_logger = logging.getLogger(__name__)

# the ORM writes rows by chunks of 100: one statement per chunk and table
CHUNKED = re.compile(r'(INSERT INTO|UPDATE) "(mail_activity|banquet_deposit_line)"')


@tagged("post_install", "-at_install")
class TestDepositCronQueries(BanquetMoneyCommon):
    """The overdue-deposit cron writes its to-dos set-based, through the ORM, a batch a
    run: the same statements for 10 or 1,000 due deposits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"
        cls.orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company.id,
                    "is_banquet": True,
                    "event_date_start": datetime(2030, 6, 20, 4, 0),
                    "event_date_end": datetime(2030, 6, 20, 8, 0),
                    "user_id": cls.salesperson.id,
                }
                for _i in range(10)
            ]
        )

    def _due_deposits(self, count, name="Deposit"):
        lines = self.env["banquet.deposit.line"].create(
            [
                {
                    "order_id": self.orders[i % 10].id,
                    "name": "%s %s" % (name, i),
                    "value_type": "fixed",
                    "fixed_amount": 0.0,
                    "due_date": date(2030, 1, 17),
                }
                for i in range(count)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return lines

    def _run_cron(self):
        with freeze_time("2030-01-18 02:00:00"):
            self.env["sale.order"]._cron_banquet_deposits()
            self.env.flush_all()

    def _cron_statements(self):
        """The statements of one cron run."""
        queries = []
        execute = self.cr.execute

        def observe(query, params=None, log_exceptions=True):
            queries.append(str(query))
            return execute(query, params, log_exceptions)

        self.patch(self.cr, "execute", observe)
        self._run_cron()
        self.cr.execute = execute
        return queries

    def _split(self, queries):
        """(statements other than the ORM's chunks, the chunks by statement and table)"""
        chunks = Counter(
            " ".join(match.groups()) for match in map(CHUNKED.search, queries) if match
        )
        return len(queries) - chunks.total(), dict(chunks)

    def test_overdue_cron_queries_are_the_same_for_10_and_1000_deposits(self):
        self._due_deposits(10, "Warm-up")
        self._run_cron()  # warm-up: caches, prepared lookups
        self._due_deposits(10)
        few, few_chunks = self._split(self._cron_statements())
        self._due_deposits(1000, "Many")
        many_statements = self._cron_statements()
        many, many_chunks = self._split(many_statements)
        _logger.info(
            "overdue-deposit cron run: 10 deposits due %s statements + chunks %s, 1000 due "
            "%s + chunks %s",
            few,
            few_chunks,
            many,
            many_chunks,
        )
        self.assertEqual(few, many, "\n".join(many_statements))
        # A run takes 50 due deposits: their to-dos (one per recipient and deposit, at most
        # 100) take one INSERT and one UPDATE (their stored computes), the flags one UPDATE,
        # whether 10 or 1,000 are due.
        chunks = {
            "INSERT INTO mail_activity": 1,
            "UPDATE mail_activity": 1,
            "UPDATE banquet_deposit_line": 1,
        }
        self.assertEqual(few_chunks, chunks)
        self.assertEqual(many_chunks, chunks)
        # The cron runs again while deposits are due (ir.cron._notify_progress): the 950
        # left take 19 more runs, each one the same statements, counted the way Odoo's own
        # tests count them.
        Deposit = self.env["banquet.deposit.line"]
        runs = 0
        with freeze_time("2030-01-18 02:00:00"):
            while Deposit.search_count(Deposit._banquet_due_domain()):
                self.env.invalidate_all()  # as a new cron run starts
                with self.assertQueryCount(few + sum(chunks.values())):
                    self.env["sale.order"]._cron_banquet_deposits()
                    self.env.flush_all()
                runs += 1
        self.assertEqual(runs, 19)
        self.assertEqual(
            self.env["mail.activity"].search_count([("summary", "=like", "Deposit due: Many %")]),
            2000,
            "one to-do for the salesperson and one for Finance per deposit",
        )

    def test_overdue_todo_reads_like_the_orm_wrote_it(self):
        deposit = self._due_deposits(1, "Deposit <VIP> & co")
        self._run_cron()
        todos = self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", deposit.order_id.id)]
        )
        self.assertEqual(todos.user_id, self.salesperson | self.finance)
        todo = todos[0]
        self.assertEqual(todo.res_model_id.model, "sale.order")
        self.assertEqual(todo.res_name, deposit.order_id.name)
        self.assertEqual(todo.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertEqual(todo.date_deadline, date(2030, 1, 17))
        self.assertEqual(todo.summary, "Deposit due: Deposit <VIP> & co 0")
        self.assertIn("Deposit &lt;VIP&gt; &amp; co 0", str(todo.note))
        self.assertIn("2030-01-17", str(todo.note))
        self.assertIn(self.currency.name, str(todo.note))
        self.assertTrue(deposit.overdue_notified, "the ORM sees the flag written in SQL")
        self.assertEqual(deposit.order_id.activity_ids, todos, "the order's cache is refreshed")
        self._run_cron()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "sale.order"), ("res_id", "=", deposit.order_id.id)]
            ),
            2,
            "a deposit gives its to-dos once",
        )

    def test_overdue_todo_is_translated_in_the_cron_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "hotel_banquet_contract")]
        )._update_translations(["zh_CN"])
        deposit = self._due_deposits(1)
        with freeze_time("2030-01-18 02:00:00"):
            self.env["sale.order"].with_context(lang="zh_CN")._cron_banquet_deposits()
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", deposit.order_id.id)], limit=1
        )
        self.assertNotIn("Deposit due", todo.summary)
        self.assertIn("Deposit 0", todo.summary)
