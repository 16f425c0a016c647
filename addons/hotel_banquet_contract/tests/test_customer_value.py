import json
import logging
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

from odoo.addons.hotel_banquet_crm.tests.common import clone_rows, insert_partners

_logger = logging.getLogger(__name__)

NOW = datetime(2027, 3, 1, 2, 0)  # 10:00 in Shanghai


class BanquetCustomerValueCommon(TransactionCase):
    """The group's main hotel (it has a chart of accounts) with small tier thresholds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.hotel = cls.env.company
        cls.hotel.write(
            {
                "banquet_tz": "Asia/Shanghai",
                "banquet_tier_platinum_amount": 1000,
                "banquet_tier_platinum_events": 3,
                "banquet_tier_gold_amount": 500,
                "banquet_tier_gold_events": 2,
                "banquet_tier_silver_amount": 100,
                "banquet_tier_silver_events": 1,
                "banquet_tier_churn_days": 365,
                "banquet_nps_low_score": 6,
            }
        )
        cls.salesperson = new_test_user(
            cls.env,
            login="care_sales",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[Command.set(cls.hotel.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="care_manager",
            groups="hotel_banquet_crm.group_banquet_manager,account.group_account_invoice",
            company_ids=[Command.set(cls.hotel.ids)],
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Banquet package", "type": "service", "list_price": 100, "taxes_id": False}
        )
        cls.Partner = cls.env["res.partner"]

    @classmethod
    def _customer(cls, name="Acme", **vals):
        return cls.Partner.create(
            dict(
                {
                    "name": name,
                    "is_company": True,
                    "customer_rank": 1,
                    "banquet_account_user_id": cls.salesperson.id,
                    "email": f"{name.lower().replace(' ', '.')}@example.com",
                },
                **vals,
            )
        )

    @classmethod
    def _local(cls, day, hour=12):
        return cls.hotel._banquet_to_utc(datetime.combine(day, time(hour)))

    @classmethod
    def _events(cls, partner, days, status="closed", hour=12):
        """Past events on the hotel days ``days``, moved straight to ``status``.

        History fixtures: the status and dates are written in SQL, as the event flow
        (options, signatures, deposits) is not what these tests are about.
        """
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "is_banquet": True,
                    "event_name": f"Event {day}",
                    "user_id": cls.salesperson.id,
                }
                for day in days
            ]
        )
        for order, day in zip(orders, days, strict=True):
            start = cls._local(day, hour)
            cls.env.cr.execute(
                "UPDATE sale_order SET banquet_status = %s, event_date_start = %s,"
                " event_date_end = %s, date_order = %s WHERE id = %s",
                (status, start, start + timedelta(hours=4), start - timedelta(days=30), order.id),
            )
        orders.invalidate_recordset()
        return orders

    @classmethod
    def _invoice(cls, partner, amount, day, refund=False, post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product.id, "price_unit": amount, "tax_ids": False}
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _run_tiers(self, moment=NOW):
        with freeze_time(moment):
            for _run in range(50):
                if not self.Partner.search_count(self.Partner._banquet_tier_domain()):
                    break
                self.Partner._cron_banquet_tiers()


@tagged("post_install", "-at_install")
class TestBanquetValueTiers(BanquetCustomerValueCommon):
    def test_tiers_at_every_boundary(self):
        today = date(2027, 3, 1)
        recent = [today - timedelta(days=10 * n) for n in range(1, 4)]
        cases = {}

        def case(name, tier, events, revenue, refund=0.0, old_invoice=0.0):
            partner = self._customer(name)
            self._events(partner, events)
            if revenue:
                self._invoice(partner, revenue, today - timedelta(days=5))
            if refund:
                self._invoice(partner, refund, today - timedelta(days=4), refund=True)
            if old_invoice:
                self._invoice(partner, old_invoice, today - relativedelta(months=24, days=1))
            cases[partner] = tier

        case("Platinum exactly", "platinum", recent, 1000)
        case("Platinum minus a cent", "gold", recent, 999.99)
        case("Platinum one event short", "gold", recent[:2], 5000)
        case("Gold exactly", "gold", recent[:2], 500)
        case("Gold one event short", "silver", recent[:1], 5000)
        case("Silver exactly", "silver", recent[:1], 100)
        case("Below silver", "potential", recent[:1], 99.99)
        case("Credit note deducted", "silver", recent[:2], 600, refund=200)
        case("Invoice older than 24 months", "potential", recent[:1], 0, old_invoice=5000)
        case("Never booked", "potential", [], 0)
        case("Last event 365 days ago", "silver", [today - timedelta(days=365)], 100)
        case("Last event 366 days ago", "churn", [today - timedelta(days=366)], 100)
        tentative = self._customer("Only a tentative event")
        self._events(tentative, recent, status="tentative")
        self._invoice(tentative, 5000, today - timedelta(days=5), post=False)
        cases[tentative] = "potential"
        self._run_tiers()
        got = {partner.name: partner.banquet_tier for partner in cases}
        self.assertEqual(got, {partner.name: tier for partner, tier in cases.items()})
        platinum = next(p for p, t in cases.items() if t == "platinum")
        self.assertEqual(platinum.banquet_events_24, 3)
        self.assertEqual(platinum.banquet_revenue_24, 1000)
        self.assertEqual(platinum.banquet_last_event_date, recent[0])
        history = platinum.banquet_tier_history_ids
        self.assertEqual((history.old_tier, history.new_tier), (False, "platinum"))

    def test_revenue_is_in_the_customer_hotels_currency(self):
        """A customer the Singapore hotel looks after, invoiced by the main hotel: its
        revenue is in Singapore's currency at the day's rate, never one currency's amounts
        added to another's."""
        main = self.hotel.currency_id
        other = self.env["res.currency"].search(
            [("id", "!=", main.id), ("name", "in", ("SGD", "EUR", "USD"))], limit=1
        )
        other.active = True
        singapore = self.env["res.company"].create(
            {"name": "Marina Bay Hotel", "currency_id": other.id, "banquet_tz": "Asia/Singapore"}
        )
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": main.id,
                    "name": "2027-01-01",
                    "rate": 1.0,
                    "company_id": singapore.id,
                },
                {
                    "currency_id": other.id,
                    "name": "2027-01-01",
                    "rate": 0.2,
                    "company_id": singapore.id,
                },
            ]
        )
        owner = new_test_user(
            self.env,
            login="marina_sales",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=singapore.id,
            company_ids=[Command.set(singapore.ids)],
        )
        customer = self._customer("Lion City Events", banquet_account_user_id=owner.id)
        local = self._customer("Pudong Partners")
        for partner in (customer, local):
            self._events(partner, [date(2027, 2, 1)])
            self._invoice(partner, 1000, date(2027, 2, 10))
        self._run_tiers()
        self.assertEqual(customer.banquet_revenue_currency_id, other)
        self.assertEqual(customer.banquet_revenue_24, 200.0)
        self.assertEqual(local.banquet_revenue_currency_id, main)
        self.assertEqual(local.banquet_revenue_24, 1000.0)
        self.assertEqual(customer.banquet_tier_history_ids.currency_id, other)
        self.assertEqual(customer.banquet_tier_history_ids.revenue_24, 200.0)

    def test_tier_changes_are_kept_and_checked_once_a_hotel_day(self):
        partner = self._customer()
        self._events(partner, [date(2027, 2, 1)])
        self._invoice(partner, 100, date(2027, 2, 2))
        self._run_tiers()
        self.assertEqual(partner.banquet_tier, "silver")
        self._invoice(partner, 900, date(2027, 2, 20))
        self._run_tiers(NOW + timedelta(hours=13))  # 23:00 in Shanghai: same hotel day
        self.assertEqual(partner.banquet_tier, "silver")
        self._run_tiers(NOW + timedelta(hours=14))  # the next day in Shanghai
        self.assertEqual(partner.banquet_tier, "silver", "one event: not gold yet")
        self._events(partner, [date(2027, 2, 25)])
        self._run_tiers(NOW + timedelta(days=2))
        self.assertEqual(partner.banquet_tier, "gold")
        self.assertEqual(
            partner.banquet_tier_history_ids.sorted("date").mapped("new_tier"), ["silver", "gold"]
        )

    def test_a_customer_falling_to_churn_gets_a_win_back_todo(self):
        partner = self._customer()
        self._events(partner, [date(2026, 1, 1)])
        self._run_tiers()
        self.assertEqual(partner.banquet_tier, "churn")
        winback = self.env.ref("hotel_banquet_contract.mail_activity_type_banquet_winback")
        activity = partner.activity_ids.filtered(lambda a: a.activity_type_id == winback)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn(
            self.env.ref("hotel_banquet_contract.mail_template_banquet_winback"),
            winback.mail_template_ids,
        )


