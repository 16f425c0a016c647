"""Every portal route of the contract addon, tried by the four callers a hotel meets.

- staff: a salesperson of the hotel, logged in (may read the documents in the back office);
- another customer: a portal user of another customer, logged in;
- token holder: not logged in, with the document's own share link (core's access token);
- the customer: the customer's own portal user, logged in, without a token.

Pages and PDFs show the document to whoever may read it (staff preview the customer's
view, as core's "Customer Preview" does) and to nobody else; routes that take the
customer's decision (signatures) act for the customer only. The expected table is written
here by hand.
"""

from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from .contract_common import pdf_text, signature_png
from .test_contract_signature import ContractSignatureWorld

CALLERS = ("staff", "another customer", "token holder", "customer")
# Who reads the pages and PDFs, who signs.
READS = {"staff": True, "another customer": False, "token holder": True, "customer": True}
SIGNS = {"staff": False, "another customer": False, "token holder": True, "customer": True}


@tagged("post_install", "-at_install")
class TestContractPortalRoutes(ContractSignatureWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_signature_world()

    def _sent_quotation(self, day=0):
        """A quotation sent to the customer, its event ``day`` days after the usual one
        (each caller signs its own; two signed events never share the ballroom)."""
        order = self._contract_order(start=datetime(2030, 6, 14, 17, 0) + timedelta(days=day))
        order.action_quotation_sent()
        order._portal_ensure_token()
        return order

    def _sent_version(self, day=0):
        """A signed event whose price change waits for the customer's signature."""
        order = self._sent_quotation(day)
        order.write(
            {"signed_by": "Li Na", "signed_on": "2030-01-10 02:00:00", "signature": signature_png()}
        )
        order.action_confirm()
        line = order.order_line.filtered(lambda sol: sol.product_id == self.product)
        line.with_context(banquet_contract_revision=True).price_unit = 2750.0
        version = order.banquet_contract_version_ids.filtered(lambda v: v.state == "draft")
        version.action_send()
        version._portal_ensure_token()
        return version

    def _as(self, caller, record):
        """Log in as ``caller``; the query string it adds to ``record``'s routes."""
        if caller == "token holder":
            self.authenticate(None, None)
            return f"?access_token={record.access_token}"
        login = {
            "staff": "sam.contract",
            "another customer": "wang.portal",
            "customer": "lina.portal",
        }[caller]
        self.authenticate(login, login)
        return ""

    def _assert_read(self, caller, url, expected_type):
        response = self.url_open(url, allow_redirects=False)
        if READS[caller]:
            self.assertEqual(response.status_code, 200, url)
            self.assertIn(expected_type, response.headers["Content-Type"], url)
        else:
            self.assertIn(response.status_code, (302, 303), url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)
        return response

    def test_the_proposals_contract_pdf(self):
        order = self._sent_quotation()
        for caller in CALLERS:
            with self.subTest(caller=caller):
                query = self._as(caller, order)
                response = self._assert_read(
                    caller, f"/my/orders/{order.id}/contract{query}", "application/pdf"
                )
                if READS[caller]:
                    self.assertIn("保证人数条款", pdf_text(response.content))

    def test_the_contract_version_page(self):
        version = self._sent_version()
        for caller in CALLERS:
            with self.subTest(caller=caller):
                query = self._as(caller, version)
                response = self._assert_read(
                    caller, f"/my/contracts/{version.id}{query}", "text/html"
                )
                if READS[caller]:
                    self.assertIn("27,500.00", response.text)
                    # the signature is offered to the customer only, not to staff
                    # previewing the customer's page
                    self.assertEqual("Sign this version" in response.text, SIGNS[caller])

    def test_the_contract_version_pdf(self):
        version = self._sent_version()
        for caller in CALLERS:
            with self.subTest(caller=caller):
                query = self._as(caller, version)
                response = self._assert_read(
                    caller, f"/my/contracts/{version.id}/pdf{query}", "application/pdf"
                )
                if READS[caller]:
                    self.assertIn("27,500.00", pdf_text(response.content))

    def test_signing_a_contract_version(self):
        for day, caller in enumerate(CALLERS):
            with self.subTest(caller=caller):
                version = self._sent_version(day)
                query = self._as(caller, version)
                result = self.make_jsonrpc_request(
                    f"/my/contracts/{version.id}/accept{query}",
                    {"name": "Li Na", "signature": signature_png()},
                )
                version.invalidate_recordset()
                if SIGNS[caller]:
                    self.assertTrue(result.get("force_refresh"), result)
                    self.assertEqual((version.state, version.signed_by), ("signed", "Li Na"))
                    # posted in the chatter as the customer, never as staff or OdooBot
                    message = version.order_id.message_ids.filtered(
                        lambda m: "signed by Li Na" in (m.body or "")
                    )
                    self.assertEqual(message.author_id, self.customer)
                else:
                    self.assertIn("error", result)
                    self.assertEqual(version.state, "sent")
                    self.assertFalse(version.signed_by)

    def test_signing_the_quotation(self):
        for day, caller in enumerate(CALLERS):
            with self.subTest(caller=caller):
                order = self._sent_quotation(day)
                query = self._as(caller, order)
                result = self.make_jsonrpc_request(
                    f"/my/orders/{order.id}/accept{query}",
                    {"name": "Li Na", "signature": signature_png()},
                )
                order.invalidate_recordset()
                if SIGNS[caller]:
                    self.assertTrue(result.get("force_refresh"), result)
                    self.assertEqual((order.state, order.signed_by), ("sale", "Li Na"))
                    self.assertEqual(order.banquet_contract_version_ids.mapped("state"), ["signed"])
                else:
                    self.assertIn("error", result)
                    self.assertEqual((order.state, order.signed_by), ("sent", False))
                    self.assertFalse(order.banquet_contract_version_ids)
