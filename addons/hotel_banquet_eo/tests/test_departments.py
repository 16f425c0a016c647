from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestDepartments(TransactionCase):
    def test_the_departments_of_a_hotel_exist_after_install(self):
        codes = (
            self.env["banquet.department"]
            .search([("company_id", "=", self.env.ref("base.main_company").id)])
            .mapped("code")
        )
        for code in ("KIT", "FNB", "ENG", "HSK", "SEC", "FO", "FIN"):
            self.assertIn(code, codes)

    def test_a_new_hotel_starts_with_the_default_departments(self):
        hotel = self.env["res.company"].create({"name": "Riverside Hotel Hangzhou"})
        departments = self.env["banquet.department"].search([("company_id", "=", hotel.id)])
        self.assertEqual(
            sorted(departments.mapped("code")), ["ENG", "FIN", "FNB", "FO", "HSK", "KIT", "SEC"]
        )
        self.assertFalse(departments.user_ids, "the staff of the first hotel are not copied")

    def test_the_booking_field_of_a_new_event_order_finds_the_hotel_bookings(self):
        coordinator = new_test_user(
            self.env, login="eo_finder", groups="hotel_banquet_crm.group_banquet_user"
        )
        partner = self.env["res.partner"].create({"name": "Apex Pharma"})
        booking = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": coordinator.id,
                "is_banquet": True,
                "event_name": "Apex dinner",
            }
        )
        EventOrder = self.env["banquet.event.order"].with_user(coordinator)
        domain = EventOrder.fields_get(["order_id"])["order_id"].get("domain") or []
        # The web client evaluates the field's domain on the new, still empty EO.
        if isinstance(domain, str):
            domain = safe_eval(domain, {"company_id": False, "id": False})
        found = self.env["sale.order"].with_user(coordinator).search(domain)
        self.assertIn(booking, found)
