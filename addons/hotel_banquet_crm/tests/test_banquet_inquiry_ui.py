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
