import base64
import json
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.http import Request
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .contract_common import ContractWorld, pdf_text, signature_png


class ContractSignatureWorld(ContractWorld):
    @classmethod
    def _setup_signature_world(cls):
        cls._setup_contract_world()
        portal = cls.env.ref("base.group_portal")
        cls.portal_user, cls.other_portal_user = cls.env["res.users"].create(
            [
                {
                    "name": partner.name,
                    "login": login,
                    "password": login,
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                    "groups_id": [Command.set(portal.ids)],
                }
                for partner, login in (
                    (cls.customer, "lina.portal"),
                    (cls.other_customer, "wang.portal"),
                )
            ]
        )

    def _signed_order(self):
        """A quotation the customer signed (backend path: the same write as the portal's)."""
        order = self._contract_order()
        order.action_quotation_sent()
        order.write(
            {"signed_by": "Li Na", "signed_on": "2030-01-10 02:00:00", "signature": signature_png()}
        )
        order.action_confirm()
        return order


@tagged("post_install", "-at_install")
class TestContractVersions(ContractSignatureWorld, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_signature_world()

    def test_a_signature_archives_the_signed_contract_as_version_one(self):
        order = self._signed_order()
        version = order.banquet_contract_version_ids
        self.assertEqual(len(version), 1)
        self.assertEqual(
            (version.version, version.state, version.signed_by), (1, "signed", "Li Na")
        )
        self.assertEqual(version.amount_total, order.amount_total)
        self.assertIn("保证人数条款", version.contract_text)
        attachment = version.pdf_attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), ("sale.order", order.id))
        text = pdf_text(attachment.raw)
        self.assertIn("Li Na", text)
        # signed at 02:00 UTC: 10:00 in Shanghai
        self.assertIn("2030-01-10 10:00", text)
        self.assertIn("最终人数120人", text)
        self.assertNotIn("尚未签字", text)
        self.assertIn(b"/Subtype /Image", attachment.raw)  # the signature itself
        found = self.env["banquet.contract.version"].search(
            [("contract_text", "ilike", "定金条款")]
        )
        self.assertIn(version, found)

    def test_a_signed_version_and_its_pdf_are_never_changed_or_deleted(self):
        version = self._signed_order().banquet_contract_version_ids
        with self.assertRaises(UserError):
            version.signed_by = "Someone else"
        with self.assertRaises(UserError):
            version.amount_total = 1.0
        with self.assertRaises(UserError):
            version.write({"state": "draft"})
        with self.assertRaises(UserError):
            version.unlink()
        with self.assertRaises(UserError):
            version.pdf_attachment_id.raw = b"%PDF forged"
        with self.assertRaises(UserError):
            version.pdf_attachment_id.unlink()

    def test_signing_alone_makes_the_event_definite_by_default(self):
        order = self._signed_order()
        self.assertEqual((order.state, order.banquet_status), ("sale", "definite"))

    def test_the_policy_signature_and_first_deposit_keeps_a_signed_event_tentative(self):
        self.company.banquet_definite_policy = "signature_and_first_deposit"
        order = self._signed_order()
        self.assertEqual((order.state, order.banquet_status), ("sale", "tentative"))
        self.assertEqual(order.banquet_contract_version_ids.state, "signed")

    def test_a_price_change_after_signature_opens_one_version_to_sign(self):
        order = self._signed_order()
        deposits = order.banquet_deposit_line_ids
        with self.assertRaises(UserError):
            order.order_line.price_unit = 2588.0
        line = order.order_line.filtered(lambda sol: sol.product_id == self.product)
        line.with_context(banquet_contract_revision=True).price_unit = 2588.0
        line.with_context(banquet_contract_revision=True).product_uom_qty = 12
        versions = order.banquet_contract_version_ids.sorted("version")
        self.assertEqual(versions.mapped("version"), [1, 2])
        self.assertEqual(versions.mapped("state"), ["signed", "draft"])
        self.assertAlmostEqual(versions[1].amount_total, order.amount_total)
        self.assertEqual(versions[0].amount_total, 28880.0)
        # The order keeps its deposits; nothing was copied.
        self.assertEqual(order.banquet_deposit_line_ids, deposits)
        self.assertEqual(
            self.env["sale.order"].search_count([("partner_id", "=", self.customer.id)]), 1
        )

    def test_new_contract_version_unlocks_the_prices_until_it_is_signed(self):
        order = self._signed_order()
        line = order.order_line.filtered(lambda sol: sol.product_id == self.product)
        action = order.with_user(self.salesperson).action_banquet_contract_revise()
        pending = self.env["banquet.contract.version"].browse(action["res_id"])
        self.assertEqual((pending.version, pending.state), (2, "draft"))
        # 5 %: within the salesperson's own limits (more waits for the approver, below)
        line.with_user(self.salesperson).discount = 5.0
        self.assertAlmostEqual(pending.amount_total, order.amount_total)
        self.assertAlmostEqual(order.amount_total, 27436.0)
        # the same pending version, not a third one
        self.assertEqual(
            order.with_user(self.salesperson).action_banquet_contract_revise()["res_id"], pending.id
        )
        pending.action_send()
        pending._banquet_sign("Li Na", signature_png())
        with self.assertRaises(UserError):
            line.discount = 20.0

    def test_a_discount_raised_in_a_revision_waits_for_the_approver(self):
        order = self._signed_order()
        manager = new_test_user(
            self.env,
            login="gm.contract",
            company_id=self.company.id,
            groups="hotel_banquet_crm.group_banquet_manager",
        )
        line = order.order_line.filtered(lambda sol: sol.product_id == self.product)
        action = order.with_user(self.salesperson).action_banquet_contract_revise()
        pending = self.env["banquet.contract.version"].browse(action["res_id"])
        line.with_user(self.salesperson).discount = 25.0
        self.assertEqual(order.banquet_approval_state, "to_approve")
        with self.assertRaises(UserError):
            pending.action_send()
        with self.assertRaises(UserError):
            pending._banquet_sign("Li Na", signature_png())
        self.assertEqual(pending.state, "draft")
        self.env["banquet.approval.wizard"].with_user(self.salesperson).create(
            {"order_id": order.id, "mode": "request", "reason": "Third wedding of the family"}
        ).action_confirm()
        decide = order.with_user(manager).action_banquet_approve_discount()
        self.env["banquet.approval.wizard"].with_user(manager).with_context(
            **decide["context"]
        ).create({"reason": "Agreed by the general manager"}).action_confirm()
        self.assertEqual(order.banquet_approval_state, "approved")
        pending.action_send()
        pending._banquet_sign("Li Na", signature_png())
        self.assertEqual(pending.state, "signed")

    def test_the_contract_states_the_events_own_guarantee_cut_off(self):
        order = self._contract_order()
        # 2030-06-14 17:00 UTC is 06-15 01:00 in Shanghai; the template says 5 days before.
        self.assertEqual(str(order.banquet_guarantee_cutoff), "2030-06-10")
        order.banquet_guarantee_cutoff = "2030-06-08"
        values = order._banquet_contract_values
        self.assertEqual(values("en_US")["guarantee_cutoff"], "08 Jun 2030")
        self.assertEqual(values("zh_CN")["guarantee_cutoff"], "2030年6月8日")


