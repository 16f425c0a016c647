from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBanquetInquiryUi(HttpCase):
    def test_coordinator_records_an_inquiry_from_the_banquet_app(self):
        new_test_user(
            self.env,
            login="tour_coordinator",
            password="tour_coordinator",
            groups="hotel_banquet_crm.group_banquet_user",
        )
        self.start_tour("/odoo", "hotel_banquet_inquiry_tour", login="tour_coordinator")
        lead = self.env["crm.lead"].search([("name", "=", "Tour gala dinner")])
        self.assertTrue(lead.is_banquet)
        self.assertEqual(lead.expected_pax, 240)
        self.assertEqual(lead.budget_total, 120000)

    def test_manager_dashboard_opens_with_its_figures_and_nothing_to_save(self):
        manager = new_test_user(
            self.env,
            login="tour_manager",
            password="tour_manager",
            groups="hotel_banquet_crm.group_banquet_manager",
        )
        self.env["crm.lead"].create(
            {"name": "Tour inquiry", "is_banquet": True, "type": "opportunity"}
        )
        self.start_tour("/odoo", "hotel_banquet_dashboard_tour", login="tour_manager")
        dashboard = self.env["banquet.sales.dashboard"].search([("user_id", "=", manager.id)])
        self.assertEqual(len(dashboard), 1, "the dashboard was saved, once")
        self.assertGreaterEqual(dashboard.inquiry_count, 1, "the test's inquiry is counted")
