import re
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from .money_common import BanquetMoneyCommon


@tagged("post_install", "-at_install")
class TestRoomBlock(BanquetMoneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The cron's own user has no time zone: only the hotel's clock may count.
        cls.env.user.tz = "UTC"
        cls.company.banquet_room_block_cutoff_days = 14
        cls.deluxe = cls.env["banquet.guest.room.type"].create(
            {"name": "Deluxe King", "code": "DK", "group_rate": 880.0}
        )

    def _block(self, order=None, arrival=date(2030, 6, 19), departure=date(2030, 6, 21), rooms=20):
        return self.env["banquet.room.block"].create(
            {
                "order_id": (order or self._order(template=False)).id,
                "room_type_id": self.deluxe.id,
                "arrival_date": arrival,
                "departure_date": departure,
                "rooms_per_night": rooms,
            }
        )

    def _todos(self, orders):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "in", orders.ids),
                ("summary", "=", "Room block released at cut-off"),
            ]
        )

    def test_a_block_lays_out_one_line_per_night_with_the_hotels_defaults(self):
        block = self._block()
        self.assertEqual(block.nights, 2)
        self.assertEqual(block.line_ids.mapped("date"), [date(2030, 6, 19), date(2030, 6, 20)])
        self.assertEqual(block.line_ids.mapped("rooms_blocked"), [20, 20])
        self.assertEqual(block.line_ids.mapped("rate"), [880.0, 880.0])
        self.assertEqual(block.cutoff_date, date(2030, 6, 5))
        self.assertEqual(block.rooms_blocked, 40)
        block.departure_date = date(2030, 6, 22)
        self.assertEqual(len(block.line_ids), 3)
        block.arrival_date = date(2030, 6, 20)
        self.assertEqual(block.line_ids.mapped("date"), [date(2030, 6, 20), date(2030, 6, 21)])

    def test_pickup_shows_on_the_block_and_the_order(self):
        block = self._block()
        block.line_ids[0].rooms_picked_up = 15
        block.line_ids[1].rooms_picked_up = 5
        self.assertEqual(block.rooms_picked_up, 20)
        self.assertEqual(block.pickup_percent, 50.0)
        self.assertEqual(block.order_id.banquet_room_nights_blocked, 40)
        self.assertEqual(block.order_id.banquet_room_pickup_percent, 50.0)
        groups = self.env["banquet.room.block.line"]._read_group(
            [("block_id", "=", block.id)], [], ["rooms_blocked:sum", "rooms_picked_up:sum"]
        )
        self.assertEqual(groups, [(40, 20)])

    def test_bad_dates_and_cutoffs_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "after the arrival"):
            self.env["banquet.room.block"].create(
                {
                    "order_id": self._order(template=False).id,
                    "room_type_id": self.deluxe.id,
                    "arrival_date": date(2030, 6, 19),
                    "departure_date": date(2030, 6, 21),
                    "cutoff_date": date(2030, 6, 20),
                }
            )

    def test_unsold_rooms_are_released_at_the_hotels_midnight(self):
        for tz, before, at in (
            ("Asia/Shanghai", "2030-06-04 15:59:00", "2030-06-04 16:00:00"),
            ("America/New_York", "2030-06-05 03:59:00", "2030-06-05 04:00:00"),
        ):
            with self.subTest(tz=tz):
                self.company.banquet_tz = tz
                block = self._block()
                block.line_ids[0].rooms_picked_up = 12
                block.line_ids[1].rooms_picked_up = 25
                with freeze_time(before):
                    self.env["banquet.room.block"]._cron_release_room_blocks()
                self.assertEqual(block.state, "open")
                self.assertFalse(self._todos(block.order_id))
                with freeze_time(at):
                    self.env["banquet.room.block"]._cron_release_room_blocks()
                self.assertEqual(block.state, "released")
                self.assertEqual(block.line_ids.mapped("rooms_released"), [8, 0])
                self.assertEqual(block.line_ids.mapped("rooms_held"), [12, 20])
                todos = self._todos(block.order_id)
                self.assertEqual(todos.user_id, self.salesperson)
                self.assertEqual(todos.date_deadline, date(2030, 6, 5))
                with freeze_time(at):
                    self.env["banquet.room.block"]._cron_release_room_blocks()
                self.assertEqual(self._todos(block.order_id), todos, "released once")

    def test_one_todo_per_order_however_many_blocks(self):
        order = self._order(template=False)
        self._block(order)
        suite = self.env["banquet.guest.room.type"].create({"name": "Suite", "code": "STE"})
        self.env["banquet.room.block"].create(
            {
                "order_id": order.id,
                "room_type_id": suite.id,
                "arrival_date": date(2030, 6, 19),
                "departure_date": date(2030, 6, 20),
                "rooms_per_night": 2,
            }
        )
        with freeze_time("2030-06-05 02:00:00"):
            self.env["banquet.room.block"]._cron_release_room_blocks()
        self.assertEqual(len(self._todos(order)), 1)
        self.assertEqual(set(order.banquet_room_block_ids.mapped("state")), {"released"})

    def test_block_becomes_quotation_lines_per_night(self):
        block = self._block()
        order = block.order_id
        block.action_add_to_quotation()
        room_lines = order.order_line.filtered(
            lambda line: (
                line.product_id == self.env.ref("hotel_banquet_contract.product_guest_room")
            )
        )
        self.assertEqual(room_lines.mapped("product_uom_qty"), [20.0, 20.0])
        self.assertEqual(room_lines.mapped("price_unit"), [880.0, 880.0])
        self.assertEqual(block.line_ids.sale_line_id, room_lines)
        # After the cut-off the quotation follows the rooms still held.
        block.line_ids[0].rooms_picked_up = 12
        with freeze_time("2030-06-05 02:00:00"):
            self.env["banquet.room.block"]._cron_release_room_blocks()
        block.action_add_to_quotation()
        self.assertEqual(room_lines.mapped("product_uom_qty"), [12.0, 0.0])
        self.assertEqual(len(order.order_line.filtered(lambda l: l in room_lines)), 2)

    def test_blocks_stay_in_their_hotel(self):
        block = self._block()
        other = self.env["res.company"].create({"name": "Lakeside Hotel"})
        outsider = self.env["res.users"].create(
            {
                "name": "Lake Sales",
                "login": "lake.sales",
                "company_id": other.id,
                "company_ids": [Command.set(other.ids)],
                "groups_id": [
                    Command.set([self.env.ref("hotel_banquet_crm.group_banquet_manager").id])
                ],
            }
        )
        env = self.env(user=outsider, context=dict(self.env.context, allowed_company_ids=other.ids))
        self.assertFalse(env["banquet.room.block"].search([("id", "=", block.id)]))
        self.assertFalse(env["banquet.room.block.line"].search([("block_id", "=", block.id)]))
        self.assertFalse(env["banquet.guest.room.type"].search([("id", "=", self.deluxe.id)]))

    def test_department_staff_read_no_room_block(self):
        block = self._block()
        with self.assertRaises(AccessError):
            block.with_user(self.department).read(["rooms_blocked"])
        with self.assertRaises(AccessError):
            block.line_ids.with_user(self.department).read(["rate"])

    # Cost of the cron -----------------------------------------------------------------------

    def _make_blocks(self, nights):
        """Ten events, each with one block; ``nights`` lines in all."""
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "is_banquet": True,
                    "user_id": self.salesperson.id,
                }
                for _i in range(10)
            ]
        )
        per_block = nights // 10
        self.env["banquet.room.block"].create(
            [
                {
                    "order_id": order.id,
                    "room_type_id": self.deluxe.id,
                    "arrival_date": date(2030, 3, 1),
                    "departure_date": date(2030, 3, 1) + timedelta(days=per_block),
                    "cutoff_date": date(2030, 2, 1),
                    "rooms_per_night": 10,
                }
                for order in orders
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()

    def _cron_queries(self):
        """Queries of one cron run: (reads and other statements, chunked row writes)."""
        queries = []
        execute = self.cr.execute

        def observe(query, params=None, log_exceptions=True):
            queries.append(str(query))
            return execute(query, params, log_exceptions)

        self.patch(self.cr, "execute", observe)
        with freeze_time("2030-02-02 02:00:00"):
            self.env["banquet.room.block"]._cron_release_room_blocks()
            self.env.flush_all()
        self.cr.execute = execute
        # The ORM writes rows in chunks (one INSERT or UPDATE per chunk and table):
        # those grow with the rows written, everything else must not.
        chunked = [q for q in queries if re.search(r'INSERT INTO "mail_activity"|\bUPDATE "', q)]
        return len(queries) - len(chunked), len(chunked)

    def test_release_cron_queries_do_not_grow_with_nights(self):
        self._make_blocks(10)
        self._cron_queries()  # warm-up: caches, prepared lookups
        self._make_blocks(10)
        few, few_chunks = self._cron_queries()
        self._make_blocks(1000)
        many, many_chunks = self._cron_queries()
        self.assertEqual(
            self.env["banquet.room.block.line"].search_count([("rooms_released", "=", 10)]), 1020
        )
        self.assertEqual(few, many, "%s queries for 10 nights, %s for 1000" % (few, many))
        self.assertLessEqual(many_chunks, 40)
        self.assertLessEqual(few_chunks, 12)

    def test_release_cron_query_count_is_constant(self):
        self._make_blocks(10)
        with freeze_time("2030-02-02 02:00:00"):
            self.env["banquet.room.block"]._cron_release_room_blocks()
        self.env.flush_all()
        self._make_blocks(10)
        with self.assertQueryCount(__system__=22), freeze_time("2030-02-02 02:00:00"):
            self.env["banquet.room.block"]._cron_release_room_blocks()
            self.env.flush_all()
        self._make_blocks(90)
        with self.assertQueryCount(__system__=22), freeze_time("2030-02-02 02:00:00"):
            self.env["banquet.room.block"]._cron_release_room_blocks()
            self.env.flush_all()
