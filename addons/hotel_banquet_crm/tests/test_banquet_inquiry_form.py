import csv
import re
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools.misc import hmac


@tagged("post_install", "-at_install")
class TestBanquetInquiryForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel = cls.env.company

    def _stamp(self, age, hotel=None, nonce=None):
        moment = int(time.time()) - age
        payload = f"{moment}:{nonce or uuid.uuid4().hex}:{(hotel or self.hotel).id}"
        return f"{payload}:{hmac(self.env(su=True), 'banquet-inquiry-form', payload)}"

    def _submit(self, age=30, hotel=None, stamp=None, **values):
        page = self.url_open(f"/banquet/inquiry?hotel={(hotel or self.hotel).id}")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": token,
            "hotel": (hotel or self.hotel).id,
            "stamp": stamp or self._stamp(age, hotel),
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

    def test_bots_filling_the_honeypot_or_posting_at_once_are_refused(self):
        for values, message in (
            ({"website_url": "http://spam.example"}, "looks automated"),
            ({"age": 0}, "faster than a person"),
            ({"age": 2 * 24 * 3600}, "expired"),
            ({"stamp": "123:abc:1:forged"}, "not sent from our website"),
            (
                {"stamp": self._stamp(30, hotel=self.env["res.company"].create({"name": "X"}))},
                "not sent from our website",
            ),
        ):
            with self.subTest(values=values):
                response = self._submit(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn("Your inquiry was not sent", response.text)
                self.assertIn(message, response.text)
        self.assertFalse(self._leads())

    def test_a_form_stamp_is_good_for_one_inquiry(self):
        stamp = self._stamp(30)
        first = self._submit(stamp=stamp)
        self.assertEqual(first.status_code, 200)
        replay = self._submit(stamp=stamp)
        self.assertEqual(replay.status_code, 400)
        self.assertIn("already sent", replay.text)
        self.assertEqual(len(self._leads()), 1)

    def test_one_address_gets_the_hotels_number_of_posts_per_hour(self):
        self.hotel.banquet_form_limit_per_hour = 2
        statuses = [self._submit().status_code for _i in range(3)]
        self.assertEqual(statuses, [200, 200, 429])
        self.assertEqual(len(self._leads()), 2)
        with freeze_time(datetime.now() + timedelta(minutes=61)):
            self.assertEqual(self._submit(age=30).status_code, 200)
        self.assertEqual(len(self._leads()), 3)

    def test_inquiry_is_filed_under_the_forms_hotel_in_its_local_time(self):
        shanghai = self.env["res.company"].create(
            {"name": "Bund Hotel", "banquet_tz": "Asia/Shanghai"}
        )
        new_york = self.env["res.company"].create(
            {"name": "Hudson Hotel", "banquet_tz": "America/New_York"}
        )
        intake = self.env.ref("hotel_banquet_crm.user_banquet_intake")
        self.assertLessEqual(shanghai | new_york, intake.company_ids)
        for hotel, local, stored in (
            (shanghai, "2027-05-01T00:30", "2027-04-30 16:30:00"),
            (new_york, "2027-05-01T23:30", "2027-05-02 03:30:00"),
        ):
            with self.subTest(hotel=hotel.name):
                response = self._submit(
                    hotel=hotel, email=f"{hotel.id}@bluesky.example", event_date=local
                )
                self.assertEqual(response.status_code, 200)
                lead = self.env["crm.lead"].search(
                    [("email_from", "=", f"{hotel.id}@bluesky.example")]
                )
                self.assertIn(lead.banquet_reference, response.text)
                self.assertEqual(lead.company_id, hotel)
                self.assertEqual(str(lead.event_date_start), stored)
                self.assertEqual(lead.create_uid, intake)

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

    def test_hostile_values_show_the_form_again_with_a_400(self):
        self.hotel.banquet_form_limit_per_hour = 100
        for hotel in ("²", "١", "99999999999999999999", "-1", "1e3", "\x00"):
            with self.subTest(hotel=hotel):
                page = self.url_open(f"/banquet/inquiry?hotel={quote(hotel)}")
                self.assertEqual(page.status_code, 200, "an unknown hotel: the default form")
                self.assertIn('action="/banquet/inquiry"', page.text)
        for values, message in (
            ({"expected_pax": "²"}, "number of guests"),
            ({"expected_pax": "٣"}, "number of guests"),
            ({"expected_pax": "0"}, "number of guests"),
            ({"expected_pax": "99999999999999999999"}, "number of guests"),
            ({"event_type_id": "²"}, "event type"),
            ({"event_type_id": "99999999999999999999"}, "event type"),
            ({"event_date": "0001-01-01T00:00"}, "date"),
            ({"event_date": "9999-12-31T23:59"}, "date"),
            ({"event_date": "soon"}, "date"),
            ({"contact_name": "Wang\x00Fang"}, "characters"),
            ({"description": "Launch\x00"}, "characters"),
            ({"setup_style": "the\x00atre"}, "characters"),
        ):
            with self.subTest(values=values):
                response = self._submit(**values)
                self.assertEqual(response.status_code, 400, response.text[-800:])
                self.assertIn(message, response.text)
                self.assertIn('action="/banquet/inquiry"', response.text, "the form again")
                self.assertIn("Blue Sky Travel", response.text, "what the visitor typed")
        self.assertFalse(self._leads())
        page = self.url_open(f"/banquet/inquiry?hotel={self.hotel.id}")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for hotel in ("²", "99999999999999999999"):
            with self.subTest(posted_hotel=hotel):
                posted = self.url_open(
                    "/banquet/inquiry",
                    data={
                        "csrf_token": token,
                        "hotel": hotel,
                        "stamp": self._stamp(30),
                        "contact_name": "Wang Fang",
                        "email": "wang.fang@bluesky.example",
                    },
                )
                self.assertEqual(posted.status_code, 200, "the default hotel's form, its stamp")
        self.assertEqual(self._leads().company_id, self.hotel)

    def test_each_hotels_form_offers_its_own_and_the_shared_setup_styles(self):
        singapore = self.env["res.company"].create(
            {"name": "Marina Hotel", "banquet_tz": "Asia/Singapore"}
        )
        Style = self.env["banquet.setup.style"]
        main_only = Style.create(
            {"name": "Shanghai Dinner Dance", "code": "dinner_dance", "company_id": self.hotel.id}
        )
        own = Style.create(
            {"name": "Marina Cocktail", "code": "marina_cocktail", "company_id": singapore.id}
        )
        page = self.url_open(f"/banquet/inquiry?hotel={singapore.id}")
        self.assertIn("Marina Cocktail", page.text)
        self.assertIn('value="theatre"', page.text, "shared styles too")
        self.assertNotIn("Shanghai Dinner Dance", page.text)
        response = self._submit(hotel=singapore, setup_style="marina_cocktail")
        self.assertEqual(response.status_code, 200, response.text[-800:])
        lead = self._leads()
        self.assertIn(lead.banquet_reference, response.text)
        self.assertEqual((lead.company_id, lead.setup_style_id), (singapore, own))
        # a style of another hotel is not one this form offered: the inquiry goes in without
        response = self._submit(
            hotel=singapore, setup_style=main_only.code, email="other@bluesky.example"
        )
        self.assertEqual(response.status_code, 200, response.text[-800:])
        lead = self.env["crm.lead"].search([("email_from", "=", "other@bluesky.example")])
        self.assertEqual(lead.company_id, singapore)
        self.assertFalse(lead.setup_style_id)
