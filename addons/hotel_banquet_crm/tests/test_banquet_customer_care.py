import logging
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import BanquetCrmCommon, clone_rows, insert_partners

_logger = logging.getLogger(__name__)


class BanquetCareCommon(BanquetCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel.banquet_tz = "Asia/Shanghai"
        cls.other_hotel.banquet_tz = "America/New_York"
        cls.care_type = cls.env.ref("hotel_banquet_crm.mail_activity_type_banquet_care")
        cls.Partner = cls.env["res.partner"].with_context(tracking_disable=True)

    def _customers(self, count, grade="a", owner=None, **vals):
        return self.Partner.create(
            [
                dict(
                    {
                        "name": f"Customer {grade} {i}",
                        "is_company": True,
                        "banquet_grade": grade,
                        "banquet_account_user_id": (owner or self.coordinator).id,
                    },
                    **vals,
                )
                for i in range(count)
            ]
        )

    def _count_queries(self, method):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        method()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _care_activities(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.care_type.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestBanquetCareCadence(BanquetCareCommon):
    def test_care_contacts_follow_the_grade_cadence_as_days_pass(self):
        grade_a = self._customers(1, "a")
        grade_b = self._customers(1, "b")
        grade_c = self._customers(1, "c")
        potential = self._customers(1, "potential")
        start = datetime(2027, 3, 1, 2, 0)  # 10:00 in Shanghai
        for day in range(29):
            with freeze_time(start + timedelta(days=day)):
                self.Partner._cron_banquet_care()
        self.assertEqual(len(self._care_activities(grade_a)), 5, "weekly: days 0, 7, 14, 21, 28")
        self.assertEqual(len(self._care_activities(grade_b)), 3, "every two weeks: 0, 14, 28")
        self.assertEqual(len(self._care_activities(grade_c)), 1, "monthly: day 0 only")
        self.assertFalse(self._care_activities(potential))
        self.assertEqual(
            sorted(self._care_activities(grade_b).mapped("date_deadline")),
            [date(2027, 3, 1), date(2027, 3, 15), date(2027, 3, 29)],
        )
        self.assertEqual(self._care_activities(grade_a).user_id, self.coordinator)

    def test_cadence_is_configured_per_hotel(self):
        self.hotel.banquet_care_days_a = 3
        customer = self._customers(1, "a")
        start = datetime(2027, 3, 1, 2, 0)
        for day in range(7):
            with freeze_time(start + timedelta(days=day)):
                self.Partner._cron_banquet_care()
        self.assertEqual(len(self._care_activities(customer)), 3, "days 0, 3 and 6")

    def test_care_day_is_the_hotel_day_not_the_utc_day(self):
        shanghai = self._customers(1, "a")
        new_york_owner = self.coordinator.copy(
            {
                "login": "ny_owner",
                "company_id": self.other_hotel.id,
                "company_ids": [(6, 0, self.other_hotel.ids)],
            }
        )
        new_york = self._customers(1, "a", owner=new_york_owner)
        # 16:30 UTC: already 00:30 on the 2nd in Shanghai, still 11:30 on the 1st in New York
        with freeze_time(datetime(2027, 3, 1, 16, 30)):
            self.Partner._cron_banquet_care()
        self.assertEqual(self._care_activities(shanghai).date_deadline, date(2027, 3, 2))
        self.assertEqual(self._care_activities(new_york).date_deadline, date(2027, 3, 1))
        # the next Shanghai contact is due 7 Shanghai days later, at its midnight
        with freeze_time(datetime(2027, 3, 8, 15, 59)):
            self.Partner._cron_banquet_care()
        self.assertEqual(len(self._care_activities(shanghai)), 1)
        with freeze_time(datetime(2027, 3, 8, 16, 0)):
            self.Partner._cron_banquet_care()
        self.assertEqual(len(self._care_activities(shanghai)), 2)

    def test_done_care_contact_counts_for_compliance(self):
        customer = self._customers(1, "a")
        with freeze_time(datetime(2027, 3, 1, 2, 0)):
            self.Partner._cron_banquet_care()
        log = customer.banquet_care_log_ids
        self.assertEqual(log.state, "open")
        with freeze_time(datetime(2027, 3, 1, 9, 0)):
            self._care_activities(customer).action_feedback(feedback="Called the assistant")
        self.assertEqual(log.date_done, date(2027, 3, 1))
        self.assertEqual((log.state, log.on_time_percent), ("on_time", 100.0))
        with freeze_time(datetime(2027, 3, 8, 2, 0)):
            self.Partner._cron_banquet_care()
        late = customer.banquet_care_log_ids - log
        with freeze_time(datetime(2027, 3, 10, 2, 0)):
            self._care_activities(customer).action_feedback(feedback="Visited")
        self.assertEqual((late.state, late.on_time_percent), ("late", 0.0))

    def test_birthday_and_anniversary_reminders_come_once_with_their_templates(self):
        account = self._customers(1, "b", banquet_anniversary=date(2001, 3, 10))
        contact = self.Partner.create(
            {"name": "Li Wei", "parent_id": account.id, "banquet_birthday": date(1985, 3, 5)}
        )
        key_type = self.env.ref("hotel_banquet_crm.mail_activity_type_banquet_key_date")
        self.assertIn(
            self.env.ref("hotel_banquet_crm.mail_template_banquet_birthday"),
            key_type.mail_template_ids,
        )
        with freeze_time(datetime(2027, 2, 25, 2, 0)):
            self.Partner._cron_banquet_key_dates()
        self.assertFalse(contact.activity_ids, "8 days before: not yet")
        with freeze_time(datetime(2027, 2, 26, 2, 0)):
            self.Partner._cron_banquet_key_dates()
            self.Partner._cron_banquet_key_dates()
        self.assertEqual(contact.activity_ids.activity_type_id, key_type)
        self.assertEqual(contact.activity_ids.date_deadline, date(2027, 3, 5))
        self.assertEqual(contact.activity_ids.user_id, self.coordinator)
        self.assertFalse(account.activity_ids)
        with freeze_time(datetime(2027, 3, 3, 2, 0)):
            self.Partner._cron_banquet_key_dates()
        self.assertEqual(len(contact.activity_ids), 1, "reminded once a year")
        self.assertEqual(account.activity_ids.date_deadline, date(2027, 3, 10))
        self.assertIn("Anniversary", account.activity_ids.summary)


@tagged("post_install", "-at_install", "is_query_count")
class TestBanquetCareCronQueries(BanquetCareCommon):
    """The care, churn and key-date crons cost the same queries for 10 or 10,000 customers.

    The 10,000 are written in SQL (``insert_partners``): the crons read them through the
    ORM like any other customer. A run takes one batch of ``_banquet_cron_batch`` and marks
    it; the next run goes on from there at the same cost. (Draining all 10,000, 100 runs,
    takes about a minute: two runs show the cost and the restart.)"""

    BULK = 10000

    def _assert_constant(self, cron, make, make_bulk, domain, label):
        moment = datetime(2027, 3, 1, 2, 0)
        batch = self.Partner._banquet_cron_batch
        counts = {}
        with freeze_time(moment):
            for size in (3, 10):  # the first batch warms the caches up
                make(size)
                counts[size] = self._count_queries(cron)
            self.assertFalse(self.Partner.search_count(domain()))
            make_bulk(self.BULK)
            self.assertEqual(self.Partner.search_count(domain()), self.BULK)
            self.env.invalidate_all()
            with self.assertQueryCount(counts[10]):
                cron()
            # one run, one batch: it marks what it did, the next run goes on from there
            self.assertEqual(self.Partner.search_count(domain()), self.BULK - batch)
            counts[self.BULK] = self._count_queries(cron)
            self.assertEqual(self.Partner.search_count(domain()), self.BULK - 2 * batch)
        _logger.info("%s cron queries per run: %s (batch %s)", label, counts, batch)
        self.assertLessEqual(counts[self.BULK], counts[10])
        return batch

    def test_care_cron_costs_the_same_queries_for_10_or_10000_customers(self):
        batch = self._assert_constant(
            self.Partner._cron_banquet_care,
            lambda n: self._customers(n, "a"),
            lambda n: insert_partners(
                self.env,
                n,
                "Bulk customer",
                banquet_grade="a",
                banquet_account_user_id=self.coordinator.id,
            ),
            self.Partner._banquet_care_domain,
            "care",
        )
        # each customer planned once: the second run did not take the first run's again
        logs = self.env["banquet.care.log"].search([])
        self.assertEqual(len(logs), 13 + 2 * batch)
        self.assertEqual(len(logs.partner_id), 13 + 2 * batch)
        self.assertEqual(len(self._care_activities(logs.partner_id)), 13 + 2 * batch)

    def test_churn_cron_costs_the_same_queries_for_10_or_10000_customers(self):
        def make(n):
            customers = self._customers(n, "b")
            self.env["banquet.complaint"].create(
                [{"subject": "Noise", "partner_id": c.id} for c in customers[: n // 2]]
            )

        def make_bulk(n):
            customers = insert_partners(
                self.env,
                n,
                "Bulk customer",
                banquet_grade="b",
                banquet_account_user_id=self.coordinator.id,
            )
            template = self.env["banquet.complaint"].search([], limit=1)
            clone_rows(
                template,
                customers[: n // 2],
                partner_id="p.id",
                commercial_partner_id="p.id",
                name="'BULK/' || p.n",
            )

        batch = self._assert_constant(
            self.Partner._cron_banquet_churn,
            make,
            make_bulk,
            self.Partner._banquet_churn_domain,
            "churn",
        )
        checked = self.Partner.search(
            [("name", "=like", "Bulk customer %"), ("banquet_churn_checked", "!=", False)]
        )
        self.assertEqual(len(checked), 2 * batch)
        with_complaint = (
            self.env["banquet.complaint"].search([("partner_id", "in", checked.ids)]).partner_id
        )
        self.assertTrue(with_complaint)
        self.assertEqual(checked.filtered("banquet_churn_warning"), with_complaint)

    def test_key_date_cron_costs_the_same_queries_for_10_or_10000_customers(self):
        anniversary = date(2000, 3, 4)
        self._assert_constant(
            self.Partner._cron_banquet_key_dates,
            lambda n: self._customers(n, "c", banquet_anniversary=anniversary),
            lambda n: insert_partners(
                self.env,
                n,
                "Bulk customer",
                banquet_grade="c",
                banquet_account_user_id=self.coordinator.id,
                banquet_anniversary=anniversary,
            ),
            lambda: self.Partner._banquet_key_date_domain(
                "banquet_anniversary", "banquet_anniversary_reminded"
            ),
            "key dates",
        )


@tagged("post_install", "-at_install")
class TestBanquetChurnWarnings(BanquetCareCommon):
    def test_open_complaint_raises_a_churn_warning_with_its_reason(self):
        customer = self._customers(1, "a")
        complaint = self.env["banquet.complaint"].create(
            {"subject": "Cold food", "partner_id": customer.id}
        )
        self.Partner._cron_banquet_churn()
        self.assertTrue(customer.banquet_churn_warning)
        self.assertIn("1 open complaint", customer.banquet_churn_reason)
        churn_type = self.env.ref("hotel_banquet_crm.mail_activity_type_banquet_churn")
        activity = customer.activity_ids.filtered(lambda a: a.activity_type_id == churn_type)
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertIn("open complaint", str(activity.note))
        # checked once a day; the next day, the complaint closed, the warning goes
        complaint.write(
            {"state": "analyse", "resolution": "x", "root_cause": "y", "corrective_action": "z"}
        )
        complaint.action_close()
        self.Partner._cron_banquet_churn()
        self.assertTrue(customer.banquet_churn_warning, "already checked today")
        with freeze_time(fields.Datetime.now() + timedelta(days=1)):
            self.Partner._cron_banquet_churn()
        self.assertFalse(customer.banquet_churn_warning)
        self.assertFalse(customer.banquet_churn_reason)

    def test_no_contact_for_months_raises_a_churn_warning(self):
        with freeze_time(datetime(2027, 1, 1, 2, 0)):
            customer = self._customers(1, "b")
            lead = self.env["crm.lead"].create(
                {"name": "Gala", "is_banquet": True, "partner_id": customer.id}
            )
            self.env["banquet.lead.visit"].create(
                {"lead_id": lead.id, "user_id": self.coordinator.id, "kind": "visit"}
            )
        with freeze_time(datetime(2027, 6, 30, 2, 0)):
            self.Partner._cron_banquet_churn()
        self.assertFalse(customer.banquet_churn_warning, "less than 6 months")
        with freeze_time(datetime(2027, 7, 2, 2, 0)):
            self.Partner._cron_banquet_churn()
        self.assertTrue(customer.banquet_churn_warning)
        self.assertIn("No contact for 6 months", customer.banquet_churn_reason)

    def test_lost_customer_records_reason_and_competitor_and_leaves_care(self):
        customer = self._customers(1, "a")
        reason = self.env["crm.lost.reason"].create({"name": "Price"})
        competitor = self.env["banquet.competitor"].create({"name": "Grand Palace"})
        customer.write(
            {"banquet_lost_reason_id": reason.id, "banquet_lost_competitor_id": competitor.id}
        )
        self.Partner._cron_banquet_care()
        self.Partner._cron_banquet_churn()
        self.assertFalse(customer.activity_ids)


@tagged("post_install", "-at_install")
class TestBanquetComplaint(BanquetCareCommon):
    def test_complaint_goes_through_every_state(self):
        customer = self._customers(1, "a")
        Complaint = self.env["banquet.complaint"].with_user(self.coordinator)
        with freeze_time(datetime(2027, 3, 1, 2, 0)):
            complaint = Complaint.create(
                {
                    "subject": "Microphone failed",
                    "partner_id": customer.id,
                    "category": "av",
                    "severity": "high",
                }
            )
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertEqual(complaint.state, "record")
        self.assertEqual(complaint.date_deadline, datetime(2027, 3, 2, 2, 0))
        self.assertIn("10:00", complaint.date_deadline_hotel, "shown in Shanghai time")
        with self.assertRaisesRegex(UserError, "cannot be moved"):
            complaint.action_analyse()
        complaint.action_investigate()
        with self.assertRaisesRegex(UserError, "Resolution"):
            complaint.action_resolve()
        complaint.resolution = "Replaced the microphone, offered a free coffee break"
        with freeze_time(datetime(2027, 3, 1, 8, 0)):
            complaint.action_resolve()
        self.assertEqual(complaint.state, "resolve")
        self.assertAlmostEqual(complaint.resolution_hours, 6.0)
        self.assertEqual(complaint.on_time_percent, 100.0)
        with self.assertRaisesRegex(UserError, "root cause"):
            complaint.action_analyse()
        complaint.write({"root_cause": "No spare batteries", "corrective_action": "Checklist"})
        complaint.action_analyse()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.date_closed)
        with self.assertRaisesRegex(UserError, "cannot be moved"):
            complaint.action_investigate()

    def test_overdue_complaints_are_flagged_once_with_a_todo(self):
        customer = self._customers(1, "a")
        with freeze_time(datetime(2027, 3, 1, 2, 0)):
            complaint = self.env["banquet.complaint"].create(
                {"subject": "Late setup", "partner_id": customer.id, "user_id": self.colleague.id}
            )
        with freeze_time(datetime(2027, 3, 2, 1, 59)):
            self.env["banquet.complaint"]._cron_banquet_overdue()
        self.assertFalse(complaint.overdue)
        with freeze_time(datetime(2027, 3, 2, 2, 1)):
            self.env["banquet.complaint"]._cron_banquet_overdue()
            self.env["banquet.complaint"]._cron_banquet_overdue()
        self.assertTrue(complaint.overdue)
        self.assertEqual(complaint.activity_ids.user_id, self.colleague)
        self.assertEqual(complaint.activity_ids.date_deadline, date(2027, 3, 2))

    def test_complaints_stay_in_their_hotel_and_away_from_department_staff(self):
        customer = self._customers(1, "a")
        complaint = self.env["banquet.complaint"].create(
            {"subject": "Noise", "partner_id": customer.id}
        )
        other = self.env["banquet.complaint"].create(
            {"subject": "Noise", "partner_id": customer.id, "company_id": self.other_hotel.id}
        )
        visible = self.env["banquet.complaint"].with_user(self.coordinator).search([])
        self.assertIn(complaint, visible)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            complaint.with_user(self.chef).read(["subject"])


@tagged("post_install", "-at_install")
class TestBanquetCareDashboard(BanquetCareCommon):
    def test_dashboard_shows_complaints_care_compliance_and_churn(self):
        customer = self._customers(1, "a")
        with freeze_time(datetime(2027, 3, 1, 2, 0)):
            self.Partner._cron_banquet_care()
            self._care_activities(customer).action_feedback(feedback="Called")
            self.env["banquet.complaint"].create({"subject": "Noise", "partner_id": customer.id})
        with freeze_time(datetime(2027, 3, 8, 2, 0)):
            self.Partner._cron_banquet_care()
            self.Partner._cron_banquet_churn()
        dashboard = (
            self.env["banquet.sales.dashboard"]
            .with_user(self.manager)
            .create({"date_from": date(2027, 3, 1), "date_to": date(2027, 3, 31)})
        )
        self.assertEqual(dashboard.complaint_count, 1)
        self.assertEqual(dashboard.complaint_open_count, 1)
        self.assertEqual(dashboard.care_due_count, 2)
        self.assertEqual(dashboard.care_compliance, 50.0)
        self.assertEqual(dashboard.churn_warning_count, 1)
        action = dashboard.action_open_care_compliance()
        self.assertEqual(self.env["banquet.care.log"].search_count(action["domain"]), 2)


@tagged("post_install", "-at_install")
class TestBanquetKeyDateLeapDay(BanquetCareCommon):
    def test_leap_day_birthday_is_remembered_on_the_28th(self):
        account = self._customers(1, "b")
        contact = self.Partner.create(
            {"name": "Leap", "parent_id": account.id, "banquet_birthday": date(1992, 2, 29)}
        )
        self.assertEqual(
            self.Partner._banquet_next_occurrence(contact.banquet_birthday, date(2027, 3, 1)),
            date(2028, 2, 29),
        )
        self.assertEqual(
            self.Partner._banquet_next_occurrence(contact.banquet_birthday, date(2026, 3, 1)),
            date(2027, 2, 28),
        )

    def test_a_private_customer_gets_churn_warnings_too(self):
        person = self._customers(1, "a", is_company=False)
        self.env["banquet.complaint"].create({"subject": "Late", "partner_id": person.id})
        self.Partner._cron_banquet_churn()
        self.assertTrue(person.banquet_churn_warning)
