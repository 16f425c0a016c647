from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetFunnel(BanquetCrmCommon):
    def test_time_spent_in_each_stage_is_recorded(self):
        new = self.env.ref("hotel_banquet_crm.crm_stage_banquet_new")
        contacted = self.env.ref("hotel_banquet_crm.crm_stage_banquet_contacted")
        now = self.env.cr.now()
        with freeze_time(now):
            lead = self.env["crm.lead"].create(
                {
                    "name": "Gala",
                    "is_banquet": True,
                    "user_id": self.coordinator.id,
                    "stage_id": new.id,
                }
            )
        with freeze_time(now + timedelta(hours=5)):
            lead.stage_id = contacted
        history = lead.banquet_stage_history_ids.sorted("id")
        self.assertEqual(history.stage_id, new | contacted)
        self.assertAlmostEqual(history[0].duration_hours, 5.0, places=2)
        self.assertFalse(history[1].date_end)

    def test_lost_inquiry_records_the_competitor(self):
        competitor = self.env.ref("hotel_banquet_crm.banquet_competitor_other_hotel")
        lead = self.env["crm.lead"].create(
            {"name": "Lost wedding", "is_banquet": True, "user_id": self.coordinator.id}
        )
        wizard = self.env["crm.lead.lost"].create(
            {"lead_ids": [(6, 0, lead.ids)], "competitor_id": competitor.id}
        )
        wizard.action_lost_reason_apply()
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_competitor_id, competitor)

    def test_logged_call_answers_the_inquiry(self):
        lead = self.env["crm.lead"].create(
            {"name": "Call me", "is_banquet": True, "user_id": self.coordinator.id}
        )
        self.env["banquet.lead.visit"].with_user(self.coordinator).create(
            {"lead_id": lead.id, "kind": "call"}
        )
        self.assertTrue(lead.first_response_date)
