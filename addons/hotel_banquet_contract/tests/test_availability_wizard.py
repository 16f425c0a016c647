from odoo.tests import tagged

from .common import BanquetContractCommon


@tagged("post_install", "-at_install")
class TestAvailabilityWizard(BanquetContractCommon):
    def _search(self, start, end, pax, style=None):
        wizard = self.env["banquet.availability.wizard"].create(
            {
                "date_start": start,
                "date_end": end,
                "pax": pax,
                "setup_style_id": (style or self.style_banquet).id,
                "partner_id": self.customer.id,
                "event_name": "Annual Dinner",
            }
        )
        wizard.action_search()
        return wizard

    def test_free_rooms_that_fit_are_listed(self):
        wizard = self._search(self.dt(1, 10), self.dt(1, 14), 80)
        self.assertEqual(
            wizard.line_ids.room_id,
            self.section_a | self.section_b | self.section_c | self.ballroom,
            "the boardroom (12 pax) does not fit",
        )
        wizard = self._search(self.dt(1, 10), self.dt(1, 14), 250)
        self.assertEqual(wizard.line_ids.room_id, self.ballroom)

    def test_a_booked_section_hides_the_whole_ballroom(self):
        self._book(self.section_b, self.dt(1, 10), self.dt(1, 14), "definite")
        wizard = self._search(self.dt(1, 11), self.dt(1, 12), 80)
        self.assertEqual(wizard.line_ids.room_id, self.section_a | self.section_c)

    def test_a_booked_ballroom_hides_every_section(self):
        self._book(self.ballroom, self.dt(1, 10), self.dt(1, 14), "tentative", pax=200)
        wizard = self._search(self.dt(1, 11), self.dt(1, 12), 5)
        self.assertEqual(wizard.line_ids.room_id, self.boardroom)

    def test_buffers_are_considered(self):
        # Section A busy 9:00-14:30 with buffers; the ballroom needs 2 h setup.
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "definite")
        wizard = self._search(self.dt(1, 15, 30), self.dt(1, 18), 80)
        self.assertIn(self.section_a, wizard.line_ids.room_id)
        self.assertNotIn(self.ballroom, wizard.line_ids.room_id)
        wizard = self._search(self.dt(1, 17), self.dt(1, 20), 80)
        self.assertIn(self.ballroom, wizard.line_ids.room_id)

    def test_queued_bookings_leave_the_room_available(self):
        self._book(self.section_a, self.dt(1, 10), self.dt(1, 14), "inquiry", "waitlist")
        wizard = self._search(self.dt(1, 10), self.dt(1, 14), 80)
        self.assertIn(self.section_a, wizard.line_ids.room_id)

    def test_quotation_is_created_from_a_result_line(self):
        wizard = self._search(self.dt(1, 10), self.dt(1, 14), 250)
        action = wizard.line_ids.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertTrue(order.is_banquet)
        self.assertEqual(order.event_name, "Annual Dinner")
        self.assertEqual(order.banquet_status, "inquiry")
        self.assertEqual(order.booking_ids.room_id, self.ballroom)
        self.assertEqual(order.booking_ids.expected_pax, 250)
        self.assertEqual(order.expected_pax, 250, "the order's attendance follows its functions")
        self.assertEqual(order.event_date_start, self.dt(1, 10))
        order.action_banquet_tentative()
        wizard = self._search(self.dt(1, 10), self.dt(1, 14), 50)
        self.assertEqual(wizard.line_ids.room_id, self.boardroom.browse())

    def test_a_result_line_extends_an_existing_quotation(self):
        order = self._book(self.boardroom, self.dt(3, 9), self.dt(3, 12), pax=8)
        action = order.action_banquet_find_rooms()
        wizard = (
            self.env["banquet.availability.wizard"]
            .with_context(**action["context"])
            .create(
                {
                    "date_start": self.dt(3, 13),
                    "date_end": self.dt(3, 17),
                    "pax": 80,
                    "setup_style_id": self.style_banquet.id,
                }
            )
        )
        self.assertEqual(wizard.order_id, order)
        wizard.action_search()
        line = wizard.line_ids.filtered(lambda line: line.room_id == self.section_a)
        result = line.action_create_quotation()
        self.assertEqual(result["res_id"], order.id)
        self.assertEqual(order.booking_ids.room_id, self.boardroom | self.section_a)

    def test_results_show_the_rental_rate_of_the_day_part(self):
        self.env["banquet.room.rate"].create(
            [
                {"room_id": self.section_a.id, "day_part": "evening", "price": 6800},
                {"room_id": self.section_a.id, "day_part": "hourly", "price": 900},
            ]
        )
        wizard = self._search(self.dt(4, 18), self.dt(4, 22), 80)
        wizard.day_part = "evening"
        wizard.action_search()
        line = wizard.line_ids.filtered(lambda line: line.room_id == self.section_a)
        self.assertEqual(line.rental_price, 6800)
        wizard.day_part = "hourly"
        wizard.action_search()
        line = wizard.line_ids.filtered(lambda line: line.room_id == self.section_a)
        self.assertEqual(line.rental_price, 3600, "4 hours at 900")

    def test_quotation_from_the_search_belongs_to_the_banquet_team(self):
        team = self.env["crm.team"].create(
            {"name": "Harbour Banquets", "is_banquet": True, "company_id": self.company.id}
        )
        wizard = self._search(self.dt(1, 10), self.dt(1, 14), 80)
        order = self.env["sale.order"].browse(
            wizard.line_ids[:1].action_create_quotation()["res_id"]
        )
        self.assertEqual(order.team_id, team)

    def test_quotation_from_an_inquiry_is_linked_to_it(self):
        team = self.env["crm.team"].create(
            {"name": "Harbour Banquets", "is_banquet": True, "company_id": self.company.id}
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Lin family wedding",
                "type": "opportunity",
                "is_banquet": True,
                "contact_name": "Lin Hua",
                "email_from": "lin.hua@example.com",
                "company_id": self.company.id,
                "team_id": team.id,
                "user_id": self.salesperson.id,
                "event_date_start": self.dt(5, 11),
                "event_date_end": self.dt(5, 15),
                "expected_pax": 120,
            }
        )
        action = lead.action_banquet_find_rooms()
        wizard = (
            self.env["banquet.availability.wizard"]
            .with_context(**action["context"])
            .create({"setup_style_id": self.style_theatre.id})
        )
        self.assertEqual((wizard.date_start, wizard.pax), (self.dt(5, 11), 120))
        wizard.action_search()
        line = wizard.line_ids.filtered(lambda line: line.room_id == self.section_a)
        order = self.env["sale.order"].browse(line.action_create_quotation()["res_id"])
        self.assertEqual(order.opportunity_id, lead)
        self.assertIn(order, lead.order_ids)
        self.assertEqual(order.team_id, team)
        self.assertEqual(order.event_name, "Lin family wedding")
        self.assertEqual(order.partner_id, lead.partner_id, "the inquiry's contact is the customer")
        self.assertEqual(order.partner_id.email, "lin.hua@example.com")
