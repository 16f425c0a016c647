import json
import threading
from contextlib import contextmanager

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.banquet_room_occupancy import BLOCKING_INDEX, QUEUE_INDEX
from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestOccupancyIndex(BanquetContractCommon):
    """Every query looking for overlapping occupancy rows is served by a GiST index on the
    room and the period, not by a scan of the room's whole history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Some history on every room, so that the planner has rows to choose from.
        for day in range(1, 8):
            cls._book(cls.ballroom, cls.dt(day, 9), cls.dt(day, 12), status="definite")
            cls._book(cls.boardroom, cls.dt(day, 14), cls.dt(day, 16), status="tentative", pax=8)
        cls.blocker = cls._book(cls.section_a, cls.dt(20, 9), cls.dt(20, 12), status="tentative")
        cls.queued = cls._book(
            cls.section_a, cls.dt(20, 10), cls.dt(20, 11), status="tentative", hold="second_option"
        )
        cls.env["banquet.room.booking"].flush_model()
        # A year of history before them, blocking and queued, as a hotel has: with a
        # handful of rows any plan is cheap and the planner's choice proves nothing.
        cls.env.cr.execute(
            """
            INSERT INTO banquet_room_occupancy
                   (booking_id, room_id, company_id, date_from, date_to, blocking)
            SELECT %(booking)s, room_id, %(company)s,
                   %(start)s - n * interval '1 day', %(start)s - n * interval '1 day'
                   + interval '6 hours', n %% 3 > 0
              FROM unnest(%(rooms)s) AS r(room_id), generate_series(1, 400) AS n
            """,
            {
                "booking": cls.blocker.booking_ids.id,
                "company": cls.company.id,
                "start": cls.dt(1, 0),
                "rooms": (cls.section_a | cls.section_b | cls.section_c | cls.boardroom).ids,
            },
        )
        cls.env.cr.execute("ANALYZE banquet_room_occupancy")

    @contextmanager
    def _overlap_queries(self):
        """Collect, with their parameters, the statements reading overlapping occupancy
        rows that run inside the block (through Odoo's query hooks, on any cursor)."""
        queries = []
        thread = threading.current_thread()
        hooks = thread.__dict__.setdefault("query_hooks", [])

        def hook(cr, query, params, start, delay):
            text = query.decode() if isinstance(query, bytes) else query
            if (
                "banquet_room_occupancy" in text
                and text.lstrip().upper().startswith("SELECT")
                and ("&&" in text or "date_to >" in text)
            ):
                queries.append(cr.mogrify(text, params).decode())

        hooks.append(hook)
        try:
            yield queries
        finally:
            hooks.remove(hook)

    def _plan_nodes(self, query):
        cr = self.env.cr
        cr.execute("SAVEPOINT explain_overlap")
        try:
            cr.execute("SET LOCAL enable_seqscan = off")
            cr.execute("SET LOCAL enable_bitmapscan = on")
            cr.execute("EXPLAIN (FORMAT JSON) " + query)
            plan = cr.fetchone()[0]
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT explain_overlap")
        plan = json.loads(plan) if isinstance(plan, str) else plan
        nodes, todo = [], [plan[0]["Plan"]]
        while todo:
            node = todo.pop()
            nodes.append(node)
            todo.extend(node.get("Plans", []))
        return nodes

    def assertIndexed(self, queries, index, shape):
        self.assertTrue(queries, "%s ran no overlap query" % shape)
        for query in queries:
            nodes = self._plan_nodes(query)
            described = json.dumps(nodes, indent=1)
            seq_scans = [
                node
                for node in nodes
                if node["Node Type"] == "Seq Scan"
                and node.get("Relation Name") == "banquet_room_occupancy"
            ]
            self.assertFalse(
                seq_scans, "%s scans banquet_room_occupancy:\n%s\n%s" % (shape, query, described)
            )
            overlap_scans = [
                node
                for node in nodes
                if node.get("Index Name") == index
                and "int4range" in node.get("Index Cond", "")
                and "&&" in node.get("Index Cond", "")
            ]
            self.assertTrue(
                overlap_scans,
                "%s does not find the overlapping rows through %s on room and period:\n%s\n%s"
                % (shape, index, query, described),
            )

    def test_conflict_check_uses_the_exclusion_index(self):
        booking = self._book(self.ballroom, self.dt(25, 9), self.dt(25, 12), status="tentative")
        booking = booking.booking_ids
        with self._overlap_queries() as queries:
            Occupancy = self.env["banquet.room.occupancy"]
            Occupancy._check_conflicts(booking, Occupancy._rows_for(booking))
        self.assertIndexed(queries, BLOCKING_INDEX, "_check_conflicts")

    def test_refused_booking_uses_the_exclusion_index(self):
        order = self._book(self.ballroom, self.dt(20, 8), self.dt(20, 13))
        with self._overlap_queries() as queries, self.assertRaises(ValidationError):
            order.write({"banquet_status": "tentative"})
        self.assertIndexed(queries, BLOCKING_INDEX, "a refused booking")

    def test_availability_uses_the_exclusion_index(self):
        rooms = self.section_a | self.section_b | self.section_c | self.boardroom
        with self._overlap_queries() as queries:
            busy = self.env["banquet.room.occupancy"]._busy_physical_rooms(
                rooms, self.dt(20, 8), self.dt(20, 13)
            )
        self.assertEqual(list(busy), [self.section_a.id])
        self.assertIndexed(queries, BLOCKING_INDEX, "_busy_physical_rooms")

    def test_concurrent_conflict_message_uses_the_exclusion_index(self):
        booking = self.blocker.booking_ids
        Occupancy = self.env["banquet.room.occupancy"]
        rows = Occupancy._rows_for(booking)
        cr = self.env.cr
        # A row overlapping the blocker, as a concurrent transaction would have written it.
        try:
            with mute_logger("odoo.sql_db"), cr.savepoint(flush=False):
                cr.execute(
                    """
                    INSERT INTO banquet_room_occupancy
                           (booking_id, room_id, company_id, date_from, date_to, blocking)
                    SELECT booking_id, room_id, company_id, date_from, date_to, TRUE
                      FROM banquet_room_occupancy WHERE booking_id = %s
                    """,
                    [booking.id],
                )
        except psycopg2.errors.ExclusionViolation as exclusion:
            error = exclusion
        with self._overlap_queries() as queries:
            message = Occupancy._concurrent_conflict_message(booking, rows, error)
        self.assertIn(self.section_a.name, message)
        self.assertIndexed(queries, BLOCKING_INDEX, "_concurrent_conflict_message")

    def test_queue_positions_use_the_queue_index(self):
        queued = self.queued.booking_ids
        with self._overlap_queries() as queries:
            positions = self.env["banquet.room.occupancy"]._queue_positions(queued)
        self.assertEqual(positions, {queued.id: 1})
        self.assertIndexed(queries, QUEUE_INDEX, "_queue_positions")

    def test_queue_promotion_uses_both_indexes(self):
        windows = [(self.section_a.id, self.dt(20, 8), self.dt(20, 13))]
        with self._overlap_queries() as queries:
            self.env["banquet.room.occupancy"]._promote_queue(windows)
        # The blocker still holds the room: nothing is promoted.
        self.assertEqual(self.queued.booking_ids.hold, "second_option")
        queue = [query for query in queries if "NOT o.blocking" in query]
        blocking = [query for query in queries if query not in queue]
        self.assertIndexed(queue, QUEUE_INDEX, "_promote_queue (queued functions)")
        self.assertIndexed(blocking, BLOCKING_INDEX, "_promote_queue (still blocked)")
