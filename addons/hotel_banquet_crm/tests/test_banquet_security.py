from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetSecurity(BanquetCrmCommon):
    def _lead(self, user, **vals):
        return self.env["crm.lead"].create(
            {
                "name": "Wedding inquiry",
                "type": "opportunity",
                "is_banquet": True,
                "user_id": user.id,
                "team_id": self.team.id,
                "event_type_id": self.wedding.id,
                "expected_pax": 200,
                **vals,
            }
        )

    def test_groups_form_a_chain_from_department_staff_to_manager(self):
        manager_groups = self.manager.groups_id
        for xmlid in (
            "hotel_banquet_crm.group_banquet_department",
            "hotel_banquet_crm.group_banquet_user",
            "hotel_banquet_crm.group_banquet_finance",
            "sales_team.group_sale_manager",
        ):
            self.assertIn(self.env.ref(xmlid), manager_groups)
        self.assertTrue(self.coordinator.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(self.coordinator.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(self.chef.has_group("sales_team.group_sale_salesman"))

    def test_coordinator_sees_own_and_team_leads_but_not_others(self):
        own = self._lead(self.coordinator)
        teammate = self._lead(self.colleague)
        foreign_team = self.env["crm.team"].create({"name": "Other team"})
        foreign = self._lead(self.outsider, team_id=foreign_team.id)
        visible = (
            self.env["crm.lead"].with_user(self.coordinator).search([("is_banquet", "=", True)])
        )
        self.assertIn(own, visible)
        self.assertIn(teammate, visible)
        self.assertNotIn(foreign, visible)

    def test_department_staff_cannot_read_leads(self):
        lead = self._lead(self.coordinator)
        with self.assertRaises(AccessError):
            lead.with_user(self.chef).read(["expected_revenue"])

    def test_other_hotel_leads_are_invisible(self):
        lead = self._lead(
            self.coordinator, user_id=False, company_id=self.other_hotel.id, team_id=False
        )
        self.assertFalse(
            self.env["crm.lead"].with_user(self.coordinator).search([("id", "=", lead.id)])
        )

    def test_event_types_are_shared_or_per_hotel(self):
        private = self.env["banquet.event.type"].create(
            {"name": "Lakeside beach party", "code": "BEACH", "company_id": self.other_hotel.id}
        )
        types = self.env["banquet.event.type"].with_user(self.coordinator).search([])
        self.assertIn(self.wedding, types)
        self.assertNotIn(private, types)
        with self.assertRaises(AccessError):
            self.env["banquet.event.type"].with_user(self.coordinator).create(
                {"name": "Not allowed", "code": "NO"}
            )

    def test_total_budget_follows_attendance_and_budget_per_head(self):
        lead = self._lead(self.coordinator, budget_per_head=450)
        self.assertEqual(lead.budget_total, 90000)
        lead.expected_pax = 100
        self.assertEqual(lead.budget_total, 45000)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_an_event_ending_before_it_starts(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._lead(
                self.coordinator,
                event_date_start="2027-05-01 12:00:00",
                event_date_end="2027-05-01 10:00:00",
            )

    def test_lead_shared_with_another_hotel_is_visible_to_its_sales_team(self):
        lakeside_sales = new_test_user(
            self.env,
            login="lakeside_sales",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=self.other_hotel.id,
            company_ids=[(6, 0, self.other_hotel.ids)],
        )
        lead = self._lead(self.coordinator)
        Lead = self.env["crm.lead"].with_user(lakeside_sales)
        self.assertFalse(Lead.search([("id", "=", lead.id)]))
        lead.shared_company_ids = self.other_hotel
        self.assertEqual(Lead.search([("id", "=", lead.id)]), lead)
        self.assertEqual(Lead.browse(lead.id).read(["expected_pax"])[0]["expected_pax"], 200)
        with self.assertRaises(AccessError, msg="department staff never see leads"):
            self.env["crm.lead"].with_user(self.chef).search([("id", "=", lead.id)])
