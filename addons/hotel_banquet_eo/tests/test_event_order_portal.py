from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import EventOrderCommon


class EventOrderPortalWorld(EventOrderCommon):
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


@tagged("post_install", "-at_install")
class TestEventOrderPortal(HttpCase, EventOrderPortalWorld):
    def test_the_customer_confirms_their_own_event_order_in_the_portal(self):
        eo = self._sent_event_order()
        self.authenticate("eo_portal_customer", "eo_portal_customer")
        listing = self.url_open("/my/event_orders")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(eo.name, listing.text)
        # the portal home's Event Orders tile has its picture, like core's
        home = self.url_open("/my/home").text
        self.assertIn("/hotel_banquet_eo/static/src/img/event_order.svg", home)
        self.assertEqual(
            self.url_open("/hotel_banquet_eo/static/src/img/event_order.svg").status_code, 200
        )
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


# Every Event Order portal route, tried by the four callers a hotel meets (expected table
# by hand): staff (the banquet coordinator, logged in: reads the Event Order in the back
# office), another customer (logged in), a token holder (logged out, with the share link)
# and the customer (its portal user, logged in). The page shows the Event Order to whoever
# may read it; the confirmation is the customer's only.
CALLERS = ("staff", "another customer", "token holder", "customer")
READS = {"staff": True, "another customer": False, "token holder": True, "customer": True}
CONFIRMS = {"staff": False, "another customer": False, "token holder": True, "customer": True}
LOGINS = {
    "staff": "eo_coordinator",
    "another customer": "eo_portal_stranger",
    "customer": "eo_portal_customer",
}


@tagged("post_install", "-at_install")
class TestEventOrderPortalRoutes(HttpCase, EventOrderPortalWorld):
    def _as(self, caller, eo):
        if caller == "token holder":
            self.authenticate(None, None)
            return f"?access_token={eo.access_token}"
        self.authenticate(LOGINS[caller], LOGINS[caller])
        return ""

    def test_the_event_order_list(self):
        eo = self._sent_event_order()
        for caller in CALLERS:
            with self.subTest(caller=caller):
                self._as(caller, eo)
                response = self.url_open("/my/event_orders", allow_redirects=False)
                if caller == "token holder":  # a list is for logged-in customers
                    self.assertIn(response.status_code, (302, 303))
                    self.assertIn("/web/login", response.headers["Location"])
                    continue
                self.assertEqual(response.status_code, 200)
                # the list is the caller's own documents: staff and strangers see none
                self.assertEqual(eo.name in response.text, caller == "customer")

    def test_the_event_order_page(self):
        eo = self._sent_event_order()
        for caller in CALLERS:
            with self.subTest(caller=caller):
                query = self._as(caller, eo)
                response = self.url_open(f"/my/event_orders/{eo.id}{query}", allow_redirects=False)
                if READS[caller]:
                    self.assertEqual(response.status_code, 200)
                    self.assertIn("李娜与王强婚宴", response.text)
                    # the confirmation is offered to the customer only
                    self.assertEqual("Confirm this Event Order" in response.text, CONFIRMS[caller])
                else:
                    self.assertEqual(response.status_code, 303)
                    self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_confirming_the_event_order(self):
        eo = self._sent_event_order()
        for caller in CALLERS:
            with self.subTest(caller=caller):
                # sent to the customer again (a test fixture: state is a decision field)
                eo.sudo().write({"state": "sent", "customer_confirmed_by": False})
                query = self._as(caller, eo)
                response = self.url_open(
                    f"/my/event_orders/{eo.id}/confirm{query}",
                    data={"name": "Li Na", "csrf_token": Request.csrf_token(self)},
                    allow_redirects=False,
                )
                eo.invalidate_recordset()
                self.assertEqual(response.status_code, 303)
                location = response.headers["Location"]
                if CONFIRMS[caller]:
                    self.assertEqual((eo.state, eo.customer_confirmed_by), ("confirmed", "Li Na"))
                    self.assertIn("message=confirmed", location)
                    message = eo.message_ids.filtered(lambda m: "Li Na" in (m.body or ""))[:1]
                    self.assertEqual(message.author_id, self.partner)
                else:
                    self.assertEqual(eo.state, "sent")
                    self.assertFalse(eo.customer_confirmed_by)
                    self.assertTrue(location.endswith("/my"))
                    self.assertNotIn(eo.access_token, location)
