from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models

from odoo.addons.base.models.res_partner import _tz_get


class ResCompany(models.Model):
    _inherit = "res.company"

    banquet_tz = fields.Selection(
        _tz_get,
        string="Hotel Time Zone",
        default=lambda self: self.env.user.tz or "Asia/Shanghai",
        required=True,
        help="Every banquet clock of this hotel runs in this zone: option expiry, SLA "
        "deadlines, cut-off days, web-form and API dates, rental weekdays and report periods.",
    )
    banquet_lang = fields.Selection(
        "_banquet_lang_get",
        string="Hotel Language",
        help="Language of the messages and to-dos the system writes for this hotel "
        "(cron alarms, escalations). Empty: the language of the person they are for.",
    )
    banquet_first_response_hours = fields.Float(
        string="First Response (hours)",
        default=2.0,
        help="Time a salesperson has to answer a new banquet inquiry.",
    )
    banquet_no_followup_days = fields.Integer(
        string="No Follow-up Alarm (days)",
        default=30,
        help="Open inquiries without any message or activity for this many days raise an alarm.",
    )
    banquet_no_followup_action = fields.Selection(
        [("reassign", "Re-assign to another salesperson"), ("escalate", "Escalate to team leader")],
        string="No Follow-up Action",
        default="escalate",
        required=True,
    )

    banquet_form_limit_per_hour = fields.Integer(
        string="Web Form Posts per Hour",
        default=5,
        help="Inquiries the public web form accepts from one client address per hour. "
        "Zero: no limit.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._banquet_link_intake_user()
        return companies

    # customer care: contact cadence per grade, key-date reminders, churn, complaints
    banquet_care_days_a = fields.Integer(
        string="Care Cadence Grade A (days)",
        default=7,
        help="Days between two care contacts the key-account owner makes with a grade A customer.",
    )
    banquet_care_days_b = fields.Integer(
        string="Care Cadence Grade B (days)",
        default=14,
        help="Days between two care contacts with a grade B customer.",
    )
    banquet_care_days_c = fields.Integer(
        string="Care Cadence Grade C (days)",
        default=30,
        help="Days between two care contacts with a grade C customer.",
    )
    banquet_key_date_notice_days = fields.Integer(
        string="Key Date Notice (days)",
        default=7,
        help="The key-account owner gets a reminder this many days before a contact's birthday "
        "or a company's anniversary.",
    )
    banquet_churn_no_contact_months = fields.Integer(
        string="Churn Warning: No Contact (months)",
        default=6,
        help="A customer nobody called, visited or cared for during this many months is "
        "flagged as a churn risk.",
    )
    banquet_complaint_hours = fields.Float(
        string="Complaint Resolution (hours)",
        default=24.0,
        help="A complaint must be resolved within this many hours of being recorded.",
    )

    _sql_constraints = [
        (
            "banquet_care_days_positive",
            (
                "CHECK(banquet_care_days_a > 0 AND banquet_care_days_b > 0"
                " AND banquet_care_days_c > 0)"
            ),
            "A care cadence must be at least one day.",
        ),
        (
            "banquet_care_limits_positive",
            (
                "CHECK(banquet_key_date_notice_days >= 0 AND banquet_churn_no_contact_months >= 0"
                " AND banquet_complaint_hours >= 0)"
            ),
            "Key-date notice, churn months and complaint hours cannot be negative.",
        ),
    ]

    @api.model
    def _banquet_lang_get(self):
        return self.env["res.lang"].get_installed()

    def _banquet_link_intake_user(self):
        """Let the intake technical user file inquiries for these hotels (it works for every
        hotel of the group; each request acts for its channel's or form's hotel)."""
        intake = self.env.ref("hotel_banquet_crm.user_banquet_intake", raise_if_not_found=False)
        if intake:
            # sudo: the technical user is inactive and not writable by whoever creates a
            # company; only its list of companies changes
            intake.sudo().write({"company_ids": [Command.link(company.id) for company in self]})

    @api.model
    def _banquet_link_all_to_intake_user(self):
        self.search([])._banquet_link_intake_user()

    # Hotel clock ------------------------------------------------------------------------
    # Odoo stores datetimes as naive UTC; these helpers are the one place that turns them
    # into the hotel's wall-clock time and back. Crons run as a user without a zone, so
    # nothing of ours may use the user's or the server's zone for a hotel's date.

    def _banquet_tzinfo(self):
        self.ensure_one()
        return pytz.timezone(self.banquet_tz or "UTC")

    def _banquet_now(self):
        """The hotel's current wall-clock time (naive, hotel zone)."""
        return self._banquet_to_local(fields.Datetime.now())

    def _banquet_today(self):
        """The hotel's current date: what 'today' means for its cut-offs and expiries."""
        return self._banquet_now().date()

    @api.model
    def _banquet_date_domain(self, field, operator, offset_field=None, days=0):
        """A search domain comparing the date ``field`` with each hotel's own today, less
        ``days`` and less the ``offset_field`` days of that hotel's setting: one branch per
        hotel, so one query serves every hotel of the group, each on its own clock."""
        branches = []
        # sudo: a cron serves every hotel on its own clock, whatever the cron user may see
        for company in self.sudo().search([]):
            day = company._banquet_today() - timedelta(days=days)
            if offset_field:
                day -= timedelta(days=company[offset_field])
            branches.append(["&", ("company_id", "=", company.id), (field, operator, day)])
        if not branches:
            return [("id", "=", 0)]
        return ["|"] * (len(branches) - 1) + [term for branch in branches for term in branch]

    def _banquet_to_local(self, value):
        """Naive UTC datetime -> naive hotel-local datetime."""
        if not value:
            return value
        return pytz.utc.localize(value).astimezone(self._banquet_tzinfo()).replace(tzinfo=None)

    def _banquet_to_utc(self, value):
        """Naive hotel-local datetime (or aware datetime) -> naive UTC, as Odoo stores it."""
        if not value:
            return value
        if value.tzinfo is None:
            value = self._banquet_tzinfo().localize(value)
        return value.astimezone(pytz.utc).replace(tzinfo=None)

    def _banquet_day_start_utc(self, day):
        """UTC instant at which the hotel's ``day`` (a date) begins."""
        return self._banquet_to_utc(datetime.combine(day, time.min))

    def _banquet_lang_for(self, user):
        """Language of what the system writes for ``user`` in this hotel: the hotel's
        language when set, else the user's own (never the cron user's)."""
        self.ensure_one()
        return self.banquet_lang or user.lang or "en_US"

    def _banquet_care_days(self, grade):
        """Days between two care contacts for a customer of ``grade`` in this hotel."""
        self.ensure_one()
        return {
            "a": self.banquet_care_days_a,
            "b": self.banquet_care_days_b,
            "c": self.banquet_care_days_c,
        }.get(grade, 0)
