import logging
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import BanquetCrmCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "is_query_count")
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

    def _dashboard(self, user=None, company=None):
        """The user's own dashboard as the menu opens it, set on yesterday and today."""
        Dashboard = (
            self.env["banquet.sales.dashboard"]
            .with_user(user or self.director)
            .with_company(company or self.other_hotel)
        )
        action = Dashboard.action_open_my_dashboard()
        dashboard = Dashboard.browse(action["res_id"])
        today = (company or self.other_hotel)._banquet_today()
        dashboard.write({"date_from": today - timedelta(days=1), "date_to": today})
        return dashboard

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

    def test_dashboard_opens_on_the_managers_saved_record(self):
        Dashboard = self.env["banquet.sales.dashboard"].with_user(self.director)
        action = Dashboard.with_company(self.other_hotel).action_open_my_dashboard()
        self.assertEqual(action["res_model"], "banquet.sales.dashboard")
        self.assertEqual(action["view_mode"], "form")
        dashboard = Dashboard.browse(action["res_id"])
        self.assertTrue(dashboard.exists(), "a saved record: no Save/Discard on opening")
        self.assertEqual(dashboard.user_id, self.director)
        self.assertEqual(dashboard.inquiry_count, 6, "the figures show at once")
        again = Dashboard.with_company(self.other_hotel).action_open_my_dashboard()
        self.assertEqual(again["res_id"], dashboard.id, "one dashboard per manager")
        # the menu runs the server action, which opens the same record
        server_action = self.env.ref("hotel_banquet_crm.banquet_sales_dashboard_action")
        result = server_action.with_user(self.director).with_company(self.other_hotel).run()
        self.assertEqual(result["res_id"], dashboard.id)
        # another manager does not see it
        other = Dashboard.with_user(self.manager).action_open_my_dashboard()["res_id"]
        self.assertNotEqual(other, dashboard.id)
        self.assertFalse(Dashboard.search([("id", "=", other)]))

    def test_a_custom_period_sticks_and_rolling_periods_follow_the_hotel_calendar(self):
        self.other_hotel.banquet_tz = "Asia/Shanghai"
        Dashboard = self.env["banquet.sales.dashboard"].with_user(self.director)
        with freeze_time(datetime(2030, 5, 31, 16, 30)):  # 1 June 00:30 in Shanghai
            action = Dashboard.with_company(self.other_hotel).action_open_my_dashboard()
            dashboard = Dashboard.browse(action["res_id"])
            self.assertEqual(dashboard.period, "quarter")
            self.assertEqual(
                (dashboard.date_from, dashboard.date_to), (date(2030, 3, 1), date(2030, 6, 1))
            )
            with Form(dashboard) as form:
                form.period = "month"
                self.assertEqual(
                    (fields.Date.to_date(form.date_from), fields.Date.to_date(form.date_to)),
                    (date(2030, 6, 1), date(2030, 6, 1)),
                )
                form.date_from = date(2030, 1, 1)
                self.assertEqual(form.period, "custom")
        with freeze_time(datetime(2030, 7, 10, 4, 0)):
            Dashboard.with_company(self.other_hotel).action_open_my_dashboard()
            self.assertEqual(dashboard.date_from, date(2030, 1, 1), "a custom period is kept")
            dashboard.period = "year"
            self.assertEqual(
                (dashboard.date_from, dashboard.date_to), (date(2030, 1, 1), date(2030, 7, 10))
            )

    def test_periods_are_cut_at_each_hotels_midnight(self):
        self.env.user.tz = "UTC"
        self.hotel.banquet_tz = "Asia/Shanghai"
        self.other_hotel.banquet_tz = "America/New_York"
        Lead = self.env["crm.lead"].with_context(tracking_disable=True)
        received = {
            # 1 April 00:30 in Shanghai, still 31 March in UTC
            (self.hotel, datetime(2030, 3, 31, 16, 30)): "April",
            # 31 March 22:00 in New York, already 1 April in UTC
            (self.other_hotel, datetime(2030, 4, 1, 2, 0)): "March",
        }
        for (hotel, moment), label in received.items():
            lead = Lead.create(
                {"name": label, "is_banquet": True, "company_id": hotel.id, "type": "opportunity"}
            )
            lead.flush_recordset()
            self.env.cr.execute(
                "UPDATE crm_lead SET create_date = %s WHERE id = %s", [moment, lead.id]
            )
        dashboard = (
            self.env["banquet.sales.dashboard"]
            .with_company(self.hotel)
            .create({"company_ids": [(6, 0, (self.hotel | self.other_hotel).ids)]})
        )
        dashboard.invalidate_recordset()
        dashboard.write({"period": "custom", "date_from": "2030-03-01", "date_to": "2030-03-31"})
        march = self.env["crm.lead"].search(dashboard._period_domain())
        self.assertEqual(march.mapped("name"), ["March"])
        self.assertEqual(dashboard.inquiry_count, 1)
        dashboard.write({"date_from": "2030-04-01", "date_to": "2030-04-30"})
        april = self.env["crm.lead"].search(dashboard._period_domain())
        self.assertEqual(april.mapped("name"), ["April"])

    def test_dashboard_costs_the_same_queries_for_10_or_1000_inquiries(self):
        Lead = self.env["crm.lead"].with_context(tracking_disable=True, mail_create_nolog=True)
        price = self.env["crm.lost.reason"].create({"name": "Dates taken"})

        def add(count):
            leads = Lead.create(
                [
                    {
                        "name": "Bulk %s" % index,
                        "type": "opportunity",
                        "is_banquet": True,
                        "company_id": self.other_hotel.id,
                        "user_id": self.director.id,
                        "expected_revenue": 1000,
                        "lost_reason_id": price.id if index % 3 == 0 else False,
                        "active": index % 3 != 0,
                        "probability": 0 if index % 3 == 0 else 10,
                        "first_response_date": fields.Datetime.now() if index % 2 else False,
                    }
                    for index in range(count)
                ]
            )
            self.env.flush_all()
            return leads

        dashboard = self._dashboard()
        fields_shown = [
            "inquiry_count",
            "sla_share",
            "median_response_hours",
            "conversion_rate",
            "won_revenue",
            "losses_html",
        ]

        def count_queries():
            dashboard.invalidate_recordset()
            before = self.cr.sql_log_count
            dashboard.read(fields_shown)
            return self.cr.sql_log_count - before

        add(10)
        count_queries()  # warm-up
        small = count_queries()
        add(990)
        with self.assertQueryCount(small):
            dashboard.invalidate_recordset()
            dashboard.read(fields_shown)
        large = count_queries()
        _logger.info("sales dashboard queries: %s for 16 inquiries, %s for 1006", small, large)
        self.assertEqual(dashboard.inquiry_count, 1006)
        self.assertEqual(dashboard.lost_count, 1 + 334)
        self.assertEqual(large, small)