@tagged("post_install", "-at_install", "is_query_count")
class TestBanquetTierCronQueries(BanquetCustomerValueCommon):
    """The tier cron and the churn cron with its event rules at 10 and 10,000 customers
    (the 10,000 and their events written in SQL)."""

    BULK = 10000

    def _count_queries(self, method):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        method()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _customers_with_history(self, count):
        partners = self.Partner.create(
            [
                {
                    "name": f"Customer {i}",
                    "is_company": True,
                    "customer_rank": 1,
                    "banquet_account_user_id": self.salesperson.id,
                }
                for i in range(count)
            ]
        )
        orders = self.env["sale.order"].create(
            [{"partner_id": p.id, "is_banquet": True} for p in partners]
        )
        self.env.cr.execute(
            "UPDATE sale_order SET banquet_status = 'closed', event_date_start = %s WHERE id IN %s",
            (datetime(2026, 12, 1, 4, 0), tuple(orders.ids)),
        )
        self._invoice(partners[0], 100, date(2027, 1, 5))
        return partners

    def _bulk_customers_with_history(self, count):
        """``count`` customers with a closed event each, like ``_customers_with_history``
        but written in SQL: partners from generate_series, their events copied from one
        closed event of the ORM's batch."""
        partners = insert_partners(
            self.env,
            count,
            "Bulk customer",
            customer_rank=1,
            banquet_account_user_id=self.salesperson.id,
        )
        template = self.env["sale.order"].search(
            [("partner_id.name", "=like", "Customer %"), ("banquet_status", "=", "closed")],
            limit=1,
        )
        clone_rows(
            template,
            partners,
            partner_id="p.id",
            partner_invoice_id="p.id",
            partner_shipping_id="p.id",
            name="'BULK/' || p.n",
            access_token="NULL",
        )
        return partners

    def _assert_constant(self, cron, domain, label):
        """A run over 10,000 customers costs no more queries than over 10; it takes one
        batch and marks it, the next run goes on from there at the same cost."""
        batch = self.Partner._banquet_cron_batch
        counts = {}
        with freeze_time(NOW):
            for size in (3, 10):  # the first batch warms the caches up
                self._customers_with_history(size)
                counts[size] = self._count_queries(cron)
            self.assertFalse(self.Partner.search_count(domain()))
            self._bulk_customers_with_history(self.BULK)
            self.assertEqual(self.Partner.search_count(domain()), self.BULK)
            self.env.invalidate_all()
            with self.assertQueryCount(counts[10]):
                cron()
            self.assertEqual(self.Partner.search_count(domain()), self.BULK - batch)
            counts[self.BULK] = self._count_queries(cron)
            self.assertEqual(self.Partner.search_count(domain()), self.BULK - 2 * batch)
        _logger.info("%s cron queries per run: %s (batch %s)", label, counts, batch)
        self.assertLessEqual(counts[self.BULK], counts[10])
        return batch

    def test_tier_cron_costs_the_same_queries_for_10_or_10000_customers(self):
        batch = self._assert_constant(
            self.Partner._cron_banquet_tiers, self.Partner._banquet_tier_domain, "tier"
        )
        tiers = self.Partner.search([("name", "=like", "Customer %")]).mapped("banquet_tier")
        self.assertEqual(set(tiers), {"silver", "potential"})
        # the SQL-written history is read like the ORM's: one event in the last 12 months
        done = self.Partner.search(
            [("name", "=like", "Bulk customer %"), ("banquet_tier_checked", "!=", False)]
        )
        self.assertEqual(len(done), 2 * batch)
        self.assertEqual(set(done.mapped("banquet_events_12")), {1})
        self.assertEqual(set(done.mapped("banquet_tier")), {"potential"})

    def test_churn_cron_with_event_rules_costs_the_same_queries(self):
        batch = self._assert_constant(
            self.Partner._cron_banquet_churn, self.Partner._banquet_churn_domain, "churn (events)"
        )
        done = self.Partner.search(
            [("name", "=like", "Bulk customer %"), ("banquet_churn_checked", "!=", False)]
        )
        self.assertEqual(len(done), 2 * batch)
        # the same history as the ORM's customers, the same verdict
        orm = self.Partner.search([("name", "=like", "Customer %")])
        self.assertEqual(
            set(done.mapped("banquet_churn_reason")), set(orm[1:].mapped("banquet_churn_reason"))
        )