@tagged("post_install", "-at_install")
class TestContractPortal(ContractSignatureWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_signature_world()

    def _portal_order(self, partner=None):
        order = self._contract_order(partner=partner)
        order.action_quotation_sent()
        order.message_subscribe(partner_ids=order.partner_id.ids)
        order._portal_ensure_token()
        return order

    def _assert_refused(self, url):
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), url)
        self.assertTrue(response.headers["Location"].endswith("/my"), url)

    def test_the_customer_signs_in_the_portal_and_signs_a_change_again(self):
        order = self._portal_order()
        self.authenticate("lina.portal", "lina.portal")
        page = self.url_open(order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("最终人数120人须于", page.text)
        self.assertIn(f"/my/orders/{order.id}/contract", page.text)
        pdf = self.url_open(f"/my/orders/{order.id}/contract")
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn("保证人数条款", pdf_text(pdf.content))

        result = self.make_jsonrpc_request(
            order.get_portal_url(suffix="/accept"), {"name": "Li Na", "signature": signature_png()}
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual((order.state, order.banquet_status), ("sale", "definite"))
        v1 = order.banquet_contract_version_ids
        self.assertEqual((v1.version, v1.state, v1.signed_by), (1, "signed", "Li Na"))
        self.assertIn("Li Na", pdf_text(v1.pdf_attachment_id.raw))

        line = order.order_line.filtered(lambda sol: sol.product_id == self.product)
        # 4.8 % below the list price: within the salesperson's limits (no approval)
        line.with_context(banquet_contract_revision=True).price_unit = 2750.0
        v2 = order.banquet_contract_version_ids - v1
        self._assert_refused(v2.get_portal_url())  # a draft is not the customer's yet
        v2.note = "Menu price agreed down to 2,750 per table"
        v2.action_send()
        page = self.url_open(f"/my/contracts/{v2.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Menu price agreed down", page.text)
        self.assertIn("27,500.00", page.text)
        self.assertIn("/accept", page.text)
        result = self.make_jsonrpc_request(
            f"/my/contracts/{v2.id}/accept", {"name": "Li Na", "signature": signature_png()}
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual((v1.state, v2.state), ("superseded", "signed"))
        self.assertIn("27,500.00", pdf_text(v2.pdf_attachment_id.raw))
        self.assertIn("28,880.00", pdf_text(v1.pdf_attachment_id.raw))
        again = self.make_jsonrpc_request(
            f"/my/contracts/{v2.id}/accept", {"name": "Li Na", "signature": signature_png()}
        )
        self.assertIn("error", again)
        self.assertEqual(order.state, "sale")

    def test_another_customer_opens_no_proposal_contract_or_version(self):
        order = self._portal_order()
        other_order = self._portal_order(partner=self.other_customer)
        order.write(
            {"signed_by": "Li Na", "signed_on": "2030-01-10 02:00:00", "signature": signature_png()}
        )
        version = order.banquet_contract_version_ids
        version._portal_ensure_token()
        self.authenticate("wang.portal", "wang.portal")
        # by id
        for url in (
            f"/my/orders/{order.id}",
            f"/my/orders/{order.id}/contract",
            f"/my/contracts/{version.id}",
            f"/my/contracts/{version.id}/pdf",
        ):
            self._assert_refused(url)
        # by a token that is not this document's
        wrong = other_order.access_token
        for url in (
            f"/my/orders/{order.id}?access_token={wrong}",
            f"/my/orders/{order.id}/contract?access_token={wrong}",
            f"/my/contracts/{version.id}?access_token={wrong}",
            f"/my/contracts/{version.id}/pdf?access_token={wrong}",
        ):
            self._assert_refused(url)
        result = self.make_jsonrpc_request(
            f"/my/contracts/{version.id}/accept?access_token={wrong}",
            {"name": "Wang", "signature": signature_png()},
        )
        self.assertIn("error", result)
        # The customer's own documents open with their own token, even logged out.
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/contracts/{version.id}/pdf?access_token={version.access_token}"
        )
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self._assert_refused(f"/my/contracts/{version.id}/pdf")

    def test_a_customer_whose_portal_user_is_of_another_hotel_opens_its_contract(self):
        """A portal user belongs to the company it was made in (the website's, on sign-up):
        the customer still reaches its contract versions in every hotel of the group."""
        main = self.env.ref("base.main_company")
        self.assertNotEqual(main, self.company)
        self.portal_user.write({"company_ids": [Command.set(main.ids)], "company_id": main.id})
        order = self._portal_order()
        order.write(
            {"signed_by": "Li Na", "signed_on": "2030-01-10 02:00:00", "signature": signature_png()}
        )
        version = order.banquet_contract_version_ids
        # as the website runs their requests: in their own company
        Version = self.env["banquet.contract.version"].with_context(allowed_company_ids=main.ids)
        self.assertEqual(Version.with_user(self.portal_user).search([]), version)
        self.authenticate("lina.portal", "lina.portal")
        page = self.url_open(f"/my/contracts/{version.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        pdf = self.url_open(f"/my/contracts/{version.id}/pdf", allow_redirects=False)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # another customer of the main hotel still reads none of it, nor the main hotel's
        # staff anything of this hotel
        self.other_portal_user.write(
            {"company_ids": [Command.set(main.ids)], "company_id": main.id}
        )
        self.assertFalse(Version.with_user(self.other_portal_user).search([]))
        staff = new_test_user(
            self.env,
            login="main.hotel.manager",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_id=main.id,
            company_ids=main.ids,
        )
        self.assertFalse(Version.with_user(staff).search([("id", "=", version.id)]))

    def test_a_customer_whose_portal_user_is_of_another_hotel_opens_its_quotation(self):
        """Core's company rule on orders reads the portal user's companies: the customer's
        portal user gets the hotel of its events, and reaches them without a token."""
        main = self.env.ref("base.main_company")
        self.portal_user.write({"company_ids": [Command.set(main.ids)], "company_id": main.id})
        order = self._portal_order()
        self.assertIn(self.company, self.portal_user.company_ids)
        self.authenticate("lina.portal", "lina.portal")
        page = self.url_open(f"/my/orders/{order.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, self.url_open("/my/quotes").text)
        # a portal user signing up later gets them too
        late = self.env["res.users"].create(
            {
                "name": "Li Na (assistant)",
                "login": "lina.assistant",
                "password": "lina.assistant",
                "partner_id": self.env["res.partner"]
                .create({"name": "Li Na's assistant", "parent_id": self.customer.id})
                .id,
                "company_id": main.id,
                "company_ids": [Command.set(main.ids)],
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertIn(self.company, late.company_ids)

    def test_department_staff_cannot_download_the_contract(self):
        order = self._contract_order()
        self.authenticate("kitchen.contract", "kitchen.contract")
        response = self.url_open(f"/banquet/contract/{order.id}/pdf")
        self.assertEqual(response.status_code, 403)
        # nor through the customer's portal route
        self._assert_refused(f"/my/orders/{order.id}/contract")
        self.authenticate("sam.contract", "sam.contract")
        response = self.url_open(f"/banquet/contract/{order.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Crystal Ballroom", pdf_text(response.content))


@tagged("post_install", "-at_install")
class TestContractPrint(ContractSignatureWorld, HttpCase):
    """The contract and its versions are report actions drawn with reportlab: the Print
    menu downloads them through /report, mail templates attach them."""

    CONTRACT = "hotel_banquet_contract.report_banquet_contract"
    VERSION = "hotel_banquet_contract.report_banquet_contract_version"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_signature_world()

    def _print_menu(self, user, model, records):
        """The report names the Print menu offers ``user`` on ``records``."""
        Actions = self.env["ir.actions.actions"].with_user(user)
        reports = Actions.get_bindings(model).get("report", [])
        valid = (
            self.env["ir.actions.report"]
            .with_user(user)
            .browse([report["id"] for report in reports])
            .get_valid_action_reports(model, records.ids)
        )
        return set(self.env["ir.actions.report"].browse(valid).mapped("report_name"))

    def _download(self, report_name, record):
        """What the web client posts when the user picks the report in the Print menu."""
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"/report/pdf/{report_name}/{record.id}", "qweb-pdf"]),
                "context": "{}",
                "csrf_token": Request.csrf_token(self),
            },
        )

    def test_a_salesperson_prints_the_contract_from_the_print_menu(self):
        order = self._contract_order()
        self.assertIn(self.CONTRACT, self._print_menu(self.salesperson, "sale.order", order))
        self.authenticate("sam.contract", "sam.contract")
        response = self.url_open(f"/report/pdf/{self.CONTRACT}/{order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("Crystal Ballroom", text)
        self.assertIn("保证人数条款", text)  # the Chinese clause title, in the embedded font
        download = self._download(self.CONTRACT, order)
        self.assertEqual(download.status_code, 200)
        self.assertTrue(download.content.startswith(b"%PDF"))
        self.assertIn(f"{order.name}-contract.pdf", download.headers["Content-Disposition"])

    def test_the_contract_s_report_type_is_ours_and_the_print_menu_downloads_it(self):
        report = self.env.ref("hotel_banquet_contract.action_report_banquet_contract")
        self.assertEqual(report.report_type, "reportlab-pdf")
        pdf, kind = self.env["ir.actions.report"]._render(report, self._contract_order().ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        order = self._contract_order(start=datetime(2030, 7, 14, 17, 0))
        tour = "hotel_banquet_print_contract_tour"
        self.start_tour(f"/odoo/sale.order/{order.id}", tour, login="sam.contract")

    def test_department_staff_neither_see_nor_print_the_contract(self):
        order = self._contract_order()
        self.assertNotIn(self.CONTRACT, self._print_menu(self.department, "sale.order", order))
        self.authenticate("kitchen.contract", "kitchen.contract")
        response = self.url_open(f"/report/pdf/{self.CONTRACT}/{order.id}")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(response.content.startswith(b"%PDF"))
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.department)._render_qweb_pdf(
                self.CONTRACT, order.ids
            )

    def test_a_plain_order_offers_and_prints_no_banquet_contract(self):
        plain = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "user_id": self.salesperson.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        self.assertNotIn(self.CONTRACT, self._print_menu(self.salesperson, "sale.order", plain))
        with self.assertRaisesRegex(UserError, "is not a banquet order"):
            self.env["ir.actions.report"].with_user(self.salesperson)._render_qweb_pdf(
                self.CONTRACT, plain.ids
            )
        # the quotation itself still goes to core (which renders HTML in test mode)
        content, kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "sale.report_saleorder", plain.ids
        )
        self.assertEqual(kind, "html")
        self.assertIn(plain.name, content.decode())

    def test_a_signed_version_prints_the_pdf_archived_at_signature(self):
        order = self._signed_order()
        version = order.banquet_contract_version_ids
        self.assertIn(
            self.VERSION,
            self._print_menu(self.salesperson, "banquet.contract.version", version),
        )
        action = version.with_user(self.salesperson).action_download_pdf()
        self.assertEqual(
            (action["type"], action["report_name"]), ("ir.actions.report", self.VERSION)
        )
        self.authenticate("sam.contract", "sam.contract")
        response = self.url_open(f"/report/pdf/{self.VERSION}/{version.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, version.pdf_attachment_id.raw)
        self.authenticate("kitchen.contract", "kitchen.contract")
        response = self.url_open(f"/report/pdf/{self.VERSION}/{version.id}")
        self.assertEqual(response.status_code, 403)

    def test_a_mail_template_attaches_the_contract(self):
        order = self._contract_order()
        template = self.env["mail.template"].create(
            {
                "name": "Your banquet contract",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "report_template_ids": [
                    Command.link(
                        self.env.ref("hotel_banquet_contract.action_report_banquet_contract").id
                    )
                ],
            }
        )
        values = template.with_user(self.salesperson)._generate_template(
            order.ids, ["report_template_ids"]
        )[order.id]
        [(name, content)] = values["attachments"]
        self.assertEqual(name, f"{order.name}-contract.pdf")
        self.assertIn("Crystal Ballroom", pdf_text(base64.b64decode(content)))
