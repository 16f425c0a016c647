import logging
from datetime import date, datetime

from odoo.tests import freeze_time, new_test_user, tagged

from .test_banquet_customer_care import BanquetCareCommon

_logger = logging.getLogger(__name__)


class BanquetCorporateCommon(BanquetCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qbr_type = cls.env.ref("hotel_banquet_crm.mail_activity_type_banquet_qbr")
        cls.lake_seller = new_test_user(
            cls.env,
            login="lake_qbr_seller",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=cls.other_hotel.id,
            company_ids=[(6, 0, cls.other_hotel.ids)],
        )

    def _key_accounts(self, count, owner=None, **vals):
        return self._customers(count, "b", owner=owner, banquet_key_account=True, **vals)

    def _reviews(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.qbr_type.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestBanquetBusinessReviews(BanquetCorporateCommon):
    def test_review_is_planned_once_per_quarter_at_the_hotels_quarter_start(self):
        for owner, tz, last_minute, first_minute in (
            (self.coordinator, "Asia/Shanghai", "2027-03-31 15:59:00", "2027-03-31 16:00:00"),
            (self.lake_seller, "America/New_York", "2027-04-01 03:59:00", "2027-04-01 04:00:00"),
        ):
            with self.subTest(tz=tz):
                self.assertEqual(owner.company_id.banquet_tz, tz)
                account = self._key_accounts(1, owner=owner)
                with freeze_time("2027-03-20 04:00:00"):
                    self.Partner._cron_banquet_business_reviews()
                    self.Partner._cron_banquet_business_reviews()  # run again: nothing new
                review = self._reviews(account)
                self.assertEqual(len(review), 1)
                self.assertEqual(review.user_id, owner)
                self.assertEqual(review.summary, "Quarterly business review 2027 Q1")
                self.assertEqual(review.date_deadline, date(2027, 3, 20), "planned late: today")
                self.assertEqual(account.banquet_qbr_quarter, date(2027, 1, 1))
                with freeze_time(last_minute):
                    self.Partner._cron_banquet_business_reviews()
                self.assertEqual(self._reviews(account), review, "still Q1 at the hotel")
                with freeze_time(first_minute):
                    self.Partner._cron_banquet_business_reviews()
                    self.Partner._cron_banquet_business_reviews()
                new = self._reviews(account) - review
                self.assertEqual(len(new), 1, "one review per quarter")
                self.assertEqual(new.summary, "Quarterly business review 2027 Q2")
                self.assertEqual(new.date_deadline, date(2027, 4, 30))
                self.assertEqual(account.banquet_qbr_quarter, date(2027, 4, 1))

    def test_only_cared_key_accounts_get_reviews(self):
        key = self._key_accounts(1)
        plain = self._customers(1, "a")
        ownerless = self._key_accounts(1)
        ownerless.banquet_account_user_id = False
        lost_reason = self.env["crm.lost.reason"].create({"name": "Moved away"})
        lost = self._key_accounts(1, banquet_lost_reason_id=lost_reason.id)
        with freeze_time("2027-01-02 04:00:00"):
            self.Partner._cron_banquet_business_reviews()
        self.assertTrue(self._reviews(key))
        self.assertFalse(self._reviews(plain | ownerless | lost))

    def test_run_cut_short_resumes_without_planning_twice(self):
        accounts = self._key_accounts(250)
        with freeze_time("2027-01-02 04:00:00"):
            self.Partner._cron_banquet_business_reviews()  # one batch of 100
            self.assertEqual(len(self._reviews(accounts)), 100)
            for _run in range(4):
                self.Partner._cron_banquet_business_reviews()
        reviews = self._reviews(accounts)
        self.assertEqual(len(reviews), 250)
        self.assertEqual(set(reviews.mapped("res_id")), set(accounts.ids))


@tagged("post_install", "-at_install", "is_query_count")
class TestBanquetBusinessReviewQueries(BanquetCorporateCommon):
    def test_review_cron_costs_the_same_queries_for_10_or_1000_accounts(self):
        cron = self.Partner._cron_banquet_business_reviews
        moment = datetime(2027, 4, 2, 2, 0)
        counts = {}
        for size in (3, 10):  # the first batch warms the caches up
            self._key_accounts(size)
            with freeze_time(moment):
                counts[size] = self._count_queries(cron)
        self._key_accounts(1000)
        self.env.invalidate_all()
        with freeze_time(moment), self.assertQueryCount(counts[10]):
            cron()
        with freeze_time(moment):
            counts[1000] = self._count_queries(cron)
        _logger.info("business review cron queries per run: %s", counts)
        self.assertLessEqual(counts[1000], counts[10])


@tagged("post_install", "-at_install")
class TestBanquetBranchRouting(BanquetCorporateCommon):
    """Inquiries of a client with branches go to the group's hotel nearest the branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.china = ref("base.cn")
        cls.singapore = ref("base.sg")
        shanghai, beijing, zhejiang = (
            ref("base.state_cn_SH"),
            ref("base.state_cn_BJ"),
            ref("base.state_cn_ZJ"),
        )
        cls.hotel.write({"city": "Shanghai", "state_id": shanghai.id, "country_id": cls.china.id})
        cls.other_hotel.write(
            {"city": "Beijing", "state_id": beijing.id, "country_id": cls.china.id}
        )
        # The demo group's hotels (a database with demo data) are not part of this story.
        cls.env["crm.team"].search(
            [
                ("is_banquet", "=", True),
                ("company_id", "!=", False),
                ("company_id", "not in", (cls.hotel | cls.other_hotel).ids),
            ]
        ).active = False
        cls.env["banquet.routing.rule"].search(
            [("company_id", "not in", (cls.hotel | cls.other_hotel).ids)]
        ).active = False
        cls.lake_team = cls.env["crm.team"].create(
            {
                "name": "Beijing Banquet",
                "is_banquet": True,
                "company_id": cls.other_hotel.id,
                "member_ids": [(6, 0, cls.lake_seller.ids)],
            }
        )
        cls.ningbo_hotel = cls.env["res.company"].create(
            {
                "name": "Ningbo Harbour Hotel",
                "city": "Ningbo",
                "state_id": zhejiang.id,
                "country_id": cls.china.id,
            }
        )
        cls.ningbo_seller = new_test_user(
            cls.env,
            login="ningbo_seller",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=cls.ningbo_hotel.id,
            company_ids=[(6, 0, cls.ningbo_hotel.ids)],
        )
        cls.ningbo_team = cls.env["crm.team"].create(
            {
                "name": "Ningbo Banquet",
                "is_banquet": True,
                "company_id": cls.ningbo_hotel.id,
                "member_ids": [(6, 0, cls.ningbo_seller.ids)],
            }
        )
        Partner = cls.Partner
        cls.group = Partner.create({"name": "Sino Tech Group", "is_company": True})
        cls.beijing_branch, cls.hangzhou_branch, cls.singapore_branch = Partner.create(
            [
                {
                    "name": "Sino Tech Beijing",
                    "is_company": True,
                    "parent_id": cls.group.id,
                    "type": "other",
                    "city": "Beijing",
                    "state_id": beijing.id,
                    "country_id": cls.china.id,
                },
                {
                    "name": "Sino Tech Hangzhou",
                    "is_company": True,
                    "parent_id": cls.group.id,
                    "type": "other",
                    "city": "Hangzhou",
                    "state_id": zhejiang.id,
                    "country_id": cls.china.id,
                },
                {
                    "name": "Sino Tech Singapore",
                    "is_company": True,
                    "parent_id": cls.group.id,
                    "type": "other",
                    "city": "Singapore",
                    "country_id": cls.singapore.id,
                },
            ]
        )
        cls.group_contact = Partner.create(
            {"name": "Wang Wei", "parent_id": cls.group.id, "type": "other"}
        )
        cls.hangzhou_contact = Partner.create(
            {"name": "Li Na", "parent_id": cls.hangzhou_branch.id, "type": "other"}
        )
        # without branches, the city rules route Beijing inquiries to Shanghai
        cls.env["banquet.routing.rule"].create(
            [
                {"name": "Beijing clients", "city": "Beijing", "company_id": cls.hotel.id},
                {"name": "Singapore clients", "city": "Singapore", "company_id": cls.hotel.id},
            ]
        )

    def _inquiry(self, partner, **vals):
        return self.env["crm.lead"].create(
            {
                "name": "Inquiry",
                "type": "opportunity",
                "is_banquet": True,
                "partner_id": partner.id,
                **vals,
            }
        )

    def test_branch_in_the_inquiry_city_sends_it_to_the_hotel_of_that_city(self):
        lead = self._inquiry(self.group_contact, city="Beijing", country_id=self.china.id)
        self.assertEqual(lead.company_id, self.other_hotel, "before the city rule")
        self.assertEqual(lead.team_id, self.lake_team)
        self.assertEqual(lead.user_id, self.lake_seller)

    def test_no_hotel_in_the_branch_city_takes_the_hotel_of_its_province(self):
        lead = self._inquiry(self.hangzhou_contact)
        self.assertFalse(lead.city, "no address on the inquiry: the branch it comes from")
        self.assertEqual(lead.company_id, self.ningbo_hotel)
        self.assertEqual(lead.user_id, self.ningbo_seller)

    def test_no_hotel_near_the_branch_falls_back_to_the_routing_rules(self):
        lead = self._inquiry(
            self.group_contact, city="Singapore", state_id=False, country_id=self.singapore.id
        )
        self.assertEqual(lead.company_id, self.hotel, "the Singapore rule")

    def test_client_without_branches_follows_the_routing_rules(self):
        lonely = self.Partner.create({"name": "Solo Trading", "is_company": True})
        lead = self._inquiry(lonely, city="Beijing", country_id=self.china.id)
        self.assertEqual(lead.company_id, self.hotel, "the Beijing rule")

    def test_requested_hotel_still_wins(self):
        lead = self._inquiry(
            self.group_contact,
            city="Beijing",
            country_id=self.china.id,
            requested_company_id=self.ningbo_hotel.id,
        )
        self.assertEqual(lead.company_id, self.ningbo_hotel)

    def test_a_batch_of_inquiries_is_routed_branch_by_branch(self):
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": "Beijing offsite",
                    "is_banquet": True,
                    "type": "opportunity",
                    "partner_id": self.group_contact.id,
                    "city": "Beijing",
                    "country_id": self.china.id,
                },
                {
                    "name": "Hangzhou gala",
                    "is_banquet": True,
                    "type": "opportunity",
                    "partner_id": self.hangzhou_contact.id,
                },
            ]
        )
        self.assertEqual(leads.mapped("company_id"), self.other_hotel | self.ningbo_hotel)
        self.assertEqual(leads[0].company_id, self.other_hotel)
        self.assertEqual(leads[1].company_id, self.ningbo_hotel)

    def test_route_button_applies_the_branch_step_to_existing_inquiries(self):
        lead = self._inquiry(self.Partner.create({"name": "Walk-in", "is_company": True}))
        lead.write({"partner_id": self.hangzhou_contact.id})
        lead.action_banquet_route()
        self.assertEqual(lead.company_id, self.ningbo_hotel)
