from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import EventOrderCommon


@tagged("post_install", "-at_install")
class TestEventOrderPortal(HttpCase, EventOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = new_test_user(
            cls.env,
            login="eo_portal_customer",
            groups="base.group_portal",
            partner_id=cls.partner.id,
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.stranger = new_test_user(
            cls.env,
            login="eo_portal_stranger",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def _sent_event_order(self):
        eo = self._create_event_order()
        eo.with_user(self.coordinator).action_send_to_customer()
        return eo

    def test_the_customer_confirms_their_own_event_order_in_the_portal(self):
        eo = self._sent_event_order()
        self.authenticate("eo_portal_customer", "eo_portal_customer")
        listing = self.url_open("/my/event_orders")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(eo.name, listing.text)
        page = self.url_open(f"/my/event_orders/{eo.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("李娜与王强婚宴", page.text)
        self.assertIn("Confirm this Event Order", page.text)
        self.assertNotIn("888", page.text)
        response = self.url_open(
            f"/my/event_orders/{eo.id}/confirm",
            data={"name": "Li Na", "csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("the Event Order is confirmed", response.text)
        self.assertEqual(eo.state, "confirmed")
        self.assertEqual(eo.customer_confirmed_by, "Li Na")

    def test_another_portal_user_opens_it_neither_by_id_nor_by_a_wrong_token(self):
        eo = self._sent_event_order()
        self.authenticate("eo_portal_stranger", "eo_portal_stranger")
        for url in (
            f"/my/event_orders/{eo.id}",
            f"/my/event_orders/{eo.id}?access_token=not-the-token",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)
        response = self.url_open(
            f"/my/event_orders/{eo.id}/confirm",
            data={"name": "Stranger", "csrf_token": Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(eo.state, "sent")
        listing = self.url_open("/my/event_orders")
        self.assertNotIn(eo.name, listing.text)
        # The token in the customer's link opens it (the mail link works without login).
        self.authenticate(None, None)
        page = self.url_open(f"/my/event_orders/{eo.id}?access_token={eo.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("李娜与王强婚宴", page.text)

    def test_a_customer_whose_portal_user_is_of_another_hotel_reaches_its_event_order(self):
        """A portal user belongs to the company it was made in (the website's, on sign-up):
        the customer still reaches its documents in every hotel of the group."""
        main = self.env.ref("base.main_company")
        self.assertNotEqual(main, self.company)
        self.customer.write({"company_ids": [(6, 0, main.ids)], "company_id": main.id})
        eo = self._sent_event_order()
        # as the website runs their requests: in their own company
        EventOrder = self.env["banquet.event.order"].with_context(allowed_company_ids=main.ids)
        self.assertEqual(EventOrder.with_user(self.customer).search([]), eo)
        self.authenticate("eo_portal_customer", "eo_portal_customer")
        self.assertIn(eo.name, self.url_open("/my/event_orders").text)
        page = self.url_open(f"/my/event_orders/{eo.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("李娜与王强婚宴", page.text)
        # another customer of the main hotel still reads nothing of it, and the main
        # hotel's staff nothing of this hotel
        self.stranger.write({"company_ids": [(6, 0, main.ids)], "company_id": main.id})
        self.assertFalse(EventOrder.with_user(self.stranger).search([]))
        staff = new_test_user(
            self.env,
            login="eo_main_hotel_user",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_id=main.id,
            company_ids=main.ids,
        )
        self.assertFalse(EventOrder.with_user(staff).search([("id", "=", eo.id)]))

    def test_the_customer_confirms_again_when_a_version_changes_what_they_see(self):
        eo = self._sent_event_order()
        eo._action_customer_confirm("Li Na")
        eo.action_distribute()
        eo.line_ids.filtered(lambda line: line.department_id == self.av).notes = "Spare lamp"
        eo.change_reason = "AV detail"
        eo.action_distribute_changes()
        self.assertFalse(eo.customer_reconfirm_needed)  # departments only: not the customer's
        eo.function_ids.filtered(lambda f: f.room_id == self.ballroom).pax = 190
        eo.change_reason = "More guests"
        eo.action_distribute_changes()
        self.assertTrue(eo.customer_reconfirm_needed)
        self.authenticate("eo_portal_customer", "eo_portal_customer")
        page = self.url_open(f"/my/event_orders/{eo.id}")
        self.assertIn("Confirm this Event Order", page.text)
        self.url_open(
            f"/my/event_orders/{eo.id}/confirm",
            data={"name": "Li Na", "csrf_token": Request.csrf_token(self)},
        )
        self.assertFalse(eo.customer_reconfirm_needed)
        self.assertEqual(eo.state, "distributed")