@tagged("post_install", "-at_install")
class TestBanquetChurnOnEvents(BanquetCustomerValueCommon):
    def _churn(self, partner, moment=NOW):
        with freeze_time(moment):
            self.Partner._cron_banquet_churn()
        return partner.banquet_churn_reason or ""

    def test_booking_frequency_below_own_history(self):
        partner = self._customer()
        # one event in the last 12 months, four in the two years before
        self._events(
            partner,
            [date(2026, 6, 1)]
            + [date(2025, 12, 1) - relativedelta(months=6 * n) for n in range(4)],
        )
        reason = self._churn(partner)
        self.assertTrue(partner.banquet_churn_warning)
        self.assertIn("Booking frequency below the customer's own history", reason)
        self.assertIn("1 event(s) in the last 12 months against 2.0 a year", reason)

    def test_steady_customer_raises_no_warning(self):
        partner = self._customer()
        self._events(partner, [date(2026, 6, 1), date(2026, 12, 1), date(2025, 6, 1)])
        self.assertEqual(self._churn(partner), "")
        self.assertFalse(partner.banquet_churn_warning)

    def test_no_event_for_the_hotel_period(self):
        partner = self._customer()
        self._events(partner, [date(2026, 3, 1)])
        self.assertNotIn("No event", self._churn(partner))
        self.assertIn("No event for 366 days", self._churn(partner, NOW + timedelta(days=1)))

    def test_low_satisfaction_score(self):
        partner = self._customer()
        self._events(partner, [date(2027, 2, 1)])
        partner.write({"banquet_nps_last": 5, "banquet_nps_date": date(2027, 2, 3)})
        self.assertIn("Low satisfaction score 5", self._churn(partner))


