import json

from psycopg2 import IntegrityError

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

URL = "/banquet/api/v1/inquiries"


@tagged("post_install", "-at_install")
class TestBanquetIntakeApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel = cls.env.company
        cls.wedding = cls.env.ref("hotel_banquet_crm.banquet_event_type_wedding")
        cls.wedding.code = "WED"
        cls.channel = cls.env["banquet.intake.channel"].create(
            {
                "name": "WeChat Mini-Program",
                "company_id": cls.hotel.id,
                "source_id": cls.env.ref("hotel_banquet_crm.utm_source_wechat_mini_program").id,
                "medium_id": cls.env.ref("hotel_banquet_crm.utm_medium_wechat").id,
                "rate_limit_per_minute": 5,
            }
        )
        wizard_action = cls.channel.action_generate_key()
        cls.api_key = cls.env["banquet.intake.key.show"].browse(wizard_action["res_id"]).key

    def _post(self, payload, key=None, headers=None, raw=None):
        all_headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {key or self.api_key}",
        }
        all_headers.update(headers or {})
        data = raw if raw is not None else json.dumps(payload)
        return self.url_open(URL, data=data, headers=all_headers)

    def _payload(self, **extra):
        return {
            "contact_name": "Li Wei",
            "company_name": "Acme Pharma",
            "email": "li.wei@acme.example",
            "phone": "+86 21 5555 0101",
            "event_type": "WED",
            "event_date_start": "2027-05-01T10:00:00Z",
            "event_date_end": "2027-05-01T22:00:00Z",
            "expected_pax": 250,
            "budget_per_head": 480,
            "setup_style": "banquet",
            "room_block_needed": True,
            "room_block_count": 30,
            **extra,
        }

    def test_channel_posts_an_inquiry_and_gets_its_reference(self):
        response = self._post(
            self._payload(description="<script>alert(1)</script>Please call <b>me</b>")
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        lead = self.env["crm.lead"].browse(body["id"])
        self.assertEqual(body["reference"], lead.banquet_reference)
        self.assertTrue(lead.banquet_reference.startswith("INQ/"))
        self.assertTrue(lead.is_banquet)
        self.assertEqual(lead.source_id, self.channel.source_id)
        self.assertEqual(lead.medium_id, self.channel.medium_id)
        self.assertEqual(lead.company_id, self.hotel)
        self.assertEqual(lead.event_type_id, self.wedding)
        self.assertEqual(lead.expected_pax, 250)
        self.assertEqual(lead.budget_total, 250 * 480)
        self.assertEqual(lead.room_block_count, 30)
        self.assertEqual(lead.setup_style_id, self.env.ref("hotel_banquet_crm.setup_style_banquet"))
        self.assertEqual(str(lead.event_date_start), "2027-05-01 10:00:00")
        self.assertNotIn("<script", str(lead.description))
        self.assertNotIn("alert", str(lead.description))
        self.assertIn("Please call", str(lead.description))
        self.assertTrue(lead.first_response_deadline)

    def test_key_is_only_stored_as_a_hash(self):
        key = self.channel.key_ids
        self.assertEqual(len(key), 1)
        self.assertEqual(key.key_prefix, self.api_key[:8])
        self.assertNotEqual(key.sudo().key_hash, self.api_key)
        self.assertEqual(len(key.sudo().key_hash), 64)
        self.assertFalse(
            self.env["banquet.intake.key"].sudo().search([("key_hash", "=", self.api_key)])
        )

    def test_unknown_or_revoked_key_is_refused(self):
        response = self._post(self._payload(), key="not-a-key")
        self.assertEqual(response.status_code, 401)
        self.assertIn("error", response.json())
        self.channel.key_ids.action_revoke()
        response = self._post(self._payload())
        self.assertEqual(response.status_code, 401)
        response = self._post(
            self._payload(), headers={"Authorization": "", "X-Api-Key": self.api_key}
        )
        self.assertEqual(response.status_code, 401)

    def test_x_api_key_header_is_accepted(self):
        response = self._post(
            self._payload(), headers={"Authorization": "", "X-Api-Key": self.api_key}
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_every_invalid_field_is_reported(self):
        response = self._post(
            {
                "contact_name": 12,
                "email": "not-an-email",
                "expected_pax": -3,
                "event_date_start": "tomorrow",
                "setup_style": "disco",
                "event_type": "NOPE",
                "colour": "red",
            }
        )
        self.assertEqual(response.status_code, 422)
        fields_in_error = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(
            fields_in_error,
            {
                "contact_name",
                "email",
                "expected_pax",
                "event_date_start",
                "setup_style",
                "event_type",
                "colour",
            },
        )
        self.assertEqual(self._post(None, raw="{not json").status_code, 400)
        self.assertEqual(self._post(["a", "list"]).status_code, 400)

    def test_oversized_body_is_refused(self):
        response = self._post(self._payload(description="x" * (70 * 1024)))
        self.assertEqual(response.status_code, 413)

    def test_too_many_requests_per_minute_are_refused(self):
        statuses = [
            self._post(self._payload(email=f"guest{i}@example.com")).status_code for i in range(6)
        ]
        self.assertEqual(statuses, [201] * 5 + [429])

    def test_replayed_request_returns_the_first_inquiry(self):
        headers = {"Idempotency-Key": "order-42"}
        first = self._post(self._payload(), headers=headers)
        self.assertEqual(first.status_code, 201)
        replay = self._post(self._payload(), headers=headers)
        self.assertEqual(replay.status_code, 200)
        self.assertEqual(replay.json(), first.json())
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("banquet_intake_channel_id", "=", self.channel.id)]
            ),
            1,
        )

    def test_database_refuses_a_second_use_of_an_idempotency_key(self):
        Request = self.env["banquet.intake.request"]
        Request.create({"channel_id": self.channel.id, "idempotency_key": "dup"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            Request.create({"channel_id": self.channel.id, "idempotency_key": "dup"})

    def test_errors_speak_the_callers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hotel_banquet_crm"], ["zh_CN"], overwrite=True
        )
        response = self._post(
            self._payload(expected_pax="many"), headers={"Accept-Language": "zh-CN,zh;q=0.9"}
        )
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertEqual(body["error"], "询价无效")
        [error] = body["errors"]
        self.assertEqual(error["field"], "expected_pax", "field keys stay stable for programs")
        self.assertIn("必须是", error["message"])
        response = self._post(self._payload(), key="wrong", headers={"Accept-Language": "zh-CN"})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["error"], "API 密钥无效或已被吊销")
