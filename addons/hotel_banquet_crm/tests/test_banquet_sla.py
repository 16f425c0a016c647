import logging
from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import BanquetCrmCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "is_query_count")
class TestBanquetSla(BanquetCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.user_id = cls.manager
        cls.now = cls.env.cr.now()

    def _create_leads(self, count, user=None):
        """Create ``count`` banquet inquiries in one batch, as an import would."""
        return (
            self.env["crm.lead"]
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Inquiry {i}",
                        "type": "opportunity",
                        "is_banquet": True,
                        "user_id": (user or self.coordinator).id,
                        "team_id": self.team.id,
                    }
                    for i in range(count)
                ]
            )
        )

    def _count_queries(self, method):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        method()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_first_response_deadline_follows_company_then_channel_hours(self):
        self.hotel.banquet_first_response_hours = 4
        lead = self._create_leads(1)
        self.assertEqual(lead.first_response_deadline, lead.create_date + timedelta(hours=4))
        channel = self.env["banquet.intake.channel"].create(
            {
                "name": "HRS",
                "source_id": self.env.ref("hotel_banquet_crm.utm_source_hrs").id,
                "first_response_hours": 1,
            }
        )
        lead = self.env["crm.lead"].create(
            {"name": "From HRS", "is_banquet": True, "banquet_intake_channel_id": channel.id}
        )
        self.assertEqual(lead.first_response_deadline, lead.create_date + timedelta(hours=1))

    def test_overdue_inquiries_are_flagged_and_the_team_leader_told_once(self):
        self.manager.tz = "Asia/Shanghai"
        answered, late = self._create_leads(2)
        answered.with_user(self.coordinator).message_post(
            body="We have the ballroom.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        with freeze_time(self.now + timedelta(hours=1)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        self.assertFalse(late.sla_overdue, "still within the 2 hours")
        with freeze_time(self.now + timedelta(hours=3)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        self.assertTrue(late.sla_overdue)
        self.assertFalse(answered.sla_overdue)
        self.assertEqual(late.activity_ids.user_id, self.manager)
        self.assertEqual(len(late.activity_ids), 1, "the second run does not notify again")
        local_deadline = late.first_response_deadline + timedelta(hours=8)
        self.assertIn(
            local_deadline.strftime("%I:%M").lstrip("0"),
            str(late.activity_ids.note),
            "the deadline is told in the leader's time zone (Shanghai, UTC+8)",
        )
        # the leader's internal to-do done is no answer to the client...
        late.activity_ids.action_feedback(feedback="Asked Lily to call")
        self.assertFalse(late.first_response_date)
        # ...a call logged as done is
        late.activity_schedule("mail.mail_activity_data_call", user_id=self.coordinator.id)
        late.activity_ids.action_feedback(feedback="Called the client")
        self.assertTrue(late.first_response_date)
        self.assertFalse(late.sla_overdue)

    def test_a_backdated_call_visit_or_mail_answers_when_it_was_recorded(self):
        """The first response is when the call, visit or mail was recorded (its create
        date), not a date typed into it: backdating does not make an overdue inquiry
        answered in time."""
        visited, mailed = leads = self._create_leads(2)
        deadline = self.now - timedelta(hours=1)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET first_response_deadline = %s, sla_overdue = TRUE WHERE id IN %s",
            [deadline, leads._ids],
        )
        self.env.invalidate_all()
        typed = deadline - timedelta(hours=1)
        visit = (
            self.env["banquet.lead.visit"]
            .with_user(self.coordinator)
            .create({"lead_id": visited.id, "date": typed, "kind": "visit"})
        )
        self.assertEqual(visit.date, typed, "the visit keeps the day it happened")
        message = mailed.with_user(self.coordinator).message_post(
            body="We called the client.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            date=typed,
        )
        self.assertEqual(message.date, typed)
        for lead, record in ((visited, visit), (mailed, message)):
            with self.subTest(answer=record._name):
                self.assertEqual(lead.first_response_date, record.create_date)
                self.assertGreater(lead.first_response_date, lead.first_response_deadline)
                self.assertEqual(lead.sla_met_percent, 0.0, "answered late")
                self.assertGreaterEqual(lead.first_response_hours, 0.0)
                self.assertFalse(lead.sla_overdue, "answered, if late")

    def _run_until_done(self, cron, domain, moment):
        runs = 0
        with freeze_time(moment):
            while self.env["crm.lead"].search_count(domain):
                cron()
                runs += 1
        return runs

    def test_first_response_cron_costs_the_same_queries_for_10_or_1000_inquiries(self):
        Lead = self.env["crm.lead"]
        cron = Lead._cron_banquet_first_response_sla
        moment = self.now + timedelta(hours=3)
        counts = {}
        leads = Lead
        for size in (3, 10):  # the first batch warms the caches up
            leads |= self._create_leads(size)
            with freeze_time(moment):
                counts[size] = self._count_queries(cron)
        leads |= self._create_leads(1000)
        self.env.invalidate_all()
        with freeze_time(moment), self.assertQueryCount(counts[10]):
            cron()
        with freeze_time(moment):
            counts[1000] = self._count_queries(cron)  # the next run over the backlog
        _logger.info("first-response SLA cron queries per run: %s", counts)
        self.assertEqual(counts[10], 18)
        self.assertEqual(counts[1000], counts[10])
        with freeze_time(moment):
            domain = Lead._banquet_sla_domain()
        runs = self._run_until_done(cron, domain, moment)
        self.assertEqual(runs, 8, "the rest of the backlog is handled by 8 more runs of 100")
        self.assertEqual(leads.filtered("sla_overdue"), leads)
        self.assertEqual(len(leads.activity_ids), 1013)
        with freeze_time(moment), self.assertQueryCount(3):
            cron()  # nothing left: search, count

    def test_no_follow_up_escalates_to_the_team_leader(self):
        lead = self._create_leads(1)
        with freeze_time(self.now + timedelta(days=29)):
            self.env["crm.lead"]._cron_banquet_no_followup()
        self.assertFalse(lead.activity_ids)
        with freeze_time(self.now + timedelta(days=31)):
            self.env["crm.lead"]._cron_banquet_no_followup()
        self.assertEqual(lead.user_id, self.coordinator)
        self.assertEqual(lead.activity_ids.user_id, self.manager)
        self.assertIn("No follow-up for 30 days", lead.message_ids[0].body)

    def test_no_follow_up_reassigns_when_the_hotel_says_so(self):
        self.hotel.banquet_no_followup_action = "reassign"
        self.hotel.banquet_no_followup_days = 10
        stale, followed = self._create_leads(2)
        with freeze_time(self.now + timedelta(days=8)):
            followed.message_post(body="Client called back", message_type="comment")
        with freeze_time(self.now + timedelta(days=11)):
            self.env["crm.lead"]._cron_banquet_no_followup()
        self.assertEqual(stale.user_id, self.colleague)
        self.assertIn("re-assigned", stale.message_ids[0].body)
        self.assertEqual(followed.user_id, self.coordinator)

    def test_no_follow_up_cron_costs_the_same_queries_for_10_or_1000_inquiries(self):
        Lead = self.env["crm.lead"]
        cron = Lead._cron_banquet_no_followup
        counts = {}
        day = 31
        leads = Lead
        moment = self.now + timedelta(days=day)
        for size in (3, 10):  # the first batch warms the caches up
            leads |= self._create_leads(size)
            # earlier batches were alarmed already and are not touched again
            with freeze_time(moment):
                counts[size] = self._count_queries(cron)
        leads |= self._create_leads(1000)
        self.env.invalidate_all()
        with freeze_time(moment), self.assertQueryCount(counts[10]):
            cron()
        with freeze_time(moment):
            counts[1000] = self._count_queries(cron)
        _logger.info("no follow-up cron queries per run: %s", counts)
        self.assertEqual(counts[10], 25)
        self.assertEqual(counts[1000], counts[10])
        with freeze_time(moment):
            domain = Lead._banquet_no_followup_domain(moment)
        self.assertEqual(self._run_until_done(cron, domain, moment), 8)
        self.assertEqual(set(leads.activity_ids.mapped("res_id")), set(leads.ids))
        self.assertEqual(len(leads.activity_ids), 1013)

    def test_alarm_message_is_written_in_chinese_for_a_chinese_hotel(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hotel_banquet_crm"], ["zh_CN"], overwrite=True
        )
        self.hotel.banquet_lang = "zh_CN"
        lead = self._create_leads(1)
        with freeze_time(self.now + timedelta(days=31)):
            self.env["crm.lead"]._cron_banquet_no_followup()
        self.assertIn("30 天未跟进：已升级给团队负责人", lead.message_ids[0].body)
