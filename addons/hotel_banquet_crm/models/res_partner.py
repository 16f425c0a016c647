from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression

from .crm_lead import LEAD_GRADES

CUSTOMER_CATEGORIES = [
    ("business", "Business"),
    ("tourism", "Tourism"),
    ("mice", "Meetings & Events (MICE)"),
    ("long_stay", "Long Stay"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # customers handled per cron run: the ORM inserts and updates rows by batches of 100
    _banquet_cron_batch = 100

    banquet_visit_ids = fields.One2many(
        "banquet.lead.visit",
        "partner_id",
        string="Banquet Calls & Visits",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_visit_count = fields.Integer(
        compute="_compute_banquet_visit_count", groups="hotel_banquet_crm.group_banquet_user"
    )
    banquet_complaint_ids = fields.One2many(
        "banquet.complaint",
        "partner_id",
        string="Complaints",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_complaint_count = fields.Integer(
        compute="_compute_banquet_complaint_count", groups="hotel_banquet_crm.group_banquet_user"
    )
    # profile
    banquet_category = fields.Selection(
        CUSTOMER_CATEGORIES, string="Customer Category", tracking=True
    )
    banquet_grade = fields.Selection(
        LEAD_GRADES,
        string="Customer Grade",
        tracking=True,
        help="A, B and C customers are contacted weekly, every two weeks and monthly by "
        "default (Settings); potential customers are not on a care cadence yet.",
    )
    banquet_account_user_id = fields.Many2one(
        "res.users",
        string="Key-Account Owner",
        tracking=True,
        domain=[("share", "=", False)],
        help="Salesperson who cares for this customer: care contacts, key-date reminders and "
        "churn warnings are their to-dos. The owner's hotel clock and cadence apply.",
    )
    banquet_dietary_notes = fields.Text(
        string="Dietary Notes", help="Allergies, halal, vegetarian or other food preferences."
    )
    banquet_favourite_rooms = fields.Char(string="Favourite Rooms")
    banquet_favourite_setups = fields.Char(string="Favourite Setups")
    banquet_decision_cycle = fields.Char(
        string="Decision Cycle",
        help="Who decides and how long it takes, e.g. board, 6 weeks.",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_budget_habits = fields.Text(
        string="Budget Habits",
        help="Usual budget per head, payment habits, when budgets open.",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_birthday = fields.Date(string="Birthday", copy=False)
    banquet_anniversary = fields.Date(
        string="Company Anniversary", copy=False, help="Founding date of the company."
    )
    banquet_birthday_reminded = fields.Date(readonly=True, copy=False)
    banquet_anniversary_reminded = fields.Date(readonly=True, copy=False)
    # care cadence
    banquet_care_date = fields.Date(
        string="Last Care Contact Planned",
        readonly=True,
        copy=False,
        help="Day the last care contact was due; the next one follows the grade's cadence.",
    )
    banquet_care_log_ids = fields.One2many(
        "banquet.care.log",
        "partner_id",
        string="Care Contacts",
        readonly=True,
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    # churn
    banquet_churn_warning = fields.Boolean(
        string="Churn Warning", readonly=True, copy=False, index=True, tracking=True
    )
    banquet_churn_reason = fields.Text(
        string="Churn Risk Reasons",
        readonly=True,
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_churn_checked = fields.Date(readonly=True, copy=False)
    banquet_lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        string="Customer Lost Reason",
        tracking=True,
        copy=False,
        help="Set when the customer stopped doing business with the hotel.",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_lost_competitor_id = fields.Many2one(
        "banquet.competitor",
        string="Customer Lost To",
        tracking=True,
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_lost_date = fields.Date(
        string="Customer Lost On",
        tracking=True,
        copy=False,
        groups="hotel_banquet_crm.group_banquet_user",
    )

    def _compute_banquet_visit_count(self):
        counts = dict(
            self.env["banquet.lead.visit"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.banquet_visit_count = counts.get(partner, 0)

    def _compute_banquet_complaint_count(self):
        counts = dict(
            self.env["banquet.complaint"]._read_group(
                [("commercial_partner_id", "in", self.ids)], ["commercial_partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.banquet_complaint_count = counts.get(partner, 0)

    @api.onchange("banquet_lost_reason_id")
    def _onchange_banquet_lost_reason_id(self):
        for partner in self:
            if partner.banquet_lost_reason_id and not partner.banquet_lost_date:
                company = partner.banquet_account_user_id.company_id or self.env.company
                partner.banquet_lost_date = company._banquet_today()

    def action_view_banquet_visits(self):
        """Calls and visits with this customer, on every inquiry."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_lead_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    def action_view_banquet_complaints(self):
        """Complaints of this customer and its contacts."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_complaint_action"
        )
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # ------------------------------------------------------------
    # Cron helpers
    # ------------------------------------------------------------

    @api.model
    def _banquet_care_hotels(self):
        return self.env["res.company"].sudo().search([])

    @api.model
    def _banquet_cared_domain(self):
        """Customers someone cares for and who are not lost."""
        return [
            ("banquet_account_user_id", "!=", False),
            ("banquet_lost_reason_id", "=", False),
        ]

    @api.model
    def _banquet_todo(self, partner, activity_type, user, deadline, summary, note=False):
        """A to-do for ``mail.activity._banquet_schedule_todos``."""
        values = {
            "activity_type_id": activity_type.id,
            "date_deadline": deadline,
            "summary": summary,
            "note": note,
        }
        return partner, user, values

    # ------------------------------------------------------------
    # Care cadence
    # ------------------------------------------------------------

    @api.model
    def _banquet_care_domain(self):
        """Graded customers whose next care contact is due today in their owner's hotel."""
        domains = []
        for hotel in self._banquet_care_hotels():
            today = hotel._banquet_today()
            for grade in ("a", "b", "c"):
                limit = today - timedelta(days=hotel._banquet_care_days(grade))
                domains.append(
                    [
                        ("banquet_account_user_id.company_id", "=", hotel.id),
                        ("banquet_grade", "=", grade),
                        "|",
                        ("banquet_care_date", "=", False),
                        ("banquet_care_date", "<=", limit),
                    ]
                )
        return expression.AND([self._banquet_cared_domain(), expression.OR(domains)])

    @api.model
    def _cron_banquet_care(self):
        """Plan a care contact for the key-account owner of every customer that is due.

        Batched: one run handles ``_banquet_cron_batch`` customers with a constant number of
        queries and marks them, so a run cut short starts again where it stopped.
        """
        domain = self._banquet_care_domain()
        partners = self.search(domain, limit=self._banquet_cron_batch)
        if partners:
            partners._banquet_plan_care()
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=self.search_count(domain)
        )

    def _banquet_plan_care(self):
        care_type = self.env.ref("hotel_banquet_crm.mail_activity_type_banquet_care")
        todos = []
        by_hotel = defaultdict(lambda: self.browse())
        for partner in self:
            hotel = partner.banquet_account_user_id.company_id
            by_hotel[hotel] |= partner
            todos.append(
                self._banquet_todo(
                    partner,
                    care_type,
                    partner.banquet_account_user_id,
                    hotel._banquet_today(),
                    self.env._("Care contact (grade %s)", (partner.banquet_grade or "").upper()),
                )
            )
        activities = self.env["mail.activity"]._banquet_schedule_todos(todos)
        self.env["banquet.care.log"].create(
            [
                {
                    "partner_id": activity.res_id,
                    "user_id": activity.user_id.id,
                    "company_id": partner.banquet_account_user_id.company_id.id,
                    "grade": partner.banquet_grade,
                    "date_due": activity.date_deadline,
                    "activity_id": activity.id,
                }
                for partner, activity in zip(self, activities, strict=True)
            ]
        )
        for hotel, partners in by_hotel.items():
            partners.write({"banquet_care_date": hotel._banquet_today()})

    # ------------------------------------------------------------
    # Key dates: birthdays and anniversaries
    # ------------------------------------------------------------

    @api.model
    def _banquet_key_date_domain(self, field, reminded_field):
        """Contacts whose ``field`` falls within the owner's hotel notice window, not yet
        reminded this year."""
        owner = "commercial_partner_id.banquet_account_user_id"
        domains = []
        for hotel in self._banquet_care_hotels():
            today = hotel._banquet_today()
            days = [
                today + timedelta(days=n) for n in range(hotel.banquet_key_date_notice_days + 1)
            ]
            domains.append(
                [
                    (f"{owner}.company_id", "=", hotel.id),
                    "|",
                    (reminded_field, "=", False),
                    (reminded_field, "<", today - timedelta(days=300)),
                    *expression.OR(
                        [
                            [
                                (f"{field}.month_number", "=", day.month),
                                (f"{field}.day_of_month", "=", day.day),
                            ]
                            for day in days
                        ]
                    ),
                ]
            )
        return expression.AND(
            [
                [
                    (field, "!=", False),
                    (owner, "!=", False),
                    ("commercial_partner_id.banquet_lost_reason_id", "=", False),
                ],
                expression.OR(domains),
            ]
        )

    @api.model
    def _cron_banquet_key_dates(self):
        """Remind the key-account owner of coming birthdays and company anniversaries.

        The reminder is a to-do of the "Key Date" type, whose mail templates send the
        greeting in one click. Batched like the care cron.
        """
        remaining = 0
        done = 0
        for field, reminded in (
            ("banquet_birthday", "banquet_birthday_reminded"),
            ("banquet_anniversary", "banquet_anniversary_reminded"),
        ):
            domain = self._banquet_key_date_domain(field, reminded)
            partners = self.search(domain, limit=self._banquet_cron_batch)
            if partners:
                partners._banquet_remind_key_date(field, reminded)
            done += len(partners)
            remaining += self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _banquet_next_occurrence(self, day, today):
        """The next anniversary of ``day`` from ``today`` on (29 February: the 28th)."""
        for year in (today.year, today.year + 1):
            try:
                candidate = day.replace(year=year)
            except ValueError:
                candidate = day.replace(year=year, day=28)
            if candidate >= today:
                return candidate
        return candidate

    def _banquet_remind_key_date(self, field, reminded_field):
        key_date_type = self.env.ref("hotel_banquet_crm.mail_activity_type_banquet_key_date")
        todos = []
        by_hotel = defaultdict(lambda: self.browse())
        for partner in self:
            owner = partner.commercial_partner_id.banquet_account_user_id
            hotel = owner.company_id
            by_hotel[hotel] |= partner
            today = hotel._banquet_today()
            coming = self._banquet_next_occurrence(partner[field], today)
            summary = (
                self.env._("Birthday of %s", partner.name)
                if field == "banquet_birthday"
                else self.env._("Anniversary of %s", partner.name)
            )
            todos.append(self._banquet_todo(partner, key_date_type, owner, coming, summary))
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        for hotel, partners in by_hotel.items():
            partners.write({reminded_field: hotel._banquet_today()})

    # ------------------------------------------------------------
    # Churn warnings
    # ------------------------------------------------------------

    @api.model
    def _banquet_churn_domain(self):
        domains = [
            [
                ("banquet_account_user_id.company_id", "=", hotel.id),
                "|",
                ("banquet_churn_checked", "=", False),
                ("banquet_churn_checked", "<", hotel._banquet_today()),
            ]
            for hotel in self._banquet_care_hotels()
        ]
        return expression.AND(
            [self._banquet_cared_domain(), [("parent_id", "=", False)], expression.OR(domains)]
        )

    @api.model
    def _cron_banquet_churn(self):
        """Flag customers at risk of leaving, with the reasons, once a day per hotel.

        Batched: customers checked today in their owner's hotel are skipped, so a run cut
        short starts again where it stopped.
        """
        domain = self._banquet_churn_domain()
        partners = self.search(domain, limit=self._banquet_cron_batch)
        if partners:
            partners._banquet_check_churn()
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=self.search_count(domain)
        )

    def _banquet_churn_reasons(self):
        """Why each customer of ``self`` may leave: {partner id: [reason, ...]}.

        Set-based (one grouped query per rule). Addons further down the chain add their
        rules (events, invoices, satisfaction) by extending this method.
        """
        reasons = defaultdict(list)
        complaints = (
            self.env["banquet.complaint"]
            # sudo: churn and care read every complaint of the customer, whoever logged it
            .sudo()
            ._read_group(
                [("commercial_partner_id", "in", self.ids), ("state", "!=", "closed")],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner, count in complaints:
            reasons[partner.id].append(self.env._("%s open complaint(s)", count))
        last_contact = self._banquet_last_contact_dates()
        for partner in self:
            hotel = partner.banquet_account_user_id.company_id
            months = hotel.banquet_churn_no_contact_months
            if not months:
                continue
            limit = hotel._banquet_today() - relativedelta(months=months)
            last = last_contact.get(partner.id) or partner.create_date.date()
            if last < limit:
                reasons[partner.id].append(
                    self.env._(
                        "No contact for %(months)s months (last on %(date)s)",
                        months=months,
                        date=last,
                    )
                )
        return reasons

    def _banquet_last_contact_dates(self):
        """{partner id: date of the last call, visit or care contact done}, per customer."""
        # sudo: churn and care read every contact with the customer, whoever logged it
        Visit = self.env["banquet.lead.visit"].sudo()
        Log = self.env["banquet.care.log"].sudo()
        last = {}

        def keep(partner, day):
            if day and (partner.id not in last or last[partner.id] < day):
                last[partner.id] = day

        for contact, date in Visit._read_group(
            [("partner_id.commercial_partner_id", "in", self.ids)], ["partner_id"], ["date:max"]
        ):
            keep(contact.commercial_partner_id, date.date())
        for partner, date in Log._read_group(
            [("partner_id", "in", self.ids), ("date_done", "!=", False)],
            ["partner_id"],
            ["date_done:max"],
        ):
            keep(partner, date)
        return last

    def _banquet_check_churn(self):
        reasons = self._banquet_churn_reasons()
        churn_type = self.env.ref("hotel_banquet_crm.mail_activity_type_banquet_churn")
        todos = []
        by_hotel = defaultdict(lambda: self.browse())
        # the flag's chatter tracking would write one message per customer: the owner's
        # to-do below says it, with the reasons
        partners = self.with_context(tracking_disable=True)
        for partner in partners:
            hotel = partner.banquet_account_user_id.company_id
            by_hotel[hotel] |= partner
            text = "\n".join(reasons.get(partner.id, []))
            if text and not partner.banquet_churn_warning:
                todos.append(
                    self._banquet_todo(
                        partner,
                        churn_type,
                        partner.banquet_account_user_id,
                        hotel._banquet_today(),
                        self.env._("Churn warning"),
                        text,
                    )
                )
            partner.banquet_churn_warning = bool(text)
            partner.banquet_churn_reason = text or False
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        for hotel, hotel_partners in by_hotel.items():
            hotel_partners.with_context(tracking_disable=True).write(
                {"banquet_churn_checked": hotel._banquet_today()}
            )