@tagged("post_install", "-at_install")
class TestBanquetSatisfaction(BanquetCustomerValueCommon):
    def test_survey_goes_out_the_day_after_the_event_and_its_answer_scores_it(self):
        survey = self.env.ref("hotel_banquet_contract.survey_banquet_satisfaction")
        self.hotel.banquet_survey_id = survey
        partner = self._customer("Wedding Li")
        order = self._events(partner, [date(2027, 3, 1)], status="actualised", hour=16)
        # the event ends at 20:00 on 1 March in Shanghai
        with freeze_time(datetime(2027, 3, 1, 15, 59)):  # 23:59 in Shanghai
            self.env["sale.order"]._cron_banquet_send_surveys()
        self.assertFalse(order.banquet_survey_sent)
        with freeze_time(datetime(2027, 3, 1, 16, 1)):  # 00:01 on 2 March in Shanghai
            self.env["sale.order"]._cron_banquet_send_surveys()
            self.env["sale.order"]._cron_banquet_send_surveys()
        self.assertTrue(order.banquet_survey_sent)
        answer = order.banquet_survey_input_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.partner_id, partner)
        # the cron also invites the customers of other past events (demo data): this one's
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", answer.id)]
        )
        self.assertIn(answer.access_token, str(mail.body_html))
        self.assertEqual(partner.banquet_survey_count, 1)

        nps = self.env.ref("hotel_banquet_contract.survey_banquet_satisfaction_nps")
        with freeze_time(datetime(2027, 3, 2, 3, 0)):
            answer._save_lines(nps, "4")
            answer._mark_done()
        self.assertEqual(order.banquet_nps_score, 4)
        self.assertEqual(answer.banquet_score, 4)
        self.assertEqual(partner.banquet_nps_last, 4)
        self.assertEqual(partner.banquet_nps_date, date(2027, 3, 2))
        self.assertEqual(order.activity_ids.user_id, self.salesperson)
        self.assertIn("Low satisfaction score: 4/10", order.activity_ids.summary)

    def test_survey_day_follows_a_new_york_hotel_with_the_cron_on_utc(self):
        new_york = self.env["res.company"].create(
            {
                "name": "Hudson Hotel",
                "banquet_tz": "America/New_York",
                "banquet_survey_id": self.env.ref(
                    "hotel_banquet_contract.survey_banquet_satisfaction"
                ).id,
            }
        )
        partner = self._customer("Gala NY", company_id=False)
        order = (
            self.env["sale.order"]
            .with_company(new_york)
            .create({"partner_id": partner.id, "is_banquet": True, "company_id": new_york.id})
        )
        # ends at 20:00 on 1 March in New York, 01:00 on 2 March in UTC
        self.env.cr.execute(
            "UPDATE sale_order SET banquet_status = 'closed', event_date_start = %s,"
            " event_date_end = %s WHERE id = %s",
            (datetime(2027, 3, 1, 21, 0), datetime(2027, 3, 2, 1, 0), order.id),
        )
        order.invalidate_recordset()
        with freeze_time(datetime(2027, 3, 2, 4, 59)):  # 23:59 on 1 March in New York
            self.env["sale.order"]._cron_banquet_send_surveys()
        self.assertFalse(order.banquet_survey_sent)
        with freeze_time(datetime(2027, 3, 2, 5, 1)):  # 00:01 on 2 March in New York
            self.env["sale.order"]._cron_banquet_send_surveys()
        self.assertTrue(order.banquet_survey_sent)

    def test_a_good_score_opens_no_follow_up(self):
        survey = self.env.ref("hotel_banquet_contract.survey_banquet_satisfaction")
        self.hotel.banquet_survey_id = survey
        order = self._events(self._customer(), [date(2027, 2, 27)], status="closed")
        answer = order._banquet_send_survey()
        answer._save_lines(
            self.env.ref("hotel_banquet_contract.survey_banquet_satisfaction_nps"), "9"
        )
        answer._mark_done()
        self.assertEqual(order.banquet_nps_score, 9)
        self.assertFalse(order.activity_ids)


