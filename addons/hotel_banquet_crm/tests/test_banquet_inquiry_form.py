import csv
import re
import time
from pathlib import Path

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import hmac


@tagged("post_install", "-at_install")
class TestBanquetInquiryForm(HttpCase):
    def _stamp(self, age):
        moment = int(time.time()) - age
        return f"{moment}:{hmac(self.env(su=True), 'banquet-inquiry-form', str(moment))}"

    def _submit(self, age=30, **values):
        page = self.url_open("/banquet/inquiry")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": token,
            "stamp": self._stamp(age),
            "contact_name": "Wang Fang",
            "company_name": "Blue Sky Travel",
            "email": "wang.fang@bluesky.example",
            "expected_pax": "80",
            "setup_style": "theatre",
            "description": "<img src=x onerror=alert(1)>Product launch",
            **values,
        }
        return self.url_open("/banquet/inquiry", data=data)

    def _leads(self):
        return self.env["crm.lead"].search([("email_from", "=", "wang.fang@bluesky.example")])

    def test_visitor_sends_an_inquiry_from_the_website(self):
        response = self._submit()
        self.assertEqual(response.status_code, 200)
        lead = self._leads()
        self.assertEqual(len(lead), 1)
        self.assertIn(lead.banquet_reference, response.text)
        self.assertTrue(lead.is_banquet)
        self.assertEqual(lead.source_id, self.env.ref("hotel_banquet_crm.utm_source_website"))
        self.assertEqual(lead.expected_pax, 80)
        self.assertNotIn("onerror", str(lead.description))

    def test_bots_filling_the_honeypot_or_posting_at_once_create_nothing(self):
        self._submit(website_url="http://spam.example")
        self._submit(age=0)
        self._submit(stamp="123:forged")
        self.assertFalse(self._leads())

    def test_trade_show_csv_template_imports_as_banquet_inquiries(self):
        path = Path(__file__).parent.parent / "static/csv/banquet_inquiry_import_template.csv"
        with path.open(encoding="utf-8") as csv_file:
            rows = list(csv.reader(csv_file))
        result = (
            self.env["crm.lead"]
            .with_context(default_is_banquet=True, default_type="opportunity")
            .load(rows[0], rows[1:])
        )
        self.assertFalse(result["messages"], result["messages"])
        lead = self.env["crm.lead"].browse(result["ids"])
        self.assertTrue(lead.is_banquet)
        self.assertEqual(lead.expected_pax, 120)
        self.assertEqual(lead.room_block_count, 40)
        self.assertEqual(
            lead.setup_style_id, self.env.ref("hotel_banquet_crm.setup_style_classroom")
        )
        self.assertEqual(
            lead.market_segment_id,
            self.env.ref("hotel_banquet_crm.banquet_market_segment_corporate"),
        )
        templates = (
            self.env["crm.lead"].with_context(default_is_banquet=True).get_import_templates()
        )
        self.assertIn("banquet_inquiry_import_template.csv", templates[0]["template"])
