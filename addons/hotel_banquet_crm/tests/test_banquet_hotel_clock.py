from datetime import date, datetime, timedelta

from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import BanquetCrmCommon


@tagged("post_install", "-at_install")
class TestBanquetHotelClock(BanquetCrmCommon):
    """SLA and alarm clocks at the hotel's midnight: a hotel in Shanghai (UTC+8) and one in
    New York (UTC-5, UTC-4 from 10 March 2030), the cron user on UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "UTC"  # the cron user
        cls.shanghai = cls.hotel
        cls.shanghai.banquet_tz = "Asia/Shanghai"
        cls.new_york = cls.other_hotel
        cls.new_york.banquet_tz = "America/New_York"
        cls.team.user_id = cls.manager
        # the leaders' own zone is neither hotel's: the hotel's zone must win
        cls.manager.tz = "Europe/Paris"
        cls.ny_leader = new_test_user(
            cls.env,
            login="ny_leader",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_id=cls.new_york.id,
            company_ids=[(6, 0, cls.new_york.ids)],
            tz="Europe/Paris",
        )
        cls.ny_seller = new_test_user(
            cls.env,
            login="ny_seller",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=cls.new_york.id,
            company_ids=[(6, 0, cls.new_york.ids)],
        )
        cls.ny_team = cls.env["crm.team"].create(
            {
                "name": "New York Banquets",
                "is_banquet": True,
                "company_id": cls.new_york.id,
                "user_id": cls.ny_leader.id,
                "member_ids": [(6, 0, cls.ny_seller.ids)],
            }
        )

    def _lead_created_at(self, moment, hotel):
        """A banquet inquiry of ``hotel`` received at ``moment`` (UTC)."""
        ny = hotel == self.new_york
        lead = (
            self.env["crm.lead"]
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                {
                    "name": "Inquiry at %s" % moment,
                    "type": "opportunity",
                    "is_banquet": True,
                    "company_id": hotel.id,
                    "team_id": (self.ny_team if ny else self.team).id,
                    "user_id": (self.ny_seller if ny else self.coordinator).id,
                }
            )
        )
        lead.flush_recordset()
        hours = hotel.banquet_first_response_hours
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s, first_response_deadline = %s WHERE id = %s",
            [moment, moment + timedelta(hours=hours), lead.id],
        )
        lead.invalidate_recordset()
        return lead

    # First-response SLA ------------------------------------------------------------

    def test_overdue_todo_is_due_on_the_shanghai_day_with_the_deadline_in_hotel_time(self):
        # received 22:30 in Shanghai on 1 March, due 00:30 on 2 March (still 1 March in UTC)
        lead = self._lead_created_at(datetime(2030, 3, 1, 14, 30), self.shanghai)
        with freeze_time(datetime(2030, 3, 1, 16, 45)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        todo = lead.activity_ids
        self.assertEqual(todo.user_id, self.manager)
        self.assertEqual(todo.date_deadline, date(2030, 3, 2), "the hotel's today, not UTC's")
        self.assertIn("3/2/30, 12:30", str(todo.note), "deadline in Shanghai time, not Paris")
        self.assertIn("Asia/Shanghai", str(todo.note))

    def test_overdue_todo_is_due_on_the_new_york_day_with_the_deadline_in_hotel_time(self):
        # received 21:00 in New York on 1 March (2 March in UTC), due 23:00 on 1 March
        lead = self._lead_created_at(datetime(2030, 3, 2, 2, 0), self.new_york)
        with freeze_time(datetime(2030, 3, 2, 4, 30)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        todo = lead.activity_ids
        self.assertEqual(todo.user_id, self.ny_leader)
        self.assertEqual(todo.date_deadline, date(2030, 3, 1), "the hotel's today, not UTC's")
        self.assertIn("3/1/30, 11:00", str(todo.note))
        self.assertIn("America/New_York", str(todo.note))

    # No follow-up alarm ------------------------------------------------------------

    def _alarm_at(self, moment):
        with freeze_time(moment):
            self.env["crm.lead"]._cron_banquet_no_followup()

    def test_no_follow_up_counts_the_days_of_a_shanghai_hotel(self):
        # last touched 23:30 on 1 March in Shanghai (15:30 UTC): 30 hotel days later is
        # the Shanghai midnight starting 31 March, 16:00 UTC on 30 March
        lead = self._lead_created_at(datetime(2030, 3, 1, 15, 30), self.shanghai)
        self._alarm_at(datetime(2030, 3, 30, 15, 59))
        self.assertFalse(lead.activity_ids, "still 30 March in Shanghai")
        self._alarm_at(datetime(2030, 3, 30, 16, 0))
        self.assertEqual(lead.activity_ids.user_id, self.manager)
        self.assertEqual(lead.activity_ids.date_deadline, date(2030, 3, 31))
        self._alarm_at(datetime(2030, 3, 31, 16, 0))
        self.assertEqual(len(lead.activity_ids), 1, "one alarm per period")

    def test_no_follow_up_counts_the_days_of_a_new_york_hotel(self):
        # last touched 23:30 on 1 March in New York (04:30 UTC on 2 March); New York's
        # 31 March starts at 04:00 UTC (daylight saving time since 10 March)
        lead = self._lead_created_at(datetime(2030, 3, 2, 4, 30), self.new_york)
        self._alarm_at(datetime(2030, 3, 31, 3, 59))
        self.assertFalse(lead.activity_ids, "still 30 March in New York")
        self._alarm_at(datetime(2030, 3, 31, 4, 0))
        self.assertEqual(lead.activity_ids.user_id, self.ny_leader)
        self.assertEqual(lead.activity_ids.date_deadline, date(2030, 3, 31))

    # Language of what the crons write ----------------------------------------------

    def _load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hotel_banquet_crm"], ["zh_CN"], overwrite=True
        )

    def test_cron_writes_in_the_hotel_language_not_the_cron_users(self):
        self._load_chinese()
        self.shanghai.banquet_lang = "zh_CN"
        self.assertEqual(self.env.user.lang, "en_US")
        lead = self._lead_created_at(datetime(2030, 3, 1, 14, 30), self.shanghai)
        with freeze_time(datetime(2030, 3, 1, 16, 45)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        self.assertEqual(lead.activity_ids.summary, "首次回复逾期")
        with freeze_time(datetime(2030, 4, 2)):
            self.env["crm.lead"]._cron_banquet_no_followup()
        self.assertIn("30 天未跟进：已升级给团队负责人", lead.message_ids[0].body)
        self.assertIn("未跟进", lead.activity_ids.mapped("summary"))

    def test_without_hotel_language_the_recipient_language_is_used(self):
        self._load_chinese()
        self.assertFalse(self.new_york.banquet_lang)
        self.ny_leader.lang = "zh_CN"
        lead = self._lead_created_at(datetime(2030, 3, 2, 2, 0), self.new_york)
        with freeze_time(datetime(2030, 3, 2, 4, 30)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        self.assertEqual(lead.activity_ids.summary, "首次回复逾期")
        english = self._lead_created_at(datetime(2030, 3, 2, 2, 0), self.shanghai)
        with freeze_time(datetime(2030, 3, 2, 4, 30)):
            self.env["crm.lead"]._cron_banquet_first_response_sla()
        self.assertEqual(english.activity_ids.summary, "First response overdue")

    # Settings ----------------------------------------------------------------------

    def test_settings_show_and_save_the_hotel_time_zone_and_language(self):
        self._load_chinese()
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.banquet_tz, "Asia/Shanghai")
        settings.banquet_tz = "America/New_York"
        settings.banquet_lang = "zh_CN"
        settings.save().execute()
        self.assertEqual(self.shanghai.banquet_tz, "America/New_York")
        self.assertEqual(self.shanghai.banquet_lang, "zh_CN")
        chinese = self.env["res.config.settings"].with_context(lang="zh_CN")
        fields = chinese.fields_get(["banquet_tz", "banquet_lang"], ["string", "help"])
        self.assertEqual(fields["banquet_tz"]["string"], "酒店时区")
        self.assertEqual(fields["banquet_lang"]["string"], "酒店语言")
        self.assertIn("时区", fields["banquet_tz"]["help"])
        self.assertIn("语言", fields["banquet_lang"]["help"])
        arch = chinese.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("酒店时区", arch, "the setting block is translated")
