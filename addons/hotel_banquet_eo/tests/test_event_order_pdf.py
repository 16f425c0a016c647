import io

from PyPDF2 import PdfReader

from odoo.tests import tagged

from .common import EventOrderCommon


def pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


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
