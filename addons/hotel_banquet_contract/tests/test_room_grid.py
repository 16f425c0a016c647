from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestRoomGrid(BanquetContractCommon):
    def _grid(self, date_from="2030-06-03", **filters):
        return self.env["banquet.room"].get_room_grid(date_from, **filters)

    def test_grid_shows_bookings_on_their_rooms_and_sections(self):
        self.company.banquet_tz = "UTC"
        self._book(self.ballroom, self.dt(3, 10), self.dt(3, 14), "definite", event_name="Gala")
        self._book(
            self.section_a,
            self.dt(4, 10),
            self.dt(4, 12),
            "tentative",
            "waitlist",
            event_name="Talk",
        )
        self._book(self.boardroom, self.dt(4, 10), self.dt(4, 12), "lost", event_name="Gone", pax=4)
        grid = self._grid()
        self.assertEqual(len(grid["days"]), 7)
        cells = grid["cells"]
        gala = cells[self.ballroom.id]["2030-06-03"]
        self.assertEqual(
            [(b["name"], b["via"], b["time"]) for b in gala], [("Gala", False, "10:00-14:00")]
        )
        self.assertEqual(cells[self.section_b.id]["2030-06-03"][0]["via"], "Grand Ballroom")
        self.assertEqual(cells[self.ballroom.id]["2030-06-04"][0]["name"], "Talk")
        self.assertEqual(cells[self.ballroom.id]["2030-06-04"][0]["via"], "Ballroom A")
        self.assertFalse(cells[self.section_b.id]["2030-06-04"], "a section does not block B")
        self.assertFalse(cells[self.boardroom.id]["2030-06-04"], "lost bookings leave the grid")
        self.assertEqual(grid["states"]["definite"], "Definite")

    def test_grid_days_and_times_are_the_hotel_s(self):
        # 17:00-20:00 UTC on 3 June is 01:00-04:00 on 4 June in Shanghai, whatever the
        # user's own zone.
        self.company.banquet_tz = "Asia/Shanghai"
        self.env.user.tz = "America/New_York"
        self._book(self.boardroom, self.dt(3, 17), self.dt(3, 20), "definite", pax=8)
        cells = self._grid()["cells"][self.boardroom.id]
        self.assertFalse(cells["2030-06-03"])
        self.assertEqual(cells["2030-06-04"][0]["time"], "01:00-04:00")

    def test_an_event_ending_at_midnight_stays_on_its_day(self):
        self.company.banquet_tz = "UTC"
        self._book(self.boardroom, self.dt(3, 19), self.dt(4, 0), "definite", pax=8)
        cells = self._grid()["cells"][self.boardroom.id]
        self.assertTrue(cells["2030-06-03"])
        self.assertFalse(cells["2030-06-04"])

    def test_grid_filters_rooms_by_type_and_size_and_bookings_by_status(self):
        self.company.banquet_tz = "UTC"
        (self.ballroom | self.section_a | self.section_b | self.section_c).room_type = "ballroom"
        self.boardroom.room_type = "boardroom"
        self._book(self.ballroom, self.dt(3, 10), self.dt(3, 14), "tentative", pax=200)
        self._book(self.boardroom, self.dt(3, 10), self.dt(3, 14), "definite", pax=8)

        grid = self._grid(room_type="boardroom")
        self.assertEqual([room["id"] for room in grid["rooms"]], self.boardroom.ids)

        grid = self._grid(min_pax=300)
        self.assertEqual([room["id"] for room in grid["rooms"]], self.ballroom.ids)

        grid = self._grid(room_type="ballroom", min_pax=150)
        rooms = [room["id"] for room in grid["rooms"]]
        self.assertEqual(
            sorted(rooms),
            sorted((self.ballroom | self.section_a | self.section_b | self.section_c).ids),
        )
        # A section shows the ballroom's booking even when the ballroom is filtered out.
        grid = self._grid(room_type="ballroom", min_pax=150)
        self.assertEqual(grid["cells"][self.section_a.id]["2030-06-03"][0]["via"], "Grand Ballroom")
        self.ballroom.capacity_max = 100
        grid = self._grid(min_pax=150)
        self.assertNotIn(self.ballroom.id, grid["cells"])
        self.assertEqual(grid["cells"][self.section_a.id]["2030-06-03"][0]["via"], "Grand Ballroom")

        grid = self._grid(states=["definite"])
        self.assertFalse(grid["cells"][self.ballroom.id]["2030-06-03"])
        self.assertTrue(grid["cells"][self.boardroom.id]["2030-06-03"])

        grid = self._grid(company_ids=[self.env.ref("base.main_company").id])
        self.assertFalse(
            {room["id"] for room in grid["rooms"]} & set(self.boardroom.ids),
            "another hotel's grid holds none of this hotel's rooms",
        )

    def test_grid_queries_do_not_grow_with_bookings(self):
        self.company.banquet_tz = "UTC"
        Room = self.env["banquet.room"]

        def count_queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Room.get_room_grid("2030-06-03")
            return self.cr.sql_log_count - before

        self._book(self.boardroom, self.dt(3, 20), self.dt(3, 21), "definite", pax=4)
        count_queries()
        few = count_queries()
        for day in range(3, 10):
            for hour in (8, 12, 16):
                self._book(self.section_a, self.dt(day, hour), self.dt(day, hour + 2), "definite")
                self._book(
                    self.boardroom, self.dt(day, hour), self.dt(day, hour + 2), "tentative", pax=8
                )
        many = count_queries()
        self.assertEqual(many, few, "42 more bookings cost no more queries")


@tagged("post_install", "-at_install")
class TestRoomGridUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="grid_coordinator",
            password="grid_coordinator",
            groups="hotel_banquet_crm.group_banquet_user",
            tz="UTC",
        )
        section = cls.env["banquet.room"].create(
            {"name": "Grid Section", "code": "GRID-S", "capacity_max": 100, "room_type": "ballroom"}
        )
        cls.hall = cls.env["banquet.room"].create(
            {
                "name": "Grid Hall",
                "code": "GRID-H",
                "capacity_max": 100,
                "room_type": "ballroom",
                "component_ids": [(6, 0, section.ids)],
            }
        )
        cls.env["banquet.room"].create(
            {"name": "Grid Meeting", "code": "GRID-M", "capacity_max": 20, "room_type": "meeting"}
        )
        cls.action = cls.env.ref("hotel_banquet_contract.banquet_room_grid_action")

    def _book_hall(self, start):
        partner = self.env["res.partner"].create({"name": "Grid Customer"})
        self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": self.user.id,
                "is_banquet": True,
                "event_name": "Grid Gala",
                "banquet_status": "tentative",
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": self.hall.id,
                            "date_start": start,
                            "date_end": start + timedelta(hours=4),
                        },
                    )
                ],
            }
        )

    def test_coordinator_reads_the_week_in_the_room_grid(self):
        # Wednesday 04:00 UTC of the current week: inside it in every hotel zone.
        self.env.company.banquet_tz = "Asia/Shanghai"
        today = fields.Date.today()
        wednesday = today - timedelta(days=today.weekday()) + timedelta(days=2)
        self._book_hall(datetime.combine(wednesday, time(4, 0)))
        self.start_tour(
            "/odoo/action-%s" % self.action.id,
            "hotel_banquet_room_grid_tour",
            login="grid_coordinator",
        )

    def test_room_grid_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-%s" % self.action.id,
            "hotel_banquet_room_grid_phone_tour",
            login="grid_coordinator",
        )
