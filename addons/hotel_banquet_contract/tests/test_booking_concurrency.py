import logging
import re
import threading
import time
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)


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
            orders.filtered(lambda o: o.banquet_status != "cancelled").action_banquet_cancel()
            orders.unlink()
            env["banquet.room"].browse(room_id).exists().unlink()
            env["res.partner"].browse(partner_id).exists().unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _wait_for_lock_waiter(self, timeout=10):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                cr.execute(
                    """
                    SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock'
                       AND query LIKE '%FOR NO KEY UPDATE%'
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
            # row) and now waits for the room transaction 1 locked.
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

    def test_stress_many_salespeople_book_a_combined_room_and_its_sections(self):
        """8 threads, each with its own cursor and transaction, book overlapping slots on a
        combined room and its sections. Afterwards: no overlapping blocking range, every
        refusal is the readable conflict message, no half-written order or function."""
        dbname = self.env.cr.dbname
        with sql_db.db_connect(dbname).cursor() as cr:
            env = self._new_env(cr)
            Room = env["banquet.room"]
            sections = Room.create(
                [
                    {"name": "Stress %s" % code, "code": "STRESS-%s" % code, "capacity_max": 100}
                    for code in "ABC"
                ]
            )
            hall = Room.create(
                {
                    "name": "Stress Hall",
                    "code": "STRESS-H",
                    "capacity_max": 300,
                    "component_ids": [(6, 0, sections.ids)],
                }
            )
            partner = env["res.partner"].create({"name": "Stress Customer"})
            cr.commit()  # pylint: disable=invalid-commit
            room_ids = [hall.id, *sections.ids]
            all_room_ids, partner_id = room_ids, partner.id

        def cleanup():
            with sql_db.db_connect(dbname).cursor() as cr:
                env = self._new_env(cr)
                orders = env["sale.order"].search([("partner_id", "=", partner_id)])
                orders.filtered(lambda o: o.banquet_status != "cancelled").action_banquet_cancel()
                orders.unlink()
                env["banquet.room"].browse(all_room_ids).unlink()
                env["res.partner"].browse(partner_id).unlink()
                cr.commit()  # pylint: disable=invalid-commit

        self.addCleanup(cleanup)
        readable = re.compile(r"cannot be booked for|was booked for .* by someone else")
        outcomes = []
        deadline = time.monotonic() + 90
        attempts_per_thread = 6

        def salesperson(number):
            for attempt in range(attempts_per_thread):
                if time.monotonic() > deadline:
                    outcomes.append(("timeout", number))
                    return
                # Slots of 3 hours every 2 hours on one day: neighbours overlap.
                slot = (number + attempt) % 5
                start = datetime(2032, 2, 2, 1) + timedelta(hours=2 * slot)
                room_id = room_ids[(number * 7 + attempt) % len(room_ids)]
                with (
                    mute_logger("odoo.sql_db"),
                    sql_db.db_connect(dbname).cursor() as cr,
                ):
                    env = self._new_env(cr)
                    try:
                        order = env["sale.order"].create(
                            {
                                "partner_id": partner_id,
                                "is_banquet": True,
                                "event_name": "Stress %s-%s" % (number, attempt),
                                "booking_ids": [
                                    (
                                        0,
                                        0,
                                        {
                                            "room_id": room_id,
                                            "date_start": start,
                                            "date_end": start + timedelta(hours=3),
                                            "setup_minutes": 0,
                                            "teardown_minutes": 0,
                                        },
                                    )
                                ],
                            }
                        )
                        order.action_banquet_tentative()
                        env.flush_all()
                        cr.commit()  # pylint: disable=invalid-commit
                        outcomes.append(("booked", order.id))
                    except ValidationError as error:
                        cr.rollback()
                        outcomes.append(("refused", str(error)))
                    except Exception as error:  # noqa: BLE001 - reported by the assertions
                        cr.rollback()
                        outcomes.append(("error", repr(error)))

        threads = [threading.Thread(target=salesperson, args=(n,)) for n in range(8)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(1, deadline - time.monotonic()))
        elapsed = time.monotonic() - started
        self.assertFalse(any(thread.is_alive() for thread in threads), "bounded in time")
        _logger.info("stress: %s attempts in %.1f s", len(outcomes), elapsed)
        errors = [o for o in outcomes if o[0] in ("error", "timeout")]
        self.assertFalse(errors, "every refusal is a readable conflict, never a raw error")
        refused = [o[1] for o in outcomes if o[0] == "refused"]
        booked = {o[1] for o in outcomes if o[0] == "booked"}
        self.assertEqual(len(refused) + len(booked), 8 * attempts_per_thread)
        self.assertTrue(booked and refused, "the slots overlap: some win, some lose")
        for message in refused:
            self.assertRegex(message, readable)
        with sql_db.db_connect(dbname).cursor() as cr:
            cr.execute(
                """
                SELECT count(*)
                  FROM banquet_room_occupancy a
                  JOIN banquet_room_occupancy b
                    ON a.room_id = b.room_id AND a.id < b.id AND a.blocking AND b.blocking
                   AND tsrange(a.date_from, a.date_to, '[)')
                       && tsrange(b.date_from, b.date_to, '[)')
                 WHERE a.room_id = ANY(%s)
                """,
                [all_room_ids],
            )
            self.assertEqual(cr.fetchone()[0], 0, "no overlapping blocking range")
            cr.execute(
                """
                SELECT so.id, so.banquet_status, count(DISTINCT b.id), count(o.id) FILTER (
                       WHERE o.blocking)
                  FROM sale_order so
                  LEFT JOIN banquet_room_booking b ON b.order_id = so.id
                  LEFT JOIN banquet_room_occupancy o ON o.booking_id = b.id
                 WHERE so.partner_id = %s
                 GROUP BY so.id
                """,
                [partner_id],
            )
            rows = cr.fetchall()
        self.assertEqual({row[0] for row in rows}, booked, "refused orders left nothing behind")
        for _order_id, status, functions, blocking_rows in rows:
            self.assertEqual(status, "tentative")
            self.assertEqual(functions, 1)
            self.assertGreaterEqual(blocking_rows, 1)
