import io
import time
from datetime import datetime

from PyPDF2 import PdfReader

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, freeze_time, tagged

from .contract_common import ContractWorld, pdf_text


@tagged("post_install", "-at_install")
class TestContractTemplate(ContractWorld, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_contract_world()

    def test_a_clause_with_an_unknown_placeholder_is_refused_on_save(self):
        with self.assertRaisesRegex(ValidationError, r"\{budget\}"):
            self.template.banquet_clause_ids[0].body_zh = "预算{budget}元，客户{customer}"
        with self.assertRaisesRegex(ValidationError, r"\{customer\.name\}"):
            self.template.write(
                {
                    "banquet_clause_ids": [
                        Command.create(
                            {
                                "title_en": "Bad",
                                "title_zh": "错误",
                                "body_en": "Dear {customer.name}",
                                "body_zh": "尊敬的{customer}",
                            }
                        )
                    ]
                }
            )

    def test_choosing_the_event_type_proposes_its_contract_template(self):
        shared = self.env["sale.order.template"].create(
            {
                "name": "Group template",
                "company_id": False,
                "banquet_event_type_id": self.event_type.id,
            }
        )
        with Form(
            self.env["sale.order"].with_context(
                default_is_banquet=True, default_company_id=self.company.id
            )
        ) as form:
            form.partner_id = self.customer
            form.event_type_id = self.event_type
            # The hotel's own template wins over the group's shared one.
            self.assertEqual(form.sale_order_template_id, self.template)
        order = self._contract_order()
        self.assertEqual(order.sale_order_template_id, self.template)
        self.assertTrue(order.require_signature)
        self.assertEqual(len(order.banquet_deposit_line_ids), 1)
        self.template.banquet_event_type_id = False
        self.assertEqual(self._contract_order().sale_order_template_id, shared)

    def test_every_event_type_has_a_default_contract_in_both_languages(self):
        types = self.env["banquet.event.type"].search([("company_id", "=", False)])
        self.assertTrue(types)
        for event_type in types:
            template = self.env["sale.order.template"]._banquet_for_event_type(
                event_type, self.env["res.company"]
            )
            self.assertTrue(template, event_type.name)
            kinds = set(template.banquet_clause_ids.mapped("kind"))
            self.assertLessEqual(
                {
                    "price_validity",
                    "deposit",
                    "cancellation",
                    "guarantee",
                    "invoicing",
                    "force_majeure",
                    "personal_data",
                },
                kinds,
            )
            for clause in template.banquet_clause_ids:
                self.assertRegex(clause.body_zh, r"[\u4e00-\u9fff]")
                self.assertRegex(clause.body_en, r"[A-Za-z]")

    def _rendered(self, tz, start):
        self.company.banquet_tz = tz
        order = self._contract_order(start=start)
        return {clause["kind"]: clause for clause in order._banquet_contract_clauses()}

    @freeze_time("2030-01-10 02:00:00")
    def test_clauses_say_the_event_date_of_the_hotel_east_of_utc(self):
        # 17:00 UTC on 14 June is 01:00 on 15 June in Shanghai.
        clauses = self._rendered("Asia/Shanghai", datetime(2030, 6, 14, 17, 0))
        deposit, guarantee = clauses["deposit"], clauses["guarantee"]
        self.assertIn("Li Na Weddings pays for Li-Wang Wedding on 15 Jun 2030", deposit["body_en"])
        self.assertIn("in Crystal Ballroom", deposit["body_en"])
        self.assertIn("2030年6月15日", deposit["body_zh"])
        self.assertIn("Li Na Weddings为Li-Wang Wedding", deposit["body_zh"])
        # 30 % of 28,880, due 7 days after the order date (hotel time).
        self.assertIn("At signature: 30% ", deposit["body_en"])
        self.assertIn("8,664.00", deposit["body_en"])
        self.assertIn("28,880.00", deposit["body_en"])
        self.assertIn("最终人数120人须于2030年6月10日前确认", guarantee["body_zh"])
        self.assertIn("120 guests by 10 Jun 2030", guarantee["body_en"])

    @freeze_time("2030-01-10 02:00:00")
    def test_clauses_say_the_event_date_of_the_hotel_west_of_utc(self):
        # 03:00 UTC on 15 June is still 14 June, 23:00 in New York.
        clauses = self._rendered("America/New_York", datetime(2030, 6, 15, 3, 0))
        self.assertIn("on 14 Jun 2030", clauses["deposit"]["body_en"])
        self.assertIn("2030年6月14日", clauses["deposit"]["body_zh"])
        self.assertIn("by 09 Jun 2030", clauses["guarantee"]["body_en"])

    def test_the_contract_pdf_holds_chinese_and_english_clauses_with_the_events_values(self):
        order = self._contract_order()
        data = order._banquet_contract_pdf()
        self.assertTrue(data.startswith(b"%PDF"))
        text = pdf_text(data)
        for expected in (
            "宴会合同",
            "Li Na Weddings",
            "Crystal Ballroom",
            "定金条款",
            "保证人数条款",
            "最终人数120人须于2030年6月10日前确认",
            "Final number of 120 guests by 10 Jun 2030",
            "Wedding Banquet Menu",
            "28,880.00",
            # the function's time in the hotel's zone (17:00 UTC = 01:00 in Shanghai)
            "2030-06-15 01:00",
            "尚未签字",
        ):
            self.assertIn(expected, text)

    def test_a_20000_character_clause_and_note_run_over_pages_in_the_contract_pdf(self):
        order = self._contract_order()
        pages_before = len(PdfReader(io.BytesIO(order._banquet_contract_pdf())).pages)
        unit = (
            "The customer keeps the ballroom free of open flames. "
            "客户须确保宴会厅内无明火。" + "Liability" * 40 + " <b>&amp;</b> "
        )
        long_text = (unit * (20000 // len(unit) + 1))[:20000]
        self.template.banquet_clause_ids[1].body_en = long_text
        order.order_line = [
            Command.create({"display_type": "line_note", "name": long_text}),
            Command.create(
                {"product_id": self.product.id, "product_uom_qty": 1, "name": long_text}
            ),
        ]
        start = time.process_time()
        data = order._banquet_contract_pdf()
        elapsed = time.process_time() - start
        self.assertLess(elapsed, 2.0, f"{elapsed:.2f} s of CPU to render the contract")
        self.assertTrue(data.startswith(b"%PDF"))
        reader = PdfReader(io.BytesIO(data))
        self.assertGreater(len(reader.pages), pages_before + 5)
        # compare the text without the line breaks the columns put into it
        text = "".join("".join(page.extract_text() for page in reader.pages).split())
        self.assertIn("<b>&amp;</b>", text)  # printed as typed, not read as markup
        self.assertIn("客户须确保宴会厅内无明火", text)
        self.assertIn("尚未签字", text)  # the signature block still closes the contract

    def test_a_seeded_template_renders_its_real_clauses_in_the_pdf(self):
        order = self._contract_order(
            event_type_id=self.env.ref("hotel_banquet_crm.banquet_event_type_wedding").id
        )
        self.assertEqual(
            order.sale_order_template_id,
            self.env.ref("hotel_banquet_contract.sale_order_template_banquet_wedding"),
        )
        text = pdf_text(order._banquet_contract_pdf())
        self.assertIn("不可抗力", text)
        self.assertIn("Force majeure", text)
        self.assertIn("个人信息保护法", text)
        self.assertNotIn("{", text)

    def test_department_staff_read_no_contract(self):
        order = self._contract_order()
        order.with_user(self.salesperson).check_access("read")
        with self.assertRaises(AccessError):
            self.env["banquet.contract.version"].with_user(self.department).search([])
        with self.assertRaises(AccessError):
            self.env["banquet.contract.clause"].with_user(self.department).search([])
