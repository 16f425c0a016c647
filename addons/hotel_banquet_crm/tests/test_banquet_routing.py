from contextlib import contextmanager

from odoo.tests import new_test_user, tagged

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetRouting(BanquetCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pharma = cls.env["res.partner.industry"].create({"name": "Pharmaceuticals"})
        cls.lake_seller = new_test_user(
            cls.env,
            login="lake_seller",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=cls.other_hotel.id,
            company_ids=[(6, 0, cls.other_hotel.ids)],
        )
        cls.lake_team = cls.env["crm.team"].create(
            {
                "name": "Lakeside Banquet",
                "is_banquet": True,
                "company_id": cls.other_hotel.id,
                "member_ids": [(6, 0, cls.lake_seller.ids)],
            }
        )
        cls.env["banquet.routing.rule"].create(
            {"name": "Hangzhou clients", "city": "Hangzhou", "company_id": cls.other_hotel.id}
        )

    def _inquiry(self, **vals):
        return self.env["crm.lead"].create(
            {"name": "Inquiry", "type": "opportunity", "is_banquet": True, **vals}
        )

    def test_requested_hotel_wins_over_rules(self):
        lead = self._inquiry(city="Hangzhou", requested_company_id=self.hotel.id)
        self.assertEqual(lead.company_id, self.hotel)
        self.assertEqual(lead.team_id, self.team)
        self.assertIn(lead.user_id, self.coordinator | self.colleague)

    def test_client_city_sends_the_inquiry_to_the_nearest_hotel(self):
        lead = self._inquiry(city=" hangzhou ")
        self.assertEqual(lead.company_id, self.other_hotel)
        self.assertEqual(lead.team_id, self.lake_team)
        self.assertEqual(lead.user_id, self.lake_seller)

    def test_unmatched_inquiry_goes_to_the_group_sales_office(self):
        self.env["ir.config_parameter"].set_param(
            "hotel_banquet_crm.group_sales_company_id", self.other_hotel.id
        )
        lead = self._inquiry(city="Beijing")
        self.assertEqual(lead.company_id, self.other_hotel)
        self.assertEqual(lead.user_id, self.lake_seller)

    def test_salesperson_experienced_in_the_industry_is_preferred(self):
        member = self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.colleague)
        member.banquet_industry_ids = self.pharma
        # the colleague is busier, yet knows the industry
        self._inquiry(user_id=self.colleague.id, team_id=self.team.id)
        lead = self._inquiry(industry_id=self.pharma.id, requested_company_id=self.hotel.id)
        self.assertEqual(lead.user_id, self.colleague)

    def test_load_is_balanced_between_salespeople(self):
        self._inquiry(user_id=self.coordinator.id, team_id=self.team.id)
        self._inquiry(user_id=self.coordinator.id, team_id=self.team.id)
        leads = self.env["crm.lead"].create(
            [
                {"name": f"Inquiry {i}", "is_banquet": True, "requested_company_id": self.hotel.id}
                for i in range(4)
            ]
        )
        users = leads.mapped("user_id")
        self.assertEqual(
            leads.filtered(lambda lead: lead.user_id == self.colleague).ids.__len__(), 3
        )
        self.assertEqual(users, self.colleague | self.coordinator)

    def test_manual_route_button_reassigns(self):
        lead = self._inquiry(user_id=self.outsider.id, city="Hangzhou")
        self.assertEqual(lead.user_id, self.outsider, "an explicit salesperson is kept at creation")
        lead.action_banquet_route()
        self.assertEqual(lead.user_id, self.lake_seller)
        self.assertEqual(lead.company_id, self.other_hotel)

    def test_a_shared_team_never_assigns_a_salesperson_of_another_hotel(self):
        shared = self.env["crm.team"].create(
            {
                "name": "Group Banquet Desk",
                "is_banquet": True,
                "company_id": False,
                "member_ids": [(6, 0, self.coordinator.ids)],
            }
        )
        self.lake_team.is_banquet = False
        lead = self._inquiry(city="Hangzhou")
        self.assertEqual(lead.company_id, self.other_hotel)
        self.assertIn(self.coordinator, shared.member_ids)
        members = self.env["crm.team"].search([("is_banquet", "=", True)]).member_ids
        foreign = members.filtered(lambda user: self.other_hotel not in user.company_ids)
        self.assertNotIn(lead.user_id, foreign, "nobody of another hotel gets the inquiry")

    def test_trade_show_import_of_1000_rows_routes_with_grouped_writes(self):
        header = ["name", "contact_name", "email_from", "city", "expected_pax"]
        rows = [
            [f"Fair visitor {i}", f"Visitor {i}", f"v{i}@fair.example", city, "20"]
            for i, city in enumerate(["Hangzhou", "Shanghai"] * 500)
        ]
        Lead = self.env["crm.lead"].with_context(
            default_is_banquet=True, default_type="opportunity"
        )
        queries = []
        with contextmanager(self._patchExecute)(queries):
            result = Lead.load(header, rows)
        self.assertFalse(result["messages"], result["messages"])
        leads = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(len(leads), 1000)
        self.assertEqual(len(set(leads.mapped("banquet_reference"))), 1000)
        lake = leads.filtered(lambda lead: lead.city == "Hangzhou")
        self.assertEqual(lake.company_id, self.other_hotel)
        self.assertEqual(lake.user_id, self.lake_seller)
        home = leads - lake
        self.assertEqual(home.team_id, self.team)
        self.assertEqual(
            sorted(len(home.filtered(lambda lead, u=u: lead.user_id == u)) for u in home.user_id),
            [250, 250],
            "the load is balanced inside the batch",
        )
        self.assertTrue(all(leads.mapped("first_response_deadline")))
        # the ORM stores computed fields in grouped UPDATEs of up to 100 rows; routing and
        # references add no UPDATE of their own, none per lead
        lead_updates = [q for q in queries if q.lstrip().upper().startswith('UPDATE "CRM_LEAD"')]
        self.assertLessEqual(len(lead_updates), 2 * 1000 // 100, "grouped, not one per lead")
        for column in ('"user_id"', '"team_id"', '"company_id"', '"banquet_reference"'):
            self.assertFalse(
                [q for q in lead_updates if f"SET {column}" in q or f", {column} =" in q],
                f"{column} is inserted with the lead, not written after",
            )
        nextvals = [q for q in queries if "generate_series" in q or "nextval" in q]
        self.assertEqual(len(nextvals), 1, "the 1,000 references are drawn in one query")