@tagged("post_install", "-at_install")
class TestBanquetCustomer360AndPrivacy(BanquetCustomerValueCommon):
    def test_360_counts_events_invoices_and_outstanding(self):
        partner = self._customer()
        contact = self.Partner.create({"name": "Li Wei", "parent_id": partner.id})
        self._events(contact, [date(2027, 1, 5), date(2027, 2, 5)])
        self._invoice(partner, 300, date(2027, 2, 6))
        self._invoice(contact, 200, date(2027, 2, 7))
        self._invoice(partner, 999, date(2027, 2, 8), post=False)
        self.assertEqual(partner.banquet_event_count, 2)
        self.assertEqual(partner.banquet_invoice_count, 2)
        self.assertEqual(partner.banquet_outstanding_amount, 500)
        action = partner.action_view_banquet_outstanding()
        self.assertEqual(self.env["account.move"].search_count(action["domain"]), 2)

    def _pay(self, move):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({})._create_payments()

    def test_anonymisation_keeps_events_and_invoices_valid(self):
        person = self._customer("Zhang Wei", is_company=False, phone="+86 139 0000 0000")
        order = self._events(person, [date(2027, 1, 5)])
        invoice = self._invoice(person, 300, date(2027, 1, 6))
        lines_before = invoice.line_ids.read(["debit", "credit", "balance"])
        self.assertIn("business in progress", self._erase_error(person))
        self._pay(invoice)
        data = self._export(person)
        self.assertEqual(data["events"][0]["id"], order.id)
        self.assertEqual(data["invoices"][0]["name"], invoice.name)
        self.assertEqual(data["partner"][0]["phone"], "+86 139 0000 0000")
        person.with_user(self.manager)._banquet_erase_on_request("Request of 3 May")
        person = person.with_context(active_test=False)
        self.assertTrue(person.banquet_anonymised)
        self.assertFalse(person.phone or person.email)
        self.assertNotIn("Zhang", person.name)
        self.assertEqual(invoice.invoice_partner_display_name, "Zhang Wei")
        self.assertEqual(invoice.state, "posted")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.line_ids.read(["debit", "credit", "balance"]), lines_before)
        self.assertAlmostEqual(sum(invoice.line_ids.mapped("balance")), 0.0)
        self.assertEqual(order.partner_id, person)
        self.assertEqual(order.banquet_status, "closed")
        self.assertNotIn("Zhang", json.dumps(self._export(person)["partner"], default=str))

    def _erase_error(self, person):
        with self.assertRaises(UserError) as caught:
            person.with_user(self.manager)._banquet_erase_on_request("asked")
        return str(caught.exception)

    def _export(self, person):
        return person.with_user(self.manager)._banquet_personal_data()

    def test_retention_keeps_contacts_of_customers_with_recent_events(self):
        self.env["ir.config_parameter"].set_param("hotel_banquet_crm.retention_months", 36)
        company = self._customer("Busy Corp")
        contact = self.Partner.create(
            {
                "name": "Chen Jing",
                "parent_id": company.id,
                "email": "chen@example.com",
                "customer_rank": 1,
            }
        )
        idle = self._customer("Idle Person", is_company=False)
        self._events(company, [date(2027, 1, 5)])
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id IN %s",
            (datetime(2020, 1, 1), tuple((company | contact | idle).ids)),
        )
        with freeze_time(NOW):
            self.Partner._cron_banquet_retention()
        self.assertFalse(contact.banquet_anonymised)
        self.assertTrue(idle.with_context(active_test=False).banquet_anonymised)


