from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import warmup
from odoo.tools import mute_logger

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestRoomBooking(BanquetContractCommon):
    def test_overlapping_definite_bookings_on_same_room_are_rejected(self):
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        with self.assertRaisesRegex(ValidationError, "Event BR-A"):
            self._book(self.section_a, self.dt(1, 13), self.dt(1, 17), "tentative")

    def test_booking_a_section_blocks_the_whole_ballroom(self):
        self._book(self.section_b, self.dt(1, 10), self.dt(1, 14), "tentative")
        with self.assertRaises(ValidationError):
            # The ballroom's 2 h setup starts at 14:00, inside section B's teardown.
            self._book(self.ballroom, self.dt(1, 16), self.dt(1, 22), "definite")

    def test_booking_the_whole_ballroom_blocks_each_section(self):
        self._book(self.ballroom, self.dt(1, 10), self.dt(1, 14), "definite")
        for section in self.section_a | self.section_b | self.section_c:
            with self.assertRaises(ValidationError):
                self._book(section, self.dt(1, 11), self.dt(1, 12), "tentative")

    def test_other_sections_stay_free_when_one_is_booked(self):
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        order = self._book(self.section_b, self.dt(1, 10), self.dt(1, 14), "definite")
        self.assertEqual(order.state, "sale")

    def test_back_to_back_allowed_when_buffers_do_not_overlap(self):
        # Section A: 60 min setup, 30 min teardown. 10-14 blocks 9:00-14:30.
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        self._book(self.section_a, self.dt(1, 15, 30), self.dt(1, 18), "definite")
        occupancy = self.env["banquet.room.occupancy"].search(
            [("room_id", "=", self.section_a.id), ("blocking", "=", True)]
        )
        self.assertEqual(len(occupancy), 2)

    def test_buffers_overlapping_are_rejected(self):
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        with self.assertRaises(ValidationError):
            # 15:00 start needs setup from 14:00, inside the 14:30 teardown.
            self._book(self.section_a, self.dt(1, 15), self.dt(1, 18), "tentative")

    def test_second_option_and_waitlist_do_not_block(self):
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "tentative")
        second = self._book(
            self.section_a, self.dt(1, 10), self.dt(1, 14), "tentative", "second_option"
        )
        waiting = self._book(
            self.section_a, self.dt(1, 11), self.dt(1, 13), "tentative", "waitlist"
        )
        self.assertEqual(second.booking_ids.state, "second_option")
        self.assertEqual(waiting.booking_ids.state, "waitlist")
        self.assertFalse(
            self.env["banquet.room.occupancy"]
            .search([("booking_id", "in", (second | waiting).booking_ids.ids)])
            .filtered("blocking")
        )

    def test_cancelled_booking_frees_the_room(self):
        first = self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        first.action_banquet_cancel()
        self.assertEqual(first.state, "cancel", "nothing was invoiced: the order is cancelled")
        self.assertFalse(
            self.env["banquet.room.occupancy"].search([("booking_id", "in", first.booking_ids.ids)])
        )
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")

    def test_released_option_can_be_taken_again(self):
        order = self._book(self.boardroom, self.dt(2, 9), self.dt(2, 12), "tentative", pax=10)
        order.booking_ids.action_release()
        self.assertEqual(order.banquet_status, "tentative", "the event goes on without the room")
        self.assertFalse(
            self.env["banquet.room.occupancy"].search([("booking_id", "in", order.booking_ids.ids)])
        )
        order.booking_ids.action_first_option()
        self.assertTrue(
            self.env["banquet.room.occupancy"].search(
                [("booking_id", "in", order.booking_ids.ids), ("blocking", "=", True)]
            )
        )

    def test_definite_status_confirms_the_order_and_confirming_sets_definite(self):
        order = self._book(self.boardroom, self.dt(2, 9), self.dt(2, 12), "tentative", pax=10)
        self.assertTrue(order.option_expiry_date)
        order.action_banquet_definite()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.booking_ids.hold, "held", "the contract holds its first options")
        self.assertFalse(order.option_expiry_date)
        other = self._book(self.boardroom, self.dt(3, 9), self.dt(3, 12), pax=10)
        other.action_confirm()
        self.assertEqual(other.banquet_status, "definite")
        self.assertTrue(
            self.env["banquet.room.occupancy"].search(
                [("booking_id", "in", other.booking_ids.ids), ("blocking", "=", True)]
            )
        )

    def test_moving_a_booking_onto_a_busy_room_is_rejected(self):
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        order = self._book(self.section_a, self.dt(1, 16), self.dt(1, 20), "definite")
        with self.assertRaises(ValidationError):
            order.booking_ids.write({"date_start": self.dt(1, 12)})

    def test_pax_above_capacity_for_setup_style_is_rejected(self):
        with self.assertRaisesRegex(ValidationError, "at most 100"):
            self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), pax=150)
        self._book(
            self.section_a, self.dt(1, 10), self.dt(1, 14), pax=150, style=self.style_theatre
        )

    def test_end_before_start_is_rejected(self):
        with self.assertRaises(ValidationError):
            self._book(self.section_a, self.dt(1, 14), self.dt(1, 10))

    def test_archived_room_cannot_be_booked(self):
        self.boardroom.action_archive()
        with self.assertRaisesRegex(ValidationError, "archived"):
            self._book(self.boardroom, self.dt(1, 10), self.dt(1, 14), pax=5)

    def test_confirmed_booking_is_never_deleted(self):
        order = self._book(self.section_a, self.dt(7, 10), self.dt(7, 14), "definite")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            order.booking_ids.unlink()
        self.assertTrue(order.booking_ids.exists())
        tentative = self._book(self.section_b, self.dt(7, 10), self.dt(7, 14), "tentative")
        tentative.booking_ids.unlink()
        self.assertFalse(tentative.booking_ids)
        self.assertFalse(
            self.env["banquet.room.occupancy"].search([("room_id", "=", self.section_b.id)]),
            "a deleted option frees its room",
        )

    def test_database_refuses_overlap_even_without_python_check(self):
        booking = self._book(self.section_c, self.dt(1, 10), self.dt(1, 14), "definite").booking_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute(
                """
                INSERT INTO banquet_room_occupancy
                       (booking_id, room_id, company_id, date_from, date_to, blocking)
                VALUES (%s, %s, %s, %s, %s, TRUE)
                """,
                [booking.id, self.section_c.id, self.company.id, self.dt(1, 12), self.dt(1, 13)],
            )

    def test_exclude_constraint_exists_in_postgresql(self):
        self.cr.execute(
            """
            SELECT pg_get_constraintdef(oid)
              FROM pg_constraint
             WHERE conrelid = 'banquet_room_occupancy'::regclass AND contype = 'x'
            """
        )
        definitions = [row[0] for row in self.cr.fetchall()]
        self.assertEqual(len(definitions), 1)
        self.assertIn("EXCLUDE USING gist", definitions[0])
        self.assertIn("WHERE (blocking)", definitions[0])

    def _create_booking_for_query_count(self, day):
        return self.env["banquet.room.booking"].create(
            {
                "order_id": self.query_order.id,
                "room_id": self.ballroom.id,
                "date_start": self.dt(day, 10),
                "date_end": self.dt(day, 14),
                "expected_pax": 100,
                "setup_style_id": self.style_banquet.id,
            }
        )

    @warmup
    def test_booking_creation_costs_constant_queries(self):
        self.query_order = self._book(
            self.boardroom, self.dt(5, 9), self.dt(5, 10), "definite", pax=2
        )
        self.env.flush_all()
        self.env.invalidate_all()
        # 64: the order's lines are measured against the hotel's reference pricelist (2)
        with self.assertQueryCount(__system__=64):
            self._create_booking_for_query_count(10)
            self.env.flush_all()
        # 10,200 more occupied slots on the same rooms must not change the count.
        filler = self._book(self.section_a, self.dt(11, 8), self.dt(11, 9), "definite")
        self.cr.execute(
            """
            INSERT INTO banquet_room_occupancy
                   (booking_id, room_id, company_id, date_from, date_to, blocking)
            SELECT %s, room_id, %s, %s - n * interval '3 hours',
                   %s - n * interval '3 hours' + interval '2 hours', TRUE
              FROM generate_series(1, 3400) AS n, unnest(%s) AS room_id
            """,
            [
                filler.booking_ids.id,
                self.company.id,
                self.dt(1, 0),
                self.dt(1, 0),
                (self.section_a | self.section_b | self.section_c).ids,
            ],
        )
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=64):
            self._create_booking_for_query_count(29)
            self.env.flush_all()
