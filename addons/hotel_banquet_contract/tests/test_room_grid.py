from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestRoomGrid(BanquetContractCommon):
    def test_grid_shows_bookings_on_their_rooms_and_sections(self):
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
        grid = self.env["banquet.room.booking"].with_context(tz="UTC").get_room_grid("2030-06-03")
        self.assertEqual(len(grid["days"]), 7)
        cells = grid["cells"]
        gala = cells[self.ballroom.id]["2030-06-03"]
        self.assertEqual(
            [(b["name"], b["via"], b["time"]) for b in gala], [("Gala", False, "10:00-14:00")]
        )
        self.assertEqual(cells[self.section_b.id]["2030-06-03"][0]["via"], "Grand Ballroom")
        self.assertEqual(cells[self.ballroom.id]["2030-06-04"][0]["name"], "Talk")
        self.assertFalse(cells[self.boardroom.id]["2030-06-04"], "lost bookings leave the grid")
        self.assertEqual(grid["states"]["definite"], "Definite")


@tagged("post_install", "-at_install")
class TestRoomGridUi(HttpCase):
    def test_coordinator_reads_the_week_in_the_room_grid(self):
        user = new_test_user(
            self.env,
            login="grid_coordinator",
            password="grid_coordinator",
            groups="hotel_banquet_crm.group_banquet_user",
            tz="UTC",
        )
        section = self.env["banquet.room"].create(
            {"name": "Grid Section", "code": "GRID-S", "capacity_max": 100}
        )
        hall = self.env["banquet.room"].create(
            {
                "name": "Grid Hall",
                "code": "GRID-H",
                "capacity_max": 100,
                "component_ids": [(6, 0, section.ids)],
            }
        )
        # Wednesday of the current week, well inside it whatever the browser's time zone.
        today = fields.Date.today()
        wednesday = today - timedelta(days=today.weekday()) + timedelta(days=2)
        start = datetime.combine(wednesday, time(10, 0))
        partner = self.env["res.partner"].create({"name": "Grid Customer"})
        self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "is_banquet": True,
                "event_name": "Grid Gala",
                "banquet_status": "tentative",
                "booking_ids": [
                    (
                        0,
                        0,
                        {
                            "room_id": hall.id,
                            "date_start": start,
                            "date_end": start + timedelta(hours=4),
                        },
                    )
                ],
            }
        )
        action = self.env.ref("hotel_banquet_contract.banquet_room_grid_action")
        self.start_tour(
            "/odoo/action-%s" % action.id, "hotel_banquet_room_grid_tour", login="grid_coordinator"
        )
