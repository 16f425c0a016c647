import threading
import time
from datetime import datetime

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestBookingConcurrency(TransactionCase):
    """Two sales managers confirm the same room at the same instant, each in their own
    database transaction: PostgreSQL lets exactly one of them win."""

    def _new_env(self, cr):
        # Give the cursor our registry: looking it up by name would wait on the
        # registry lock the test runner holds.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _cleanup(self, order_ids, room_id, partner_id):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            env = self._new_env(cr)
            orders = env["sale.order"].browse(order_ids).exists()
            orders.with_context(banquet_status_sync=True).write(
                {"state": "cancel", "banquet_status": "cancelled"}
            )
            orders.unlink()
            env["banquet.room"].browse(room_id).unlink()
            env["res.partner"].browse(partner_id).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _wait_for_lock_waiter(self, timeout=10):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                cr.execute(
                    """
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock'
                       AND query LIKE 'INSERT INTO banquet_room_occupancy%'
                    """
                )
                if cr.fetchone()[0]:
                    return True
                cr.rollback()
                time.sleep(0.05)
        return False

    def test_concurrent_confirmations_exactly_one_wins(self):
        start, end = datetime(2031, 3, 1, 10), datetime(2031, 3, 1, 14)
        # Data both transactions must see has to be committed: it escapes the test
        # transaction, so it is removed again at cleanup.
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            env = self._new_env(cr)
            room = env["banquet.room"].create(
                {"name": "Race Room", "code": "RACE-T", "capacity_max": 50}
            )
            partner = env["res.partner"].create({"name": "Race Customer"})
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "is_banquet": True,
                        "event_name": name,
                        "booking_ids": [
                            (0, 0, {"room_id": room.id, "date_start": start, "date_end": end})
                        ],
                    }
                    for name in ("Race Wedding", "Race Gala")
                ]
            )
            cr.commit()  # pylint: disable=invalid-commit
            order_ids, room_id, partner_id = orders.ids, room.id, partner.id
        self.addCleanup(self._cleanup, order_ids, room_id, partner_id)

        results = {}
        cr1 = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            env1 = self._new_env(cr1)
            # Transaction 1 takes the room and holds its uncommitted row.
            env1["sale.order"].browse(order_ids[0]).write({"banquet_status": "definite"})
            env1.flush_all()

            def second_transaction():
                with (
                    mute_logger("odoo.sql_db"),
                    sql_db.db_connect(self.env.cr.dbname).cursor() as cr2,
                ):
                    env2 = self._new_env(cr2)
                    try:
                        env2["sale.order"].browse(order_ids[1]).write(
                            {"banquet_status": "definite"}
                        )
                        env2.flush_all()
                        cr2.commit()
                        results["second"] = "committed"
                    except ValidationError as error:
                        cr2.rollback()
                        results["second"] = str(error)
                    except Exception as error:  # noqa: BLE001 - reported by the assertion
                        cr2.rollback()
                        results["second"] = "unexpected %r" % error

            thread = threading.Thread(target=second_transaction)
            thread.start()
            # Transaction 2 passed the Python pre-check (it cannot see the uncommitted
            # row) and now waits inside PostgreSQL on transaction 1's row.
            self.assertTrue(self._wait_for_lock_waiter(), "the second transaction should wait")
            self.assertTrue(thread.is_alive())
            cr1.commit()
            thread.join(10)
        finally:
            cr1.close()

        self.assertIn("Race Room", results["second"])
        self.assertIn("Race Wedding", results["second"])
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute(
                """
                SELECT so.event_name, so.banquet_status, so.state, count(o.id)
                  FROM sale_order so
                  LEFT JOIN banquet_room_booking b ON b.order_id = so.id
                  LEFT JOIN banquet_room_occupancy o ON o.booking_id = b.id AND o.blocking
                 WHERE so.id = ANY(%s)
                 GROUP BY so.id ORDER BY so.id
                """,
                [order_ids],
            )
            rows = cr.fetchall()
        self.assertEqual(
            rows,
            [("Race Wedding", "definite", "sale", 1), ("Race Gala", "inquiry", "draft", 0)],
            "exactly one transaction wins and the loser leaves no partial data",
        )
