from lxml import etree

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBanquetApp(TransactionCase):
    """What a banquet user sees on login and in the inquiry kanban."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inquiries = cls.env.ref("hotel_banquet_crm.crm_lead_action_banquet")
        cls.coordinator = new_test_user(
            cls.env, login="app_coordinator", groups="hotel_banquet_crm.group_banquet_user"
        )

    def test_a_banquet_user_lands_in_the_banquet_app(self):
        self.assertEqual(self.coordinator.action_id.id, self.inquiries.id)
        seller = new_test_user(
            self.env, login="app_seller", groups="sales_team.group_sale_salesman"
        )
        self.assertFalse(seller.action_id, "users outside the banquet groups keep Odoo's home")
        seller.groups_id = [(4, self.env.ref("hotel_banquet_crm.group_banquet_user").id)]
        self.assertEqual(seller.action_id.id, self.inquiries.id, "joining the banquet team later")

    def test_a_home_action_of_the_user_s_own_is_kept(self):
        own = self.env.ref("base.action_res_users")
        user = new_test_user(
            self.env,
            login="app_own_home",
            groups="hotel_banquet_crm.group_banquet_user",
            action_id=own.id,
        )
        self.assertEqual(user.action_id.id, own.id)

    def test_the_inquiry_kanban_shows_the_banquet_funnel(self):
        self.env["crm.lead"].create(
            {"name": "Lin wedding", "type": "opportunity", "is_banquet": True}
        )
        Lead = self.env["crm.lead"].with_user(self.coordinator)
        # The context of the Inquiries action, as the kanban sends it.
        groups = Lead.with_context(default_is_banquet=True, default_type="opportunity").read_group(
            [("is_banquet", "=", True)], ["stage_id"], ["stage_id"]
        )
        stages = self.env["crm.stage"].browse([g["stage_id"][0] for g in groups if g["stage_id"]])
        banquet_stages = self.env["crm.stage"].search([("team_id.is_banquet", "=", True)])
        self.assertLessEqual(banquet_stages, stages)
        self.assertNotIn(self.env.ref("crm.stage_lead2"), stages, "no generic 'Qualified' column")

    def test_a_banquet_team_s_inquiry_starts_in_its_own_funnel(self):
        team = self.env.ref("hotel_banquet_crm.crm_team_banquet")
        lead = self.env["crm.lead"].create(
            {"name": "Apex dinner", "type": "opportunity", "is_banquet": True, "team_id": team.id}
        )
        self.assertEqual(lead.stage_id, self.env.ref("hotel_banquet_crm.crm_stage_banquet_new"))
        lead.action_set_won()
        self.assertEqual(lead.stage_id, self.env.ref("hotel_banquet_crm.crm_stage_banquet_won"))

    def test_an_inquiry_s_probability_is_its_stage_s(self):
        """Not Odoo's predictive scoring (the demo's history trains it to 99 % for a fresh
        web inquiry): the funnel stage says how likely the event is."""
        team = self.env.ref("hotel_banquet_crm.crm_team_banquet")
        lead = self.env["crm.lead"].create(
            {"name": "Zhou wedding", "type": "opportunity", "is_banquet": True, "team_id": team.id}
        )
        self.assertEqual(lead.stage_id, self.env.ref("hotel_banquet_crm.crm_stage_banquet_new"))
        self.assertEqual((lead.probability, lead.automated_probability), (10.0, 10.0))
        lead.stage_id = self.env.ref("hotel_banquet_crm.crm_stage_banquet_proposal")
        self.assertEqual(lead.probability, 60.0)
        # set by hand, it stays as set
        lead.probability = 75.0
        lead.stage_id = self.env.ref("hotel_banquet_crm.crm_stage_banquet_negotiation")
        self.assertEqual((lead.probability, lead.automated_probability), (75.0, 80.0))
        lead.action_set_won()
        self.assertEqual(lead.probability, 100.0)
        # a plain sales lead keeps Odoo's scoring
        plain = self.env["crm.lead"].create({"name": "Office chairs", "type": "opportunity"})
        self.assertFalse(plain.stage_id.team_id.is_banquet)
        self.assertEqual(plain.probability, plain._pls_get_naive_bayes_probabilities()[plain.id])

    def test_the_inquiry_cards_show_event_date_and_pax(self):
        kanban = next(view for view, mode in self.inquiries.views if mode == "kanban")
        arch = self.env["crm.lead"].with_user(self.coordinator).get_view(kanban, "kanban")["arch"]
        card = etree.fromstring(arch).xpath("//t[@t-name='card']")[0]
        self.assertTrue(card.xpath(".//field[@name='event_date_start']"))
        self.assertTrue(card.xpath(".//field[@name='expected_pax']"))

    def test_paid_lead_generation_stays_out_of_banquet_work_only(self):
        if not self.env["ir.module.module"].search_count(
            [("name", "=", "crm_iap_mine"), ("state", "=", "installed")]
        ):
            self.skipTest("crm_iap_mine (auto-installed with CRM) is not installed")
        banquet_manager = new_test_user(
            self.env, login="app_banquet_manager", groups="hotel_banquet_crm.group_banquet_manager"
        )
        Lead = self.env["crm.lead"].with_user(banquet_manager)
        # The Banquet app's own pipeline has no Generate Leads button...
        kanban = next(view for view, mode in self.inquiries.views if mode == "kanban")
        self.assertNotIn("action_generate_leads", Lead.get_view(kanban, "kanban")["arch"])
        # ... while core's CRM pipeline stays as core has it, for banquet users too (Odoo's
        # own CRM tour runs as an administrator who is a Banquet Manager).
        core_kanban = self.env.ref("crm.crm_case_kanban_view_leads")
        self.assertIn("action_generate_leads", Lead.get_view(core_kanban.id, "kanban")["arch"])
        # Enrich is hidden on banquet inquiries, kept on other leads.
        form = etree.fromstring(Lead.get_view(False, "form")["arch"])
        enrich = form.xpath("//button[@name='iap_enrich']")
        self.assertTrue(enrich)
        self.assertIn("is_banquet", enrich[0].get("invisible"))
