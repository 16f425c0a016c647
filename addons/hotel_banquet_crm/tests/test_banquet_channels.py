from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestBanquetChannels(TransactionCase):
    def test_every_inquiry_channel_of_the_trade_is_a_utm_source(self):
        for xmlid in (
            "website",
            "wechat_mini_program",
            "wechat_official_account",
            "huixiaoer",
            "jiudiangege",
            "meetingbest",
            "hrs",
            "ratefinding",
            "prolodgic",
            "ctrip",
            "tmc",
            "trade_show",
            "roadshow",
            "walk_in",
            "phone",
            "referral",
            "email",
        ):
            self.assertTrue(self.env.ref(f"hotel_banquet_crm.utm_source_{xmlid}"))
        self.assertTrue(self.env.ref("hotel_banquet_crm.crm_team_banquet").alias_name)

    def test_canned_replies_render_for_an_inquiry(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Wedding",
                "is_banquet": True,
                "contact_name": "Wang Fang",
                "email_from": "w@example.com",
            }
        )
        template = self.env.ref("hotel_banquet_crm.mail_template_banquet_acknowledge")
        body = template._render_field("body_html", lead.ids)[lead.id]
        subject = template._render_field("subject", lead.ids)[lead.id]
        self.assertIn("Wang Fang", body)
        self.assertIn(lead.banquet_reference, subject)
