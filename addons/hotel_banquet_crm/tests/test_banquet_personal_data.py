import base64
import json
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetPersonalData(BanquetCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Wedding Li",
                "type": "opportunity",
                "is_banquet": True,
                "user_id": cls.coordinator.id,
                "team_id": cls.team.id,
                "contact_name": "Li Wei",
                "email_from": "li.wei@example.com",
                "phone": "+86 138 0000 0000",
                "lead_grade": "b",
                "banquet_consent": True,
                "banquet_consent_purpose": "Handling this wedding inquiry",
            }
        )
        cls.lead._handle_partner_assignment()
        cls.person = cls.lead.partner_id
        cls.person.write({"street": "1 Nanjing Road", "banquet_birthday": "1990-05-01"})

    def _export(self, partner):
        action = partner.with_user(self.manager).action_banquet_export_personal_data()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        return json.loads(base64.b64decode(attachment.datas))

    def test_consent_recorded_on_the_inquiry_is_carried_to_the_customer(self):
        self.assertTrue(self.lead.banquet_consent_date)
        self.assertTrue(self.person.banquet_consent)
        self.assertEqual(self.person.banquet_consent_purpose, "Handling this wedding inquiry")
        self.assertEqual(self.person.banquet_consent_date, self.lead.banquet_consent_date)
        self.assertEqual(self.person.company_id, self.hotel, "the data stays in its hotel")
        self.assertEqual(self.person.banquet_grade, "b")
        self.assertEqual(self.person.banquet_account_user_id, self.coordinator)

    def test_export_returns_everything_held_and_is_logged(self):
        self.env["banquet.lead.visit"].create(
            {"lead_id": self.lead.id, "user_id": self.coordinator.id, "note": "Loves peonies"}
        )
        self.env["banquet.complaint"].create({"subject": "Cold soup", "partner_id": self.person.id})
        data = self._export(self.person)
        self.assertEqual(data["partner"][0]["email"], "li.wei@example.com")
        self.assertEqual(data["partner"][0]["street"], "1 Nanjing Road")
        self.assertEqual(data["inquiries"][0]["phone"], "+86 138 0000 0000")
        self.assertEqual(data["visits"][0]["note"], "Loves peonies")
        self.assertEqual(data["complaints"][0]["subject"], "Cold soup")
        log = self.env["banquet.personal.data.log"].search([("partner_id", "=", self.person.id)])
        self.assertEqual((log.action, log.user_id), ("export", self.manager))
        with self.assertRaises(AccessError):
            self.person.with_user(self.coordinator).action_banquet_export_personal_data()

    def test_audit_log_cannot_be_changed_or_deleted(self):
        log = self.env["banquet.personal.data.log"]._log(self.person, "export")
        with self.assertRaises(UserError):
            log.write({"note": "nothing happened"})
        with self.assertRaises(UserError):
            log.unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.coordinator).read(["action"])

    def test_opening_the_customer_360_is_logged(self):
        self.person.with_user(self.coordinator).with_context(banquet_360=True).web_read(
            {"name": {}}
        )
        self.person.with_user(self.coordinator).web_read({"name": {}})
        logs = self.env["banquet.personal.data.log"].search([("partner_id", "=", self.person.id)])
        self.assertEqual(logs.mapped("action"), ["open_360"])
        self.assertEqual(logs.user_id, self.coordinator)

    def test_erasure_on_request_anonymises_person_and_inquiries(self):
        wizard = (
            self.env["banquet.partner.erase.wizard"]
            .with_user(self.manager)
            .create({"partner_ids": [(6, 0, self.person.ids)], "reason": "Mail of 3 May"})
        )
        with self.assertRaisesRegex(UserError, "business in progress"):
            wizard.action_erase()
        self.lead.action_set_lost()
        wizard.action_erase()
        person = self.person.with_context(active_test=False)
        self.assertTrue(person.banquet_anonymised)
        self.assertFalse(person.active)
        self.assertNotIn("Li", person.name)
        self.assertFalse(person.email or person.phone or person.street or person.banquet_birthday)
        lead = self.lead.with_context(active_test=False)
        self.assertFalse(lead.contact_name or lead.email_from or lead.phone)
        self.assertTrue(lead.exists(), "the inquiry itself is kept")
        log = self.env["banquet.personal.data.log"].search([("partner_id", "=", self.person.id)])
        self.assertEqual((log.action, log.note), ("erase", "Mail of 3 May"))
        data = self._export(person)
        self.assertNotIn("li.wei", json.dumps(data))

    def test_only_managers_erase(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.coordinator)._banquet_erase_on_request("asked")

    def test_retention_cron_anonymises_persons_without_business(self):
        self.lead.action_set_lost()
        with freeze_time(datetime(2026, 1, 1)):
            idle = self.env["res.partner"].create(
                {"name": "Zhang San", "email": "zhang@example.com", "banquet_grade": "c"}
            )
        active_customer = self.env["res.partner"].create(
            {"name": "Wang Wu", "email": "wang@example.com", "banquet_grade": "c"}
        )
        employee = self.env["res.partner"].create({"name": "Not a customer"})
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id IN %s",
            (datetime(2020, 1, 1), tuple((idle | active_customer | self.person | employee).ids)),
        )
        lead = self.env["crm.lead"].create(
            {"name": "Gala", "is_banquet": True, "partner_id": active_customer.id}
        )
        self.assertTrue(lead.active)
        self.env["ir.config_parameter"].set_param("hotel_banquet_crm.retention_months", 36)
        self.env["res.partner"]._cron_banquet_retention()
        self.assertTrue(idle.with_context(active_test=False).banquet_anonymised)
        self.assertFalse(idle.with_context(active_test=False).email)
        self.assertFalse(active_customer.banquet_anonymised, "an open inquiry")
        self.assertFalse(self.person.banquet_anonymised, "inquiry written recently")
        self.assertFalse(employee.banquet_anonymised, "not a banquet customer")
        log = self.env["banquet.personal.data.log"].search([("partner_id", "=", idle.id)])
        self.assertEqual(log.action, "auto_erase")

    def test_salesperson_of_another_hotel_cannot_read_the_customer_unless_shared(self):
        stranger = self.outsider
        stranger.write(
            {"company_ids": [(6, 0, self.other_hotel.ids)], "company_id": self.other_hotel.id}
        )
        Partner = self.env["res.partner"].with_user(stranger)
        self.assertFalse(Partner.search([("id", "=", self.person.id)]))
        with self.assertRaises(AccessError):
            self.person.with_user(stranger).read(["email"])
        self.person.company_id = False  # shared with the group by a manager
        self.assertEqual(
            self.person.with_user(stranger).read(["email"])[0]["email"], "li.wei@example.com"
        )
