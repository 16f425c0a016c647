from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BanquetCrmCommon, generate_api_key


@tagged("post_install", "-at_install")
class TestBanquetConfigSecurity(BanquetCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        source = cls.env.ref("hotel_banquet_crm.utm_source_ctrip")
        cls.own_channel, cls.other_channel = cls.env["banquet.intake.channel"].create(
            [
                {"name": "Ctrip", "source_id": source.id, "company_id": cls.hotel.id},
                {"name": "Ctrip (lake)", "source_id": source.id, "company_id": cls.other_hotel.id},
            ]
        )
        cls.other_rule = cls.env["banquet.routing.rule"].create(
            {"name": "Lake clients", "city": "Hangzhou", "company_id": cls.other_hotel.id}
        )

    def test_manager_sees_only_the_channels_and_rules_of_their_hotels(self):
        Channel = self.env["banquet.intake.channel"].with_user(self.manager)
        self.assertIn(self.own_channel, Channel.search([]))
        self.assertNotIn(self.other_channel, Channel.search([]))
        self.assertNotIn(
            self.other_rule, self.env["banquet.routing.rule"].with_user(self.manager).search([])
        )

    def test_salesperson_cannot_configure_channels(self):
        with self.assertRaises(AccessError):
            self.env["banquet.intake.channel"].with_user(self.coordinator).create(
                {"name": "Rogue", "source_id": self.own_channel.source_id.id}
            )

    def test_manager_generates_a_key_but_never_reads_its_hash(self):
        clear_key = generate_api_key(self.own_channel.with_user(self.manager))
        key = self.own_channel.key_ids.with_user(self.manager)
        self.assertEqual(key.key_prefix, clear_key[:8])
        with self.assertRaises(AccessError):
            key.read(["key_hash"])
        self.assertEqual(self.env["banquet.intake.key"]._authenticate(clear_key), key.sudo())
        key.action_revoke()
        self.assertTrue(key.revoked_date)
        self.assertFalse(self.env["banquet.intake.key"]._authenticate(clear_key))

    def test_salesperson_opens_an_inquiry_form_with_every_banquet_field(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Offsite",
                "is_banquet": True,
                "user_id": self.coordinator.id,
                "team_id": self.team.id,
            }
        )
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        views = Lead.get_views(
            [(False, "form"), (self.env.ref("hotel_banquet_crm.crm_lead_view_list").id, "list")]
        )
        form_fields = views["models"]["crm.lead"]["fields"]
        for name in (
            "setup_style_id",
            "banquet_duplicate_count",
            "banquet_visit_ids",
            "banquet_stage_history_ids",
        ):
            self.assertIn(name, form_fields)
        values = Lead.browse(lead.id).web_read(
            {
                name: {}
                for name in form_fields
                if self.env["crm.lead"]._fields[name].type not in ("one2many", "many2many")
            }
        )
        self.assertEqual(values[0]["banquet_reference"], lead.banquet_reference)
        self.env["banquet.lead.visit"].with_user(self.coordinator).create(
            {"lead_id": lead.id, "kind": "visit"}
        )
        self.assertTrue(Lead.browse(lead.id).banquet_stage_history_ids)
