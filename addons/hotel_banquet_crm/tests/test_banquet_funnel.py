from datetime import timedelta

from lxml import etree

from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

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

    def test_site_visit_with_a_next_step_reminds_the_salesperson(self):
        customer = self.env["res.partner"].create({"name": "Apex Pharma"})
        lead = self.env["crm.lead"].create(
            {
                "name": "Apex sales kick-off",
                "is_banquet": True,
                "partner_id": customer.id,
                "user_id": self.coordinator.id,
                "team_id": self.team.id,
            }
        )
        lead.activity_ids.unlink()
        visit = (
            self.env["banquet.lead.visit"]
            .with_user(self.coordinator)
            .create(
                {
                    "lead_id": lead.id,
                    "kind": "site",
                    "date": "2030-03-02 06:00:00",
                    "duration": 1.5,
                    "participant_ids": [(6, 0, customer.ids)],
                    "cost": 380,
                    "note": "Liked the ballroom, worried about parking",
                    "next_step": "Send proposal with parking package",
                    "next_step_date": "2030-03-05",
                }
            )
        )
        self.assertEqual(visit.partner_id, customer)
        self.assertEqual(str(visit.date_end), "2030-03-02 07:30:00")
        activity = lead.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Send proposal with parking package")
        self.assertEqual(str(activity.date_deadline), "2030-03-05")
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertEqual(customer.banquet_visit_count, 1)
        action = customer.action_view_banquet_visits()
        self.assertEqual(self.env["banquet.lead.visit"].search(action["domain"]), visit)

    def test_competitor_keeps_its_prices_and_the_deals_we_lost_to_it(self):
        competitor = self.env["banquet.competitor"].create(
            {"name": "Riverside Marriott", "price_per_head": 588, "price_notes": "Free parking"}
        )
        lead = self.env["crm.lead"].create({"name": "Lost gala", "is_banquet": True})
        lead.lost_competitor_id = competitor
        lead.action_set_lost()
        self.assertEqual(competitor.lost_lead_count, 1)
        self.assertEqual(competitor.price_per_head, 588)

    def test_moving_the_next_step_date_moves_its_todo_instead_of_adding_one(self):
        self.hotel.banquet_tz = "Asia/Shanghai"
        lead = self.env["crm.lead"].create(
            {"name": "Pharma launch", "is_banquet": True, "user_id": self.coordinator.id}
        )
        lead.activity_ids.unlink()
        visit = (
            self.env["banquet.lead.visit"]
            .with_user(self.coordinator)
            .create(
                {
                    "lead_id": lead.id,
                    "kind": "visit",
                    # 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai
                    "date": "2030-03-01 23:30:00",
                    "next_step": "Send the menu",
                    "next_step_date": "2030-03-05",
                }
            )
        )
        todo = lead.activity_ids
        self.assertEqual(len(todo), 1)
        self.assertIn("3/2/30, 7:30", str(todo.note), "the visit's time in the hotel's zone")
        visit.next_step_date = "2030-03-09"
        self.assertEqual(lead.activity_ids, todo, "the same to-do, moved")
        self.assertEqual(str(todo.date_deadline), "2030-03-09")
        visit.write(
            {"next_step": "Send the menu and the parking offer", "user_id": self.colleague.id}
        )
        self.assertEqual(lead.activity_ids, todo)
        self.assertEqual(todo.summary, "Send the menu and the parking offer")
        self.assertEqual(todo.user_id, self.colleague)
        visit.next_step_date = False
        self.assertFalse(lead.activity_ids, "no date, no reminder")
        visit.next_step_date = "2030-03-12"
        self.assertEqual(len(lead.activity_ids), 1)
        lead.activity_ids.action_feedback(feedback="Menu sent")
        visit.next_step_date = "2030-03-20"
        self.assertEqual(len(lead.activity_ids), 1, "a done to-do is history: a new one")
        self.assertEqual(str(lead.activity_ids.date_deadline), "2030-03-20")

    def test_an_inquiry_entered_without_channel_shows_in_the_funnel_under_a_name(self):
        direct = self.env.ref("hotel_banquet_crm.utm_source_direct")
        typed = self.env["crm.lead"].create({"name": "Walk-up wedding", "is_banquet": True})
        self.assertEqual(typed.source_id, direct)
        ctrip = self.env.ref("hotel_banquet_crm.utm_source_ctrip")
        from_ctrip = self.env["crm.lead"].create(
            {"name": "Ctrip gala", "is_banquet": True, "source_id": ctrip.id}
        )
        self.assertEqual(from_ctrip.source_id, ctrip)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.crm_lead_action_banquet_dashboard"
        )
        groups = self.env["crm.lead"]._read_group(
            safe_eval(action["domain"]) + [("id", "in", (typed | from_ctrip).ids)],
            ["source_id"],
            ["__count"],
        )
        self.assertEqual({source.name for source, _count in groups}, {direct.name, ctrip.name})
        graph = etree.fromstring(self.env.ref("hotel_banquet_crm.crm_lead_view_graph_funnel").arch)
        self.assertEqual(graph.xpath("//field/@name"), ["source_id", "stage_id"], "channels first")
