from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetDashboard(BanquetCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The other hotel has no demo inquiry: the figures are exactly the fixtures'.
        cls.director = new_test_user(
            cls.env,
            login="lakeside_director",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_id=cls.other_hotel.id,
            company_ids=[(6, 0, cls.other_hotel.ids)],
        )
        Lead = cls.env["crm.lead"].with_context(tracking_disable=True)
        leads = Lead.create(
            [
                {
                    "name": "Inquiry %s" % index,
                    "type": "opportunity",
                    "is_banquet": True,
                    "company_id": cls.other_hotel.id,
                    "user_id": cls.director.id,
                    "expected_revenue": 10000 * index,
                }
                for index in range(1, 7)
            ]
        )
        cls.on_time, cls.late, cls.fast, cls.waiting, cls.won, cls.lost = leads
        for lead, hours in ((cls.on_time, 1), (cls.late, 3), (cls.fast, 0.5)):
            lead.first_response_date = lead.create_date + timedelta(hours=hours)
        # Not answered, deadline still ahead: not yet counted against the SLA.
        (cls.waiting | cls.won | cls.lost).first_response_deadline = (
            fields.Datetime.now() + timedelta(hours=2)
        )
        cls.won.stage_id = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.competitor = cls.env["banquet.competitor"].create({"name": "Grand Hyatt"})
        price = cls.env["crm.lost.reason"].create({"name": "Price too high"})
        cls.lost.lost_competitor_id = cls.competitor
        cls.lost.action_set_lost(lost_reason_id=price.id)

    def _dashboard(self):
        today = fields.Date.context_today(self.env.user)
        return (
            self.env["banquet.sales.dashboard"]
            .with_user(self.director)
            .with_company(self.other_hotel)
            .create({"date_from": today - timedelta(days=1), "date_to": today})
        )

    def test_dashboard_measures_first_response_timeliness(self):
        dashboard = self._dashboard()
        self.assertEqual(dashboard.inquiry_count, 6)
        self.assertEqual(dashboard.answered_count, 3)
        self.assertAlmostEqual(dashboard.sla_share, 200 / 3, places=2)
        self.assertAlmostEqual(dashboard.median_response_hours, 1.0, places=2)
        self.assertAlmostEqual(dashboard.average_response_hours, 1.5, places=2)

    def test_dashboard_measures_conversion_revenue_and_losses(self):
        dashboard = self._dashboard()
        self.assertEqual(dashboard.won_count, 1)
        self.assertEqual(dashboard.lost_count, 1)
        self.assertAlmostEqual(dashboard.conversion_rate, 100 / 6, places=2)
        self.assertEqual(dashboard.won_revenue, 50000)
        self.assertIn("Grand Hyatt", dashboard.losses_html)
        self.assertIn("Price too high", dashboard.losses_html)

    def test_lead_kpis_feed_the_pivot_reports(self):
        self.assertEqual(self.on_time.sla_met_percent, 100)
        self.assertEqual(self.late.sla_met_percent, 0)
        self.assertAlmostEqual(self.late.first_response_hours, 3.0, places=2)
        self.assertEqual(self.won.won_percent, 100)
        groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("company_id", "=", self.other_hotel.id)],
                ["user_id"],
                ["__count", "won_percent:avg", "sla_met_percent:avg"],
            )
        )
        [(user, count, conversion, sla)] = groups
        self.assertEqual((user, count), (self.director, 6))
        self.assertAlmostEqual(conversion, 100 / 6, places=2)
        self.assertAlmostEqual(sla, 100 / 3, places=2)

    def test_dashboard_analyses_open_on_the_period(self):
        dashboard = self._dashboard()
        action = dashboard.action_open_losses()
        leads = self.env["crm.lead"].with_context(**action["context"]).search(action["domain"])
        self.assertEqual(leads, self.lost)
        action = dashboard.action_open_per_salesperson()
        self.assertEqual(action["context"]["pivot_row_groupby"], ["user_id"])
        history = dashboard.action_open_stage_durations()
        self.assertTrue(
            self.env["banquet.lead.stage.history"].search(history["domain"]).lead_id
            <= (self.on_time | self.late | self.fast | self.waiting | self.won | self.lost)
        )

    def test_other_hotels_inquiries_stay_out_of_the_figures(self):
        self.env["crm.lead"].create(
            {"name": "Main hotel inquiry", "type": "opportunity", "is_banquet": True}
        )
        self.assertEqual(self._dashboard().inquiry_count, 6)