@tagged("post_install", "-at_install")
class TestBanquetRetentionRates(BanquetCustomerValueCommon):
    def test_rebooking_within_90_days_and_renewal_next_year(self):
        loyal = self._customer("Loyal")
        first = self._events(loyal, [date(2026, 1, 10)])
        second = self._events(loyal, [date(2027, 5, 10)])
        # booked on 15 February 2026, 36 days after the first event
        self.env.cr.execute(
            "UPDATE sale_order SET date_order = %s WHERE id = %s",
            (datetime(2026, 2, 15), second.id),
        )
        once = self._customer("Once")
        single = self._events(once, [date(2026, 3, 10)])
        self.env.flush_all()
        Report = self.env["banquet.customer.retention.report"]
        rows = {
            row.order_id: row for row in Report.search([("partner_id", "in", (loyal | once).ids)])
        }
        self.assertEqual(rows[first].rebooked_90_percent, 100.0)
        self.assertEqual(rows[first].renewed_percent, 100.0)
        self.assertEqual(rows[single].rebooked_90_percent, 0.0)
        self.assertEqual(rows[single].renewed_percent, 0.0)
        self.assertEqual(rows[second].renewed_percent, 0.0)
        groups = Report._read_group(
            [("partner_id", "in", (loyal | once).ids), ("event_date", "<", date(2027, 1, 1))],
            [],
            ["rebooked_90_percent:avg", "renewed_percent:avg"],
        )
        self.assertEqual(groups, [(50.0, 50.0)])

    def test_a_salesperson_reads_the_rows_of_the_events_they_may_read(self):
        """Record rules for the report as for the orders it reports: a salesperson sees
        their own and unassigned events, a sales manager every one of the hotel."""
        colleague = new_test_user(
            self.env,
            login="care_colleague",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[Command.set(self.hotel.ids)],
        )
        mine = self._events(self._customer("Mine"), [date(2026, 1, 10)])
        theirs = self._events(self._customer("Theirs"), [date(2026, 2, 10)])
        theirs.user_id = colleague
        nobodys = self._events(self._customer("Nobody's"), [date(2026, 3, 10)])
        nobodys.user_id = False
        events = mine | theirs | nobodys
        self.env.flush_all()
        Report = self.env["banquet.customer.retention.report"]
        domain = [("order_id", "in", events.ids)]
        for user, expected in (
            (self.salesperson, mine | nobodys),
            (colleague, theirs | nobodys),
            (self.manager, events),
        ):
            with self.subTest(user=user.login):
                readable = self.env["sale.order"].with_user(user).search([("id", "in", events.ids)])
                self.assertEqual(readable, expected, "what the orders' rules give")
                rows = Report.with_user(user).search(domain)
                self.assertEqual(rows.sudo().order_id, expected)
                self.assertEqual(Report.with_user(user).search_count(domain), len(expected))
                [(count,)] = Report.with_user(user)._read_group(domain, [], ["__count"])
                self.assertEqual(count, len(expected), "the pivot's totals too")
