import base64
import csv
import io

import openpyxl
from stdnum.cn import uscc

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .money_common import BanquetMoneyCommon

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # written here, not read from the export


@tagged("post_install", "-at_install")
class TestFapiao(BanquetMoneyCommon):
    def _invoice(self):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.package.id,
                            "quantity": 3,
                            "price_unit": 100.0,
                            "tax_ids": [Command.set(self.vat_6.ids)],
                        }
                    )
                ],
            }
        )

    def test_unified_social_credit_code_check_character(self):
        # python-stdnum's check (GB 32100-2015), shipped with Odoo
        self.assertTrue(uscc.is_valid("91350100M000100Y43"))
        self.assertTrue(uscc.is_valid("91110000600037341L"))
        self.assertFalse(uscc.is_valid("91350100M000100Y44"))
        self.assertFalse(uscc.is_valid("91350100M00010OY43"))  # O is not in the alphabet
        self.assertFalse(uscc.is_valid("91350100M000100Y4"))
        with self.assertRaisesRegex(ValidationError, "check character"):
            self.customer.banquet_fapiao_tax_id = "91350100M000100Y44"

    def test_invoice_takes_the_customers_fapiao_data_and_checks_it_before_posting(self):
        self.customer.write(
            {
                "is_company": True,
                "banquet_fapiao_required": True,
                "banquet_fapiao_kind": "digital_special",
                "banquet_fapiao_buyer_name": "Acme Events (Shanghai) Co., Ltd.",
                "banquet_fapiao_tax_id": "91350100M000100Y43",
            }
        )
        invoice = self._invoice()
        self.assertEqual(invoice.banquet_fapiao_buyer_name, "Acme Events (Shanghai) Co., Ltd.")
        self.assertEqual(invoice.banquet_fapiao_tax_id, "91350100M000100Y43")
        with self.assertRaisesRegex(UserError, "Buyer Address and Phone, Buyer Bank and Account"):
            invoice.action_post()
        invoice.write(
            {
                "banquet_fapiao_address_phone": "1 Bund Road, Shanghai 021-12345678",
                "banquet_fapiao_bank_account": "ICBC Shanghai 1001 2345 6789",
            }
        )
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_fapiao_number_has_8_or_20_digits(self):
        invoice = self._invoice()
        invoice.banquet_fapiao_kind = "paper_ordinary"
        invoice.banquet_fapiao_number = "12345678"
        with self.assertRaisesRegex(ValidationError, "8 digits"):
            invoice.banquet_fapiao_number = "123456789"
        with self.assertRaisesRegex(ValidationError, "20 digits"):
            invoice.banquet_fapiao_kind = "digital_ordinary"
        invoice.write(
            {
                "banquet_fapiao_kind": "digital_ordinary",
                "banquet_fapiao_number": "24312000000012345678",
            }
        )

    def test_export_has_the_bulk_issue_columns(self):
        self.customer.write(
            {
                "banquet_fapiao_buyer_name": "Acme Events",
                "banquet_fapiao_tax_id": "91110000600037341L",
            }
        )
        invoice = self._invoice()
        invoice.action_post()
        wizard = (
            self.env["banquet.fapiao.export"]
            .with_user(self.finance)
            .create({"move_ids": [Command.set(invoice.ids)], "file_format": "csv"})
        )
        wizard.action_export()
        content = base64.b64decode(wizard.data).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(
            rows[0],
            [
                "购买方名称",
                "购买方纳税人识别号",
                "项目名称",
                "商品和服务税收分类编码",
                "单位",
                "数量",
                "单价",
                "金额",
                "税率",
                "税额",
            ],
        )
        self.assertEqual(
            rows[1],
            [
                "Acme Events",
                "91110000600037341L",
                "Wedding Dinner Package",
                "3070401000000000000",
                "Units",
                "3.0",
                "100.0",
                "300.0",
                "6%",
                "18.0",
            ],
        )
        # Columns are data: a hotel drops one and the export follows.
        self.env.ref("hotel_banquet_contract.fapiao_column_unit").active = False
        wizard.file_format = "xlsx"
        wizard.action_export()
        self.assertTrue(base64.b64decode(wizard.data).startswith(b"PK"))
        header, _rows = wizard._rows()
        self.assertNotIn("单位", header)

    def test_export_never_holds_a_live_formula(self):
        """Text typed by a customer or a clerk is data in the spreadsheet: a buyer name
        starting with = (or + - @, a tab, a carriage return) is not run as a formula."""
        hostile = {
            "banquet_fapiao_buyer_name": '=HYPERLINK("http://evil.example","Click")',
            "banquet_fapiao_address_phone": "+1+cmd|' /C calc'!A0",
            "banquet_fapiao_bank_account": "@SUM(1+1)*cmd|' /C calc'!A0",
            "banquet_fapiao_email": "-2+3@evil.example",
        }
        self.env["banquet.fapiao.column"].create(
            [
                {"name": name, "key": key, "sequence": 100}
                for name, key in (
                    ("购买方地址电话", "buyer_address_phone"),
                    ("购买方开户行及账号", "buyer_bank_account"),
                    ("=交付邮箱", "buyer_email"),
                )
            ]
        )
        self.package.name = "\t=1+1"
        invoice = self._invoice()
        invoice.write(hostile)
        invoice.action_post()
        wizard = (
            self.env["banquet.fapiao.export"]
            .with_user(self.finance)
            .create({"move_ids": [Command.set(invoice.ids)], "file_format": "xlsx"})
        )
        wizard.action_export()
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.data)))
        cells = [cell for row in workbook.active.iter_rows() for cell in row]
        self.assertFalse([cell.coordinate for cell in cells if cell.data_type == "f"])
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        self.assertIn("'" + hostile["banquet_fapiao_buyer_name"], texts)
        self.assertIn("'\t=1+1", texts)
        self.assertFalse([text for text in texts if text.startswith(FORMULA_STARTS)])
        # amounts stay numbers
        self.assertIn(300.0, [cell.value for cell in cells])

        wizard.file_format = "csv"
        wizard.action_export()
        rows = list(csv.reader(io.StringIO(base64.b64decode(wizard.data).decode("utf-8-sig"))))
        values = [value for row in rows for value in row]
        self.assertIn("'" + hostile["banquet_fapiao_address_phone"], values)
        self.assertIn("'" + hostile["banquet_fapiao_email"], values)
        self.assertFalse([value for value in values if value.startswith(FORMULA_STARTS)])
