from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm.tests.common import INCOMING_EMAIL
from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user


@tagged("post_install", "-at_install")
class TestBanquetMailGateway(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = mail_new_test_user(
            cls.env,
            login="banquet_sales_mail",
            groups="hotel_banquet_crm.group_banquet_user",
            email="sales@test.mycompany.com",
        )
        cls.banquet_team = cls.env["crm.team"].create(
            {
                "name": "Banquet Sales (mail)",
                "is_banquet": True,
                "use_opportunities": True,
                "alias_name": "banquet-events",
                "member_ids": [(6, 0, cls.salesperson.ids)],
            }
        )
        cls.plain_team = cls.env["crm.team"].create(
            {"name": "Rooms Sales", "use_opportunities": True, "alias_name": "rooms-sales"}
        )

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_email_to_banquet_alias_becomes_a_banquet_inquiry(self):
        lead = self.format_and_process(
            INCOMING_EMAIL,
            "planner@client.example.com",
            self.banquet_team.alias_email,
            subject="Gala dinner for 300 in May",
            target_model="crm.lead",
        )
        self.assertEqual(len(lead), 1)
        self.assertTrue(lead.is_banquet)
        self.assertEqual(lead.team_id, self.banquet_team)
        self.assertEqual(lead.source_id, self.env.ref("hotel_banquet_crm.utm_source_email"))
        self.assertEqual(lead.medium_id, self.env.ref("utm.utm_medium_email"))
        self.assertTrue(lead.banquet_reference)
        self.assertEqual(
            lead.user_id, self.salesperson, "routed to the only member of the banquet team"
        )
        self.assertTrue(lead.first_response_deadline)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_email_to_other_team_is_not_a_banquet_inquiry(self):
        lead = self.format_and_process(
            INCOMING_EMAIL,
            "guest@client.example.com",
            self.plain_team.alias_email,
            subject="Room rates for 2027",
            target_model="crm.lead",
        )
        self.assertFalse(lead.is_banquet)
        self.assertFalse(lead.banquet_reference)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_first_reply_to_the_client_stops_the_sla_clock(self):
        lead = self.format_and_process(
            INCOMING_EMAIL,
            "planner@client.example.com",
            self.banquet_team.alias_email,
            subject="Board meeting in June",
            target_model="crm.lead",
        )
        lead.with_user(self.salesperson).message_post(
            body="Internal note", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(lead.first_response_date)
        lead.with_user(self.salesperson).message_post(
            body="Thank you, we have the room.",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )
        self.assertTrue(lead.first_response_date)
