import io
import time
from unittest.mock import patch

from PyPDF2 import PdfReader

from odoo.tests import HttpCase, new_test_user, tagged

from .common import EventOrderCommon


def pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data):
    return len(PdfReader(io.BytesIO(data)).pages)


# What a chef may paste into a note: sentences, Chinese, a word far wider than its column
# and characters that would be markup in a reportlab Paragraph.
NOTE_UNIT = (
    "Guest at table 12: severe peanut allergy, no sesame oil, separate board. "
    "十二号桌客人对花生严重过敏，不得使用芝麻油，请用单独砧板。"
    + "Anaphylaxis" * 30
    + " <b>&amp;</b> "
)


def long_note(length):
    return (NOTE_UNIT * (length // len(NOTE_UNIT) + 1))[:length]


@tagged("post_install", "-at_install")
class TestEventOrderPdf(EventOrderCommon):
    def test_the_chinese_event_order_pdf_holds_the_event_and_menu_in_chinese(self):
        eo = self._create_event_order()
        eo.function_ids.filtered(lambda f: f.room_id == self.ballroom).menu = "龙虾\n东星斑\n长寿面"
        snapshot = eo._snapshot()
        data = self.env["banquet.event.order.pdf"]._render_pdf(snapshot, "en_US")
        self.assertTrue(data.startswith(b"%PDF"))
        text = pdf_text(data)
        for word in ("李娜与王强婚宴", "宴会厅", "龙虾", "东星斑", "长寿面"):
            self.assertIn(word, text)
        self.assertNotIn("888", text)  # the menu's price is nowhere

    def test_a_department_page_set_prints_alone_without_prices(self):
        eo = self._distributed_event_order()
        version = eo.current_version_id
        kitchen_pdf = version.attachment_ids.filtered(lambda a: a.name.endswith("Kitchen.pdf"))
        self.assertEqual(len(kitchen_pdf), 1)
        text = pdf_text(kitchen_pdf.raw)
        self.assertIn("婚宴套餐", text)
        self.assertNotIn("Projector", text)
        self.assertNotIn("888", text)

    def test_the_customers_copy_has_the_functions_but_no_department_pages(self):
        eo = self._distributed_event_order()
        customer_pdf = eo.current_version_id.attachment_ids.filtered(
            lambda a: a.name.endswith("Customer.pdf")
        )
        text = pdf_text(customer_pdf.raw)
        self.assertIn("宴会厅", text)
        self.assertNotIn("External Vendors", text)
        self.assertNotIn("888", text)

    def test_a_version_renders_once_and_is_not_rendered_again(self):
        eo = self._distributed_event_order()
        v1 = eo.current_version_id
        first = {a.id: (a.checksum, a.raw) for a in v1.attachment_ids}
        eo.line_ids[:1].quantity = 99
        eo.change_reason = "More"
        eo.action_distribute_changes()
        v1.invalidate_recordset()
        self.assertEqual({a.id: (a.checksum, a.raw) for a in v1.attachment_ids}, first)

    def _kitchen_pdf(self, version):
        return version.attachment_ids.filtered(lambda a: a.name.endswith("Kitchen.pdf")).raw

    def test_a_long_allergy_note_on_a_kitchen_line_is_distributed_over_more_pages(self):
        eo = self._distributed_event_order()
        before = self._kitchen_pdf(eo.current_version_id)
        kitchen_line = eo.line_ids.filtered(lambda line: line.department_id == self.kitchen)[:1]
        kitchen_line.with_user(self.chef).notes = long_note(2500)
        eo.change_reason = "Allergy of a guest"
        eo.with_user(self.coordinator).action_distribute_changes()
        self.assertEqual(eo.current_version_id.number, 2)
        after = self._kitchen_pdf(eo.current_version_id)
        self.assertTrue(after.startswith(b"%PDF"))
        self.assertGreater(page_count(after), page_count(before))
        self.assertIn("severe peanut allergy", pdf_text(after))

    def test_a_60000_character_note_renders_in_linear_time_and_literally(self):
        eo = self._create_event_order()
        kitchen_line = eo.line_ids.filtered(lambda line: line.department_id == self.kitchen)[:1]
        kitchen_line.notes = long_note(60000)
        snapshot = eo._snapshot()
        renderer = self.env["banquet.event.order.pdf"]
        start = time.process_time()
        data = renderer._render_pdf(snapshot, "en_US", department_key=str(self.kitchen.id))
        elapsed = time.process_time() - start
        self.assertLess(elapsed, 2.0, f"{elapsed:.2f} s of CPU to render a 60,000-character note")
        self.assertTrue(data.startswith(b"%PDF"))
        first_pages = PdfReader(io.BytesIO(data)).pages[:2]
        # the narrow Notes column wraps the text: compare it without the line breaks
        text = "".join("".join(page.extract_text() for page in first_pages).split())
        self.assertIn("<b>&amp;</b>", text)  # printed as typed, not read as markup
        self.assertIn("十二号桌客人对花生严重过敏", text)


@tagged("post_install", "-at_install")
class TestEventOrderPrint(HttpCase, EventOrderCommon):
    """Event Orders and their versions are report actions drawn with reportlab, printed
    from the Print menu (/report/pdf) by banquet users and Department Staff."""

    EO = "hotel_banquet_eo.report_banquet_event_order"
    VERSION = "hotel_banquet_eo.report_banquet_event_order_version"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = new_test_user(
            cls.env,
            login="eo_print_customer",
            groups="base.group_portal",
            partner_id=cls.partner.id,
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def _full_pdf(self, version):
        return version.attachment_ids.filtered(lambda a: a.name == version._full_pdf_name())

    def test_department_staff_print_the_event_order_as_distributed(self):
        eo = self._distributed_event_order()
        distributed = self._full_pdf(eo.current_version_id)
        self.assertEqual(len(distributed), 1)
        bindings = self.env["ir.actions.actions"].with_user(self.chef).get_bindings(eo._name)
        self.assertIn("Event Order", [report["name"] for report in bindings["report"]])
        self.authenticate("eo_chef", "eo_chef")
        response = self.url_open(f"/report/pdf/{self.EO}/{eo.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(response.content, distributed.raw)  # the file of the distribution
        self.assertIn("李娜与王强婚宴", pdf_text(response.content))

    def test_a_version_prints_the_pdf_rendered_at_distribution_and_never_again(self):
        eo = self._distributed_event_order()
        version = eo.current_version_id
        attachments = version.attachment_ids
        renderer = type(self.env["banquet.event.order.pdf"])
        self.authenticate("eo_engineer", "eo_engineer")
        with patch.object(renderer, "_render_pdf", side_effect=AssertionError("rendered")):
            response = self.url_open(f"/report/pdf/{self.VERSION}/{version.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, self._full_pdf(version).raw)
        version.invalidate_recordset(["attachment_ids"])
        self.assertEqual(version.attachment_ids, attachments)

    def test_a_banquet_user_prints_the_working_copy_before_distribution(self):
        eo = self._create_event_order()
        self.authenticate("eo_coordinator", "eo_coordinator")
        response = self.url_open(f"/report/pdf/{self.EO}/{eo.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn("宴会厅", pdf_text(response.content))
        self.assertNotIn("888", pdf_text(response.content))

    def test_neither_the_customer_nor_staff_before_distribution_print_the_event_order(self):
        eo = self._create_event_order()
        eo.with_user(self.coordinator).action_send_to_customer()
        # Department Staff read an Event Order once it is distributed
        self.authenticate("eo_chef", "eo_chef")
        response = self.url_open(f"/report/pdf/{self.EO}/{eo.id}")
        self.assertEqual(response.status_code, 403)
        # the customer reads their Event Order in the portal, not the hotel's document
        self.assertTrue(eo.with_user(self.customer).has_access("read"))
        self.authenticate("eo_print_customer", "eo_print_customer")
        response = self.url_open(f"/report/pdf/{self.EO}/{eo.id}")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(response.content.startswith(b"%PDF"))

    def test_without_wkhtmltopdf_the_html_fallback_shows_the_pdf(self):
        eo = self._distributed_event_order()
        self.authenticate("eo_chef", "eo_chef")
        response = self.url_open(f"/report/html/{self.EO}/{eo.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'src="/report/pdf/{self.EO}/{eo.id}"', response.text)
