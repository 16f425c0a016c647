import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from .money_common import BanquetMoneyCommon


# Needs Odoo's demo payment provider (addon payment_demo), which our addons do not depend
# on: `make test` installs it in its all-addons database, where this tag runs.
@tagged("post_install", "-at_install", "banquet_payment_demo")
class TestDepositOnlinePayment(BanquetMoneyCommon, HttpCase):
    """The customer pays a deposit invoice from the portal with a payment provider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "account_payment.enable_portal_payment", True
        )
        # The demo provider stands for whatever provider the hotel configures.
        demo = cls.env.ref("payment.payment_provider_demo")
        cls.provider = demo.copy({"company_id": cls.company.id})
        cls.provider.write({"state": "test", "is_published": True})
        cls.payment_method = cls.env.ref("payment_demo.payment_method_demo")
        cls.customer.email = "acme@example.com"
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": "Acme Events",
                "login": "acme.portal",
                "password": "acme.portal.1234",
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.company.banquet_definite_policy = "signature_and_first_deposit"

    def _json(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return body.get("result")

    def _signed_event_with_posted_first_deposit(self):
        order = self._order()
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids.sorted(lambda d: (d.due_date, d.sequence))[0]
        deposit.with_user(self.finance).action_create_invoice()
        deposit.invoice_id.action_post()
        return order, deposit

    def test_customer_pays_the_deposit_online_and_the_event_becomes_definite(self):
        order, deposit = self._signed_event_with_posted_first_deposit()
        invoice = deposit.invoice_id
        self.assertEqual(order.banquet_status, "tentative", "signed, deposit not yet paid")
        self.assertEqual(deposit.state, "not_paid")

        self.authenticate("acme.portal", "acme.portal.1234")
        page = self.url_open("/my/invoices/%s" % invoice.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.name, page.text)
        self.assertIn("Pay", page.text, "the portal offers to pay the deposit")

        processing = self._json(
            "/invoice/transaction/%s" % invoice.id,
            {
                "access_token": invoice._portal_ensure_token(),
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "token_id": None,
                "amount": invoice.amount_residual,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": invoice.get_portal_url(),
            },
        )
        transaction = self.env["payment.transaction"].search(
            [("reference", "=", processing["reference"])]
        )
        self.assertEqual(transaction.invoice_ids, invoice)
        self.assertEqual(transaction.provider_id, self.provider)
        self.assertEqual(deposit.state, "not_paid", "nothing is paid before the provider says so")

        # The provider confirms the payment, then the customer's status page polls it.
        self._json(
            "/payment/demo/simulate_payment",
            {
                "reference": transaction.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        status = self._json("/payment/status/poll", {})
        self.assertEqual(status["state"], "done")

        self.env.invalidate_all()
        self.assertTrue(transaction.is_post_processed)
        self.assertTrue(transaction.payment_id, "the transaction posts a payment")
        self.assertEqual(transaction.payment_id.state, "paid")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(deposit.state, invoice.payment_state, "read from the invoice")
        self.assertEqual(deposit.amount_paid, invoice.amount_total)
        self.assertEqual(order.banquet_status, "definite", "the hotel's policy is met")

    def test_another_customer_cannot_pay_a_deposit_without_its_token(self):
        _order, deposit = self._signed_event_with_posted_first_deposit()
        stranger = self.env["res.partner"].create({"name": "Stranger", "email": "s@example.com"})
        self.env["res.users"].create(
            {
                "name": "Stranger",
                "login": "stranger.portal",
                "password": "stranger.portal.1234",
                "partner_id": stranger.id,
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        self.authenticate("stranger.portal", "stranger.portal.1234")
        response = self.url_open(
            "/invoice/transaction/%s" % deposit.invoice_id.id,
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "access_token": "not-the-token",
                        "provider_id": self.provider.id,
                        "payment_method_id": self.payment_method.id,
                        "token_id": None,
                        "amount": deposit.invoice_id.amount_residual,
                        "flow": "direct",
                        "tokenization_requested": False,
                        "landing_route": "/my",
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertFalse(
            self.env["payment.transaction"].search([("invoice_ids", "=", deposit.invoice_id.id)])
        )
        self.assertEqual(deposit.state, "not_paid")


@tagged("post_install", "-at_install")
class TestDepositPayNow(BanquetMoneyCommon, HttpCase):
    """The portal offers "Pay Now" on a banquet bill only where a payment method of the
    hotel can take it; plain invoices keep core's behaviour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "account_payment.enable_portal_payment", True
        )
        # this hotel has no payment provider of its own yet
        cls.env["payment.provider"].search([("company_id", "=", cls.company.id)]).write(
            {"state": "disabled"}
        )
        cls.customer.email = "pay.now@example.com"
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": "Lakeside Events",
                "login": "paynow.portal",
                "password": "paynow.portal.1234",
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )

    def _posted_deposit_invoice(self):
        order = self._order()
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids.sorted(lambda d: (d.due_date, d.sequence))[0]
        deposit.with_user(self.finance).action_create_invoice()
        deposit.invoice_id.action_post()
        return deposit.invoice_id

    def _portal_page(self, invoice):
        self.authenticate("paynow.portal", "paynow.portal.1234")
        response = self.url_open(f"/my/invoices/{invoice.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_no_pay_now_where_no_payment_method_takes_the_deposit(self):
        invoice = self._posted_deposit_invoice()
        self.assertFalse(invoice._has_to_be_paid())
        self.assertNotIn("Pay Now", self._portal_page(invoice))
        # a plain invoice of the same hotel keeps core's button
        plain = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create({"name": "Spa voucher", "quantity": 1, "price_unit": 100})
                ],
            }
        )
        plain.action_post()
        self.assertTrue(plain._has_to_be_paid())

    def test_bank_transfer_set_up_the_customer_pays_now(self):
        transfer = self.env.ref("payment.payment_provider_transfer")
        provider = transfer.copy(
            {
                "company_id": self.company.id,
                "payment_method_ids": transfer.with_context(
                    active_test=False
                ).payment_method_ids.ids,
            }
        )
        provider.write({"state": "enabled", "is_published": True})
        invoice = self._posted_deposit_invoice()
        self.assertTrue(invoice._has_to_be_paid())
        page = self._portal_page(invoice)
        self.assertIn("Pay Now", page)
        self.assertIn(f'data-provider-id="{provider.id}"', page)  # offered in the payment form
