import json
from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo.tests import HttpCase, freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from .common import generate_api_key

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
        cls.api_key = generate_api_key(cls.channel)
        cls.intake_user = cls.env.ref("hotel_banquet_crm.user_banquet_intake")

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
        refused = self._post(self._payload(email="late@example.com"))
        self.assertEqual(refused.status_code, 429)
        self.assertEqual(refused.headers["Retry-After"], "60")
        self.assertIn("rate limit", refused.json()["error"])
        self.assertEqual(
            self.env["banquet.intake.request"].search_count(
                [("key_id", "in", self.channel.key_ids.ids)]
            ),
            5,
            "refused calls are not logged, so they do not prolong the block",
        )

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
        vals = {
            "name": "Replay",
            "is_banquet": True,
            "banquet_intake_channel_id": self.channel.id,
            "banquet_idempotency_key": "dup",
        }
        self.env["crm.lead"].create(vals)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["crm.lead"].create(vals)

    def test_winner_of_a_concurrent_replay_is_read_from_a_fresh_cursor(self):
        first = self._post(self._payload(), headers={"Idempotency-Key": "order-7"})
        winner = self.env["banquet.intake.request"]._committed_lead(self.channel, "order-7")
        self.assertEqual(winner, first.json())
        self.assertFalse(self.env["banquet.intake.request"]._committed_lead(self.channel, "x"))

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
        self.assertEqual(response.json()["error"], "API 密钥无效、已过期或已被吊销")

    def test_contact_name_made_only_of_markup_is_refused_with_400(self):
        response = self._post(self._payload(contact_name="<script>alert(1)</script>"))
        self.assertEqual(response.status_code, 400, response.text)
        body = response.json()
        self.assertEqual(
            body["errors"],
            [
                {
                    "field": "contact_name",
                    "code": "required",
                    "message": "required: empty once markup is removed",
                }
            ],
        )
        self.assertFalse(
            self.env["crm.lead"].search([("banquet_intake_channel_id", "=", self.channel.id)])
        )

    def test_one_field_of_wrong_type_is_422(self):
        response = self._post(self._payload(expected_pax="many"))
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual([e["field"] for e in response.json()["errors"]], ["expected_pax"])

    def test_inquiry_is_filed_by_the_intake_technical_user_not_the_superuser(self):
        response = self._post(self._payload())
        self.assertEqual(response.status_code, 201, response.text)
        lead = self.env["crm.lead"].browse(response.json()["id"])
        self.assertEqual(lead.create_uid, self.intake_user)
        self.assertFalse(self.intake_user.active, "nobody can log in as the technical user")
        self.assertFalse(self.intake_user._is_superuser())
        self.assertFalse(self.intake_user.has_group("base.group_system"))
        self.assertFalse(self.intake_user.has_group("sales_team.group_sale_salesman"))
        log = self.env["banquet.intake.request"].search([("channel_id", "=", self.channel.id)])
        self.assertEqual(log.key_id, self.channel.key_ids)
        self.assertTrue(self.channel.key_ids.last_used_date, "usage comes from the request log")
        # it reads back what it filed, nothing else
        other = self.env["crm.lead"].create({"name": "Walk-in", "is_banquet": True})
        Lead = self.env["crm.lead"].with_user(self.intake_user)
        self.assertEqual(Lead.search([("id", "in", (lead | other).ids)]), lead)

    def test_dates_without_offset_are_the_hotels_local_time(self):
        cases = [
            # hotel zone, local value posted, stored UTC: a day earlier / later in UTC
            ("Asia/Shanghai", "2027-05-01T00:30:00", "2027-04-30 16:30:00"),
            ("America/New_York", "2027-05-01T23:30:00", "2027-05-02 03:30:00"),
        ]
        for tz, posted, stored in cases:
            with self.subTest(tz=tz):
                self.hotel.banquet_tz = tz
                response = self._post(
                    self._payload(
                        email=f"{tz.split('/')[1].lower()}@example.com",
                        event_date_start=posted,
                        event_date_end=posted,
                    )
                )
                self.assertEqual(response.status_code, 201, response.text)
                lead = self.env["crm.lead"].browse(response.json()["id"])
                self.assertEqual(str(lead.event_date_start), stored)
        # an explicit offset wins over the hotel's zone
        response = self._post(self._payload(event_date_start="2027-05-01T00:30:00+08:00"))
        lead = self.env["crm.lead"].browse(response.json()["id"])
        self.assertEqual(str(lead.event_date_start), "2027-04-30 16:30:00")
        response = self._post(self._payload(event_date_start="next friday"))
        self.assertEqual(response.status_code, 422)
        self.assertIn("America/New_York", response.json()["errors"][0]["message"])

    def test_expired_key_is_refused(self):
        key = generate_api_key(self.channel, duration="30")
        self.assertEqual(self._post(self._payload(), key=key).status_code, 201)
        with freeze_time(datetime.now() + timedelta(days=31)):
            response = self._post(self._payload(), key=key)
        self.assertEqual(response.status_code, 401)
        self.assertIn("expired", response.json()["error"])

    def test_new_key_is_shown_once_and_never_stored_in_clear(self):
        manager = new_test_user(
            self.env, login="intake_manager", groups="hotel_banquet_crm.group_banquet_manager"
        )
        channel = self.channel.with_user(manager)
        wizard = (
            self.env["banquet.intake.key.wizard"]
            .with_user(manager)
            .with_context(**channel.action_generate_key()["context"])
            .create({"name": "Meeting platform", "duration": "90"})
        )
        action = wizard.action_make_key()
        clear_key = action["context"]["default_key"]
        self.assertEqual(action["res_model"], "banquet.intake.key.show")
        self.assertFalse(action.get("res_id"), "nothing was saved to show it")
        self.assertFalse(wizard.exists(), "the wizard is gone once the key is made")
        self.assertTrue(self.env["banquet.intake.key.show"]._abstract)
        self.env.cr.execute("SELECT to_regclass('banquet_intake_key_show')")
        self.assertIsNone(self.env.cr.fetchone()[0], "no table holds a key to show")
        key = self.env["banquet.intake.key"].search([("name", "=", "Meeting platform")])
        self.assertEqual(key.key_prefix, clear_key[:8])
        self.assertAlmostEqual(
            key.expiration_date, datetime.now() + timedelta(days=90), delta=timedelta(minutes=5)
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM banquet_intake_key WHERE key_hash = %s OR name = %s",
            [clear_key, clear_key],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(self._post(self._payload(), key=clear_key).status_code, 201)
        key.with_user(manager).action_revoke()
        self.assertEqual(self._post(self._payload(), key=clear_key).status_code, 401)

    def test_salesperson_hears_of_routed_inquiries_in_one_message(self):
        seller = new_test_user(
            self.env, login="intake_seller", groups="hotel_banquet_crm.group_banquet_user"
        )
        self.env["crm.team"].create(
            {
                "name": "Intake Banquet",
                "is_banquet": True,
                "sequence": 0,
                "company_id": self.hotel.id,
                "member_ids": [(6, 0, seller.ids)],
            }
        )
        Message = self.env["mail.message"]
        notifications = [
            ("model", "=", "crm.lead"),
            ("message_type", "=", "user_notification"),
            ("partner_ids", "in", seller.partner_id.ids),
        ]
        leads = self.env["crm.lead"]
        for email in ("a@example.com", "b@example.com"):
            response = self._post(self._payload(email=email))
            self.assertEqual(response.status_code, 201, response.text)
            leads |= self.env["crm.lead"].browse(response.json()["id"])
        self.assertEqual(leads.user_id, seller)
        self.assertIn(seller.partner_id, leads.message_partner_ids, "they follow their leads")
        self.assertFalse(Message.search(notifications), "no mail per lead while channels wait")
        self.assertEqual(leads.mapped("banquet_assignment_pending"), [True, True])
        self.env["crm.lead"]._cron_banquet_notify_assignments()
        message = Message.search(notifications)
        self.assertEqual(len(message), 1, "one message for both inquiries")
        self.assertIn("2 new banquet inquiries", message.subject)
        for lead in leads:
            self.assertIn(lead.banquet_reference, message.body)
        self.assertEqual(leads.mapped("banquet_assignment_pending"), [False, False])

    def _leads_of_channel(self):
        return self.env["crm.lead"].search_count(
            [("banquet_intake_channel_id", "=", self.channel.id)]
        )

    def test_hostile_values_get_a_client_error_never_a_500(self):
        self.channel.rate_limit_per_minute = 100
        body = json.dumps(self._payload())
        cases = [
            # raw body, status, field in error (None: the body as a whole)
            (body.replace('"budget_per_head": 480', '"budget_per_head": NaN'), 400, None),
            (body.replace('"budget_per_head": 480', '"budget_per_head": Infinity'), 400, None),
            (body.replace('"budget_per_head": 480', '"budget_per_head": -Infinity'), 400, None),
            (body.replace('"budget_per_head": 480', '"budget_per_head": 1e999'), 400, None),
            (body.replace('"Li Wei"', '"Li\\u0000Wei"'), 400, None),
            (body.replace('"Li Wei"', '"Li \\ud800"'), 400, None),
            (body.replace('"WED"', '"\\udfff"'), 400, None),
            (body.replace('"Li Wei"', '"Li Wei", "\\ud800": 1'), 400, None),
            ("[" * 20000 + "]" * 20000, 400, None),
            (json.dumps(self._payload(budget_per_head=10**400)), 422, "budget_per_head"),
            (json.dumps(self._payload(budget_per_head=-1)), 422, "budget_per_head"),
            (json.dumps(self._payload(event_date_start="0001-01-01T00:00:00")), 422, None),
            (json.dumps(self._payload(event_date_start="9999-12-31T23:59:59")), 422, None),
            (json.dumps(self._payload(event_date_start="1899-12-31")), 422, None),
            (json.dumps(self._payload(event_date_end="0001-01-01T00:00:00+14:00")), 422, None),
            (json.dumps(self._payload(expected_pax=10**30)), 422, "expected_pax"),
            (json.dumps(self._payload(event_type=["WED"])), 422, "event_type"),
            (json.dumps(self._payload(country={"code": "CN"})), 422, "country"),
            (json.dumps(self._payload(setup_style=7)), 422, "setup_style"),
        ]
        for raw, status, field in cases:
            with self.subTest(raw=raw[:120]):
                response = self._post(None, raw=raw)
                self.assertEqual(response.status_code, status, response.text[:500])
                answer = response.json()
                self.assertTrue(answer["error"])
                if field:
                    self.assertIn(field, [error["field"] for error in answer["errors"]])
        self.assertEqual(self._leads_of_channel(), 0, "no inquiry, not even a partial one")
        # a year in range and the highest budget still pass
        response = self._post(
            self._payload(
                event_date_start="2200-12-31T00:00:00",
                event_date_end="2200-12-31T23:59:59",
                budget_per_head=1e9,
            )
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_hostile_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hotel_banquet_crm"], ["zh_CN"], overwrite=True
        )
        response = self._post(
            None,
            raw=json.dumps(self._payload()).replace('"Li Wei"', '"Li\\u0000Wei"'),
            headers={"Accept-Language": "zh-CN"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertRegex(response.json()["error"], "[\u4e00-\u9fff]")
        response = self._post(
            self._payload(event_date_start="0001-01-01T00:00:00"),
            headers={"Accept-Language": "zh-CN"},
        )
        self.assertEqual(response.status_code, 422)
        [error] = response.json()["errors"]
        self.assertIn("1900", error["message"])
        self.assertRegex(error["message"], "[\u4e00-\u9fff]")

    def test_setup_style_is_matched_exactly_not_as_a_pattern(self):
        self.channel.rate_limit_per_minute = 100
        for code in ("%", "_anquet", "banq%", "%e%", "\\%"):
            with self.subTest(code=code):
                response = self._post(self._payload(setup_style=code))
                self.assertEqual(response.status_code, 422, response.text)
                [error] = response.json()["errors"]
                self.assertEqual(error["field"], "setup_style")
        self.assertEqual(self._leads_of_channel(), 0)
        response = self._post(self._payload(setup_style=" Banquet "))
        self.assertEqual(response.status_code, 201, "codes are not case-sensitive")
        lead = self.env["crm.lead"].browse(response.json()["id"])
        self.assertEqual(lead.setup_style_id, self.env.ref("hotel_banquet_crm.setup_style_banquet"))

    def test_failed_keys_are_rate_limited_per_client_address(self):
        """40 guesses from one address: the first 10 get 401, then 429 for a minute, even
        with a good key (no guess is confirmed while the address is blocked)."""
        statuses = [self._post(self._payload(), key=f"guess-{i}").status_code for i in range(40)]
        self.assertEqual(statuses, [401] * 10 + [429] * 30)
        refused = self._post(self._payload(), key="guess-41")
        self.assertEqual(refused.headers["Retry-After"], "60")
        self.assertIn("failed API keys", refused.json()["error"])
        self.assertEqual(self._post(self._payload()).status_code, 429, "blocked for a minute")
        Failure = self.env["banquet.intake.key.failure"]
        self.assertEqual(
            Failure.search_count([("remote_addr", "=", "127.0.0.1")]),
            10,
            "refused attempts are not logged, so they do not prolong the block",
        )
        self.assertTrue(Failure._log_failure("192.0.2.7"), "another address is not blocked")
        with freeze_time(datetime.now() + timedelta(seconds=61)):
            self.assertEqual(self._post(self._payload()).status_code, 201)
            self.assertEqual(self._post(self._payload(), key="guess-42").status_code, 401)
        self.env["ir.config_parameter"].set_param(
            "hotel_banquet_crm.intake_failed_keys_per_minute", "2"
        )
        with freeze_time(datetime.now() + timedelta(seconds=200)):
            statuses = [self._post(self._payload(), key="x").status_code for _i in range(3)]
        self.assertEqual(statuses, [401, 401, 429], "the limit is a system parameter")
