import re
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools.misc import format_datetime

LEAD_GRADES = [("a", "A"), ("b", "B"), ("c", "C"), ("potential", "Potential")]
# Buttons of paid Odoo services (IAP) and lead generation a hotel does not use: lead
# enrichment (crm_iap_enrich) and lead mining (crm_iap_mine), both auto-installed with CRM.


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "banquet.decision.mixin"]

    # Recorded by the system when the inquiry is answered (the SLA): never written.
    _banquet_decision_fields = ("first_response_date",)

    # leads handled per cron run: the ORM inserts and updates rows by batches of 100
    _banquet_cron_batch = 100

    is_banquet = fields.Boolean(
        string="Banquet Inquiry",
        default=lambda self: self.env.context.get("default_is_banquet", False),
        help="Inquiry for a meeting, wedding, banquet or other function.",
    )
    banquet_reference = fields.Char(
        string="Inquiry Reference", readonly=True, copy=False, index="btree_not_null"
    )
    event_type_id = fields.Many2one("banquet.event.type", tracking=True, check_company=True)
    event_date_start = fields.Datetime(string="Event Start", tracking=True)
    event_date_end = fields.Datetime(string="Event End", tracking=True)
    alternative_dates = fields.Text(
        string="Flexible Dates", help="Other dates the client would accept."
    )
    expected_pax = fields.Integer(string="Expected Attendance", tracking=True)
    budget_per_head = fields.Monetary(currency_field="company_currency", tracking=True)
    budget_total = fields.Monetary(
        compute="_compute_budget_total",
        store=True,
        readonly=False,
        currency_field="company_currency",
        tracking=True,
    )
    preferred_rooms = fields.Char(help="Function rooms the client asked for.")
    setup_style_id = fields.Many2one("banquet.setup.style", tracking=True, check_company=True)
    fnb_requirements = fields.Text(string="F&B Requirements")
    room_block_needed = fields.Boolean(
        string="Accommodation Needed", help="The client also needs guest rooms."
    )
    room_block_count = fields.Integer(string="Guest Rooms")
    industry_id = fields.Many2one("res.partner.industry", tracking=True)
    market_segment_id = fields.Many2one("banquet.market.segment", tracking=True, check_company=True)
    lead_grade = fields.Selection(LEAD_GRADES, string="Grade", tracking=True)
    decision_date = fields.Date(tracking=True, help="When the client will decide.")
    requested_company_id = fields.Many2one(
        "res.company",
        string="Requested Hotel",
        help="Hotel the client asked for; routing sends the inquiry there.",
    )
    shared_company_ids = fields.Many2many(
        "res.company",
        "crm_lead_banquet_shared_company_rel",
        "lead_id",
        "company_id",
        string="Shared with Hotels",
        help="Other hotels of the group whose sales teams may see and work this inquiry, "
        "e.g. the hotel nearest to the client's branch.",
    )
    banquet_intake_channel_id = fields.Many2one(
        "banquet.intake.channel", string="Intake Channel", readonly=True, copy=False
    )
    # routed inquiries are announced to their salesperson in one message per cron run
    banquet_assignment_pending = fields.Boolean(
        string="Assignment Not Yet Announced",
        readonly=True,
        copy=False,
        help="Routing chose the salesperson; the next run of the assignment message tells them.",
    )

    banquet_idempotency_key = fields.Char(
        string="Idempotency Key",
        readonly=True,
        copy=False,
        help="Key the channel sent with the inquiry: a replay gets this inquiry back.",
    )
    # duplicate detection: core's similar leads (duplicate_lead_ids), extended for banquet
    # inquiries by the client's company name written any way ("ACME Ltd." is "acme ltd")
    banquet_company_key = fields.Char(
        string="Normalised Company",
        compute="_compute_banquet_company_key",
        store=True,
        index="btree_not_null",
    )
    banquet_duplicate_ids = fields.Many2many(
        "crm.lead", compute="_compute_banquet_duplicate_ids", string="Likely Duplicates"
    )
    banquet_duplicate_count = fields.Integer(compute="_compute_banquet_duplicate_ids")
    # first-response SLA
    first_response_deadline = fields.Datetime(readonly=True, copy=False)
    first_response_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    sla_overdue = fields.Boolean(
        string="First Response Overdue", readonly=True, copy=False, index=True
    )
    first_response_hours = fields.Float(
        compute="_compute_banquet_kpis",
        store=True,
        aggregator="avg",
        help="Hours from the inquiry's arrival to the first reply, call or meeting.",
    )
    sla_met_percent = fields.Float(
        string="Answered within SLA (%)",
        compute="_compute_banquet_kpis",
        store=True,
        aggregator="avg",
        help="100 when the first response came before the deadline, else 0: its average is "
        "the share of inquiries answered in time.",
    )
    won_percent = fields.Float(
        string="Won (%)",
        compute="_compute_banquet_kpis",
        store=True,
        aggregator="avg",
        help="100 for a won inquiry, else 0: its average is the conversion rate.",
    )
    banquet_visit_ids = fields.One2many(
        "banquet.lead.visit",
        "lead_id",
        string="Calls & Visits",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_stage_history_ids = fields.One2many(
        "banquet.lead.stage.history",
        "lead_id",
        string="Stage History",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    lost_competitor_id = fields.Many2one(
        "banquet.competitor", string="Lost To", tracking=True, help="Competitor the client chose."
    )
    banquet_alarm_date = fields.Datetime(
        string="Last No Follow-up Alarm", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "expected_pax_positive",
            "CHECK(expected_pax >= 0)",
            "The expected attendance cannot be negative.",
        ),
        (
            "event_dates_ordered",
            (
                "CHECK(event_date_end IS NULL OR event_date_start IS NULL"
                " OR event_date_end >= event_date_start)"
            ),
            "The event cannot end before it starts.",
        ),
        (
            "banquet_idempotency_uniq",
            "unique(banquet_intake_channel_id, banquet_idempotency_key)",
            "This channel already sent an inquiry with this idempotency key.",
        ),
        (
            "room_block_count_positive",
            "CHECK(room_block_count >= 0)",
            "The number of guest rooms cannot be negative.",
        ),
    ]

    def init(self):
        res = super().init()
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS crm_lead_banquet_assignment_pending_idx"
            " ON crm_lead (user_id) WHERE banquet_assignment_pending"
        )
        return res

    @api.depends("budget_per_head", "expected_pax")
    def _compute_budget_total(self):
        for lead in self:
            if lead.budget_per_head and lead.expected_pax:
                lead.budget_total = lead.budget_per_head * lead.expected_pax
            else:
                lead.budget_total = lead.budget_total

    @api.depends("partner_name")
    def _compute_banquet_company_key(self):
        for lead in self:
            lead.banquet_company_key = (
                re.sub(r"[\W_]+", "", (lead.partner_name or "").lower()) or False
            )

    @api.depends("is_banquet", "banquet_company_key", "email_normalized", "phone", "mobile")
    def _compute_potential_lead_duplicates(self):
        """Core's similar leads (same e-mail domain, sanitized phone or commercial entity)
        and, for a banquet inquiry, also the leads of the same company name, the same
        e-mail address or the same phone number however it is written: core compares
        phones as sanitized, which is as typed when the ``phonenumbers`` library is absent.
        """
        super()._compute_potential_lead_duplicates()
        banquet = self.filtered("is_banquet")
        if not banquet:
            return
        # as core does: the leads of every hotel, archived ones too
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        names = {name for name in banquet.mapped("banquet_company_key") if name}
        emails = {email for email in banquet.mapped("email_normalized") if email}
        candidates = Lead
        if names or emails:
            candidates = Lead.search(
                [
                    "|",
                    ("banquet_company_key", "in", list(names)),
                    ("email_normalized", "in", list(emails)),
                ]
            )
        # core's phone search compares the stored numbers in SQL
        Lead.flush_model(["phone", "mobile"])
        for lead in banquet:
            found = candidates.filtered(
                lambda other, lead=lead: (
                    (
                        lead.banquet_company_key
                        and other.banquet_company_key == lead.banquet_company_key
                    )
                    or (lead.email_normalized and other.email_normalized == lead.email_normalized)
                )
            )
            for number in {lead.phone, lead.mobile} - {False}:
                if len(re.sub(r"\D", "", number)) >= 3:
                    found |= Lead.search([("phone_mobile_search", "=", number)])
            others = (lead.duplicate_lead_ids - lead) | found.filtered(
                lambda other, lead=lead: other.id != lead._origin.id
            )
            lead.duplicate_lead_ids = others + lead
            lead.duplicate_lead_count = len(others)

    @api.depends("duplicate_lead_ids")
    def _compute_banquet_duplicate_ids(self):
        """Core's similar leads without the lead itself, those the user may open."""
        others = {lead: lead.duplicate_lead_ids - lead - lead._origin for lead in self}
        readable = self.env["crm.lead"].union(*others.values())._filtered_access("read")
        for lead in self:
            lead.banquet_duplicate_ids = others[lead] & readable
            lead.banquet_duplicate_count = len(lead.banquet_duplicate_ids)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.depends("first_response_date", "first_response_deadline", "create_date", "stage_id.is_won")
    def _compute_banquet_kpis(self):
        for lead in self:
            answered = lead.first_response_date
            lead.first_response_hours = (
                (answered - lead.create_date).total_seconds() / 3600
                if answered and lead.create_date
                else 0.0
            )
            lead.sla_met_percent = (
                100.0
                if answered
                and lead.first_response_deadline
                and answered <= lead.first_response_deadline
                else 0.0
            )
            lead.won_percent = 100.0 if lead.stage_id.is_won else 0.0

    # CRUD: the one create and write of crm.lead in this addon; each feature's part is a
    # named helper, called in this order.

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_refuse_decision_fields(vals_list, creating=True)
        self._banquet_refuse_banquet_creation(
            vals_list,
            ("hotel_banquet_crm.group_banquet_user", "hotel_banquet_crm.group_banquet_intake"),
        )
        # the caller's dicts stay as they were; consent recorded with its date
        vals_list = [self._banquet_consent_stamp(dict(vals)) for vals in vals_list]
        banquet_vals = [
            vals
            for vals in vals_list
            if vals.get("is_banquet", self.env.context.get("default_is_banquet"))
        ]
        self._banquet_default_channel(vals_list)
        creator = self
        if banquet_vals:
            # reference and routing go into the INSERT itself: no write per lead after create
            for vals, reference in zip(
                banquet_vals, self._banquet_next_references(len(banquet_vals)), strict=True
            ):
                vals["banquet_reference"] = reference
            to_route = [vals for vals in banquet_vals if not vals.get("user_id")]
            hotels = self.env["banquet.routing.rule"]._route_values(to_route)
            self._banquet_add_first_response_deadlines(banquet_vals)
            if not self.env.su and hotels - self.env.companies:
                # sudo: routing files these inquiries in a hotel of the group their creator
                # does not work in (the group sales office routes for every hotel); the
                # creator's right to create inquiries at all is checked here
                self.check_access("create")
                creator = self.sudo()
            if to_route:
                # no "you have been assigned" mail per lead while the caller waits (as core's
                # own lead assignment does): the salespeople follow their leads and hear of
                # them in one message per run (_cron_banquet_notify_assignments)
                creator = creator.with_context(mail_auto_subscribe_no_notify=True)
                for vals in to_route:
                    if vals.get("user_id"):
                        vals["banquet_assignment_pending"] = True
        leads = super(CrmLead, creator).create(vals_list).with_env(self.env)
        banquet = leads.filtered("is_banquet")
        if banquet:
            banquet._banquet_open_stage_history(new=True)
        return leads

    @api.model
    def _banquet_default_channel(self, vals_list):
        """A banquet inquiry without a channel was entered by sales: say so, so that the
        funnel by channel has a name for it."""
        if self.env.context.get("default_source_id"):
            return
        direct = None
        for vals in vals_list:
            banquet = vals.get("is_banquet", self.env.context.get("default_is_banquet"))
            if banquet and not vals.get("source_id"):
                direct = direct or self.env.ref(
                    "hotel_banquet_crm.utm_source_direct", raise_if_not_found=False
                )
                if direct:
                    vals["source_id"] = direct.id

    def _banquet_next_references(self, count):
        """``count`` inquiry references, drawn in one query from the standard sequence."""
        # sudo: the intake user and salespeople may not read sequences
        return (
            self.env["ir.sequence"]
            .sudo()
            # the year of the reference is the hotel's year
            .with_context(tz=self.env.company.banquet_tz)
            ._banquet_next_many("banquet.inquiry", count)
        )

    def write(self, vals):
        self._banquet_refuse_decision_fields([vals])
        vals = self._banquet_consent_stamp(vals)
        moved = self.browse()
        if "stage_id" in vals:
            moved = self.filtered(
                lambda lead: lead.is_banquet and lead.stage_id.id != vals["stage_id"]
            )
        result = super().write(vals)
        if moved:
            moved._banquet_open_stage_history()
        return result

    def _banquet_open_stage_history(self, new=False):
        """Close the current stage line of each lead and open one for its new stage
        (``new``: the leads were just created and have no line to close)."""
        now = fields.Datetime.now()
        History = self.env[
            "banquet.lead.stage.history"
        ].sudo()  # a log, written for any user moving a card
        if not new:
            History.search([("lead_id", "in", self.ids), ("date_end", "=", False)]).write(
                {"date_end": now}
            )
        History.create(
            [
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "user_id": lead.user_id.id,
                    "team_id": lead.team_id.id,
                    "date_start": now,
                }
                for lead in self
                if lead.stage_id
            ]
        )

    @api.model
    def _banquet_add_first_response_deadlines(self, vals_list):
        """Put the first-response deadline into the values of new inquiries: arrival (the
        transaction's time, which is their create_date) plus the channel's or hotel's hours."""
        now = self.env.cr.now()
        # sudo: only hours are read, of a channel or a hotel the creator may not work in
        Channel = self.env["banquet.intake.channel"].sudo()
        Company = self.env["res.company"].sudo()
        for vals in vals_list:
            if vals.get("first_response_deadline"):
                continue
            company = Company.browse(vals.get("company_id")) or self.env.company
            hours = (
                Channel.browse(vals.get("banquet_intake_channel_id")).first_response_hours
                or company.banquet_first_response_hours
                or self.env.company.banquet_first_response_hours
            )
            vals["first_response_deadline"] = now + timedelta(hours=hours)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        custom_values = dict(custom_values or {})
        team = self.env["crm.team"].browse(custom_values.get("team_id"))
        if team.is_banquet:
            custom_values.setdefault("is_banquet", True)
            source = self.env.ref("hotel_banquet_crm.utm_source_email", raise_if_not_found=False)
            if source:
                custom_values.setdefault("source_id", source.id)
            custom_values.setdefault("medium_id", self.env.ref("utm.utm_medium_email").id)
        return super().message_new(msg_dict, custom_values=custom_values)

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if (
            message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and self.env.user._is_internal()
            and message.author_id == self.env.user.partner_id
        ):
            # when the message was recorded: its ``date`` is the poster's to give
            self._banquet_mark_first_response(message.create_date)
        return message

    def _banquet_mark_first_response(self, when):
        pending = self.filtered(lambda lead: lead.is_banquet and not lead.first_response_date)
        if pending:
            # sudo: the first response is recorded by the system when a salesperson's
            # message, call or visit is recorded; nobody writes it (a decision field)
            pending.sudo().write({"first_response_date": when, "sla_overdue": False})

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """A banquet team's inquiries move through the team's own funnel (New Inquiry,
        Contacted, ...), not the generic stages core also offers every team."""
        teams = self.env["crm.team"].browse(team_id) | self.team_id
        if not teams or not all(teams.mapped("is_banquet")):
            return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)
        stages = self.env["crm.stage"].search(
            [("team_id", "in", teams.ids)] + list(domain or []), order=order, limit=limit
        )
        return stages or super()._stage_find(
            team_id=team_id, domain=domain, order=order, limit=limit
        )

    @api.depends(
        lambda self: (
            ["stage_id", "team_id", "is_banquet", "stage_id.banquet_probability"]
            + self._pls_get_safe_fields()
        )
    )
    def _compute_probabilities(self):
        """A banquet inquiry's probability is its funnel stage's (New Inquiry 10 %, ...
        Negotiation 80 %), not Odoo's predictive scoring, which the demo's history would
        train to 99 % for a fresh web inquiry. Set by hand, it stays as set (core)."""
        by_stage = self.filtered(lambda lead: lead.is_banquet and lead.stage_id.team_id.is_banquet)
        result = super(CrmLead, self - by_stage)._compute_probabilities()
        for lead in by_stage:
            was_automated = lead.active and lead.is_automated_probability
            lead.automated_probability = lead.stage_id.banquet_probability
            if was_automated:
                lead.probability = lead.automated_probability
        return result

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The Banquet app's kanban shows the stages of the banquet teams, not the
        generic sales stages (core shows the stages of no team unless one team is set)."""
        if not self.env.context.get("default_is_banquet") or self.env.context.get(
            "default_team_id"
        ):
            return super()._read_group_stage_ids(stages, domain)
        # sudo: as core does, stages of teams the user cannot read still make columns.
        stage_ids = stages.sudo()._search(
            ["|", ("id", "in", stages.ids), ("team_id.is_banquet", "=", True)],
            order=stages._order,
        )
        return stages.browse(stage_ids)

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Keep IAP's lead mining and enrichment out of banquet work, and only there: the
        Generate Leads button leaves the Banquet app's own pipeline views, Enrich leaves
        banquet inquiries; core's CRM views stay as they are for everyone."""
        arch, view = super()._get_view(view_id, view_type, **options)
        ours = view.mode == "primary" and (view.xml_id or "").startswith("hotel_banquet_")
        for node in arch.xpath("//button[@name='action_generate_leads']"):
            if ours:
                node.getparent().remove(node)
        for node in arch.xpath("//button[@name='iap_enrich']"):
            hidden = node.get("invisible")
            node.set("invisible", f"({hidden}) or is_banquet" if hidden else "is_banquet")
        return arch, view

    @api.model
    def get_import_templates(self):
        templates = super().get_import_templates()
        if self.env.context.get("default_is_banquet"):
            templates.insert(
                0,
                {
                    "label": self.env._("Import Template for Banquet Inquiries (trade shows)"),
                    "template": "/hotel_banquet_crm/static/csv/banquet_inquiry_import_template.csv",
                },
            )
        return templates

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_view_banquet_duplicates(self):
        """Open the likely duplicates; select them with this lead and use Merge."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Likely Duplicates of %s", self.display_name),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("hotel_banquet_crm.crm_lead_view_list").id, "list"),
                (False, "form"),
            ],
            "domain": [("id", "in", (self | self.banquet_duplicate_ids).ids)],
            "context": {"active_test": False},
        }

    def action_banquet_route(self):
        """Choose the hotel, team and salesperson again from the routing rules."""
        self._banquet_route()
        return True

    # ------------------------------------------------------------
    # Routing (the rules decide: banquet.routing.rule._route_values)
    # ------------------------------------------------------------

    def _banquet_route(self):
        """Send each lead to a hotel, its banquet team and the best salesperson again.

        Leads going to the same hotel, team and salesperson are written together.
        """
        plans = defaultdict(lambda: self.browse())
        probes = [{"_lead": lead} for lead in self]
        self.env["banquet.routing.rule"]._route_values(probes)
        for probe in probes:
            lead = probe.pop("_lead")
            plans[tuple(sorted(probe.items()))] |= lead
        for vals, leads in plans.items():
            # the target hotel may be one the current user cannot write in
            leads.sudo().write(dict(vals))

    # ------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------

    def _banquet_sla_domain(self):
        return [
            ("is_banquet", "=", True),
            ("sla_overdue", "=", False),
            ("first_response_date", "=", False),
            ("first_response_deadline", "<", fields.Datetime.now()),
            ("stage_id.is_won", "=", False),
        ]

    @api.model
    def _cron_banquet_first_response_sla(self):
        """Flag banquet inquiries not answered in time and tell the team leader once.

        Works in batches of ``_banquet_cron_batch`` leads (the size of the ORM's own
        INSERT/UPDATE batches), so that a run costs the same queries whatever the backlog;
        the cron framework runs again at once while some remain.
        """
        domain = self._banquet_sla_domain()
        leads = self.search(domain, limit=self._banquet_cron_batch)
        leads.write({"sla_overdue": True})
        todos = []
        for lead in leads:
            leader = lead.team_id.user_id or lead.user_id
            if not leader:
                continue
            # the hotel's clock and language, not the cron user's (UTC, OdooBot's language)
            hotel = lead.company_id or self.env.company
            lang = hotel._banquet_lang_for(leader)
            env = self.with_context(lang=lang).env
            values = {
                "date_deadline": hotel._banquet_today(),
                "summary": env._("First response overdue"),
                "note": env._(
                    "Inquiry %(reference)s was not answered before %(deadline)s "
                    "(%(zone)s, hotel time).",
                    reference=lead.banquet_reference or lead.name,
                    deadline=format_datetime(
                        env,
                        lead.first_response_deadline,
                        tz=hotel.banquet_tz,
                        dt_format="short",
                        lang_code=lang,
                    ),
                    zone=hotel.banquet_tz,
                ),
            }
            todos.append((lead, leader, values))
        # no e-mail per to-do: the leader sees them in the activity menu
        self.env["mail.activity"]._banquet_schedule_todos(todos)
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=self.search_count(domain))

    def _banquet_no_followup_domain(self, now):
        """Open inquiries of each hotel without message, activity or alarm for its period.

        The period counts the hotel's calendar days: an inquiry last touched on the hotel's
        1 March raises a 30-day alarm from the hotel's midnight starting 31 March, whatever
        the time of the touch and the zone of the cron user.
        """
        domains = []
        companies = self.env["res.company"].search([])
        for company in companies | self.env["res.company"]:
            hotel = company or self.env.company
            first_quiet_day = hotel._banquet_today() - timedelta(
                days=hotel.banquet_no_followup_days - 1
            )
            limit = hotel._banquet_day_start_utc(first_quiet_day)
            domains.append(
                [
                    ("company_id", "=", company.id),
                    ("create_date", "<", limit),
                    "|",
                    ("banquet_alarm_date", "=", False),
                    ("banquet_alarm_date", "<", limit),
                    "!",
                    ("message_ids", "any", [("date", ">=", limit)]),
                    "!",
                    ("activity_ids", "any", [("create_date", ">=", limit)]),
                ]
            )
        return expression.AND(
            [
                [
                    ("is_banquet", "=", True),
                    ("user_id", "!=", False),
                    ("stage_id.is_won", "=", False),
                ],
                expression.OR(domains),
            ]
        )

    @api.model
    def _cron_banquet_no_followup(self):
        """Re-assign or escalate open inquiries nobody touched for the hotel's alarm period.

        Batched like the first-response cron: a constant number of queries per run.
        """
        now = fields.Datetime.now()
        domain = self._banquet_no_followup_domain(now)
        leads = self.search(domain, limit=self._banquet_cron_batch)
        if leads:
            leads._banquet_raise_no_followup_alarm(now)
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=self.search_count(domain))

    def _banquet_raise_no_followup_alarm(self, now):
        members = self.team_id.crm_team_member_ids.filtered(lambda m: m.user_id.active)
        load = {
            user.id: count
            for user, count in self.env["crm.lead"]._read_group(
                [
                    ("user_id", "in", members.user_id.ids),
                    ("stage_id.is_won", "=", False),
                    ("is_banquet", "=", True),
                ],
                ["user_id"],
                ["__count"],
            )
        }
        reassign = defaultdict(lambda: self.browse())
        escalate = {}  # lead: (leader, language)
        bodies = {}
        for lead in self:
            company = lead.company_id or self.env.company
            days = company.banquet_no_followup_days
            others = lead.team_id.crm_team_member_ids.filtered(
                lambda m, lead=lead: m.user_id.active and m.user_id != lead.user_id
            )
            if company.banquet_no_followup_action == "reassign" and others:
                best = min(others, key=lambda m: (load.get(m.user_id.id, 0), m.id))
                load[best.user_id.id] = load.get(best.user_id.id, 0) + 1
                reassign[best.user_id] |= lead
                # written in the hotel's language, else in the new salesperson's
                env = self.with_context(lang=company._banquet_lang_for(best.user_id)).env
                bodies[lead.id] = env._(
                    "No follow-up for %(days)s days: inquiry re-assigned from %(old)s to %(new)s.",
                    days=days,
                    old=lead.user_id.name,
                    new=best.user_id.name,
                )
            else:
                leader = lead.team_id.user_id or lead.user_id
                lang = company._banquet_lang_for(leader)
                escalate[lead] = (leader, lang)
                bodies[lead.id] = self.with_context(lang=lang).env._(
                    "No follow-up for %(days)s days: escalated to the team leader %(leader)s.",
                    days=days,
                    leader=leader.name,
                )
        self.write({"banquet_alarm_date": now})
        for user, leads in reassign.items():
            # the chatter message below explains the change; no per-lead tracking message
            leads.with_context(tracking_disable=True).write({"user_id": user.id})
        self.env["mail.activity"]._banquet_schedule_todos(
            [
                (
                    lead,
                    leader,
                    {
                        # due on the hotel's today, not the cron user's (UTC) date
                        "date_deadline": (lead.company_id or self.env.company)._banquet_today(),
                        "summary": self.with_context(lang=lang).env._("No follow-up"),
                    },
                )
                for lead, (leader, lang) in escalate.items()
            ]
        )
        self._message_log_batch(
            {lead_id: Markup("<p>%s</p>") % body for lead_id, body in bodies.items()}
        )

    @api.model
    def _cron_banquet_notify_assignments(self, limit=1000):
        """Tell each salesperson, in one message, which new inquiries routing gave them.

        A constant number of queries per salesperson, whatever the number of inquiries.
        """
        leads = self.search([("banquet_assignment_pending", "=", True)], order="id", limit=limit)
        by_user = defaultdict(lambda: self.browse())
        for lead in leads:
            by_user[lead.user_id] |= lead
        for user, user_leads in by_user.items():
            if not user.active:
                continue
            lang_env = user_leads.with_context(lang=user.lang)
            items = Markup("").join(
                Markup('<li><a href="%s">%s</a> %s</li>')
                % (lead._notify_get_action_link("view"), lead.banquet_reference, lead.name)
                for lead in lang_env
            )
            lang_env[:1].message_notify(
                partner_ids=user.partner_id.ids,
                subject=lang_env.env._(
                    "%(count)s new banquet inquiries assigned to you", count=len(user_leads)
                ),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (lang_env.env._("Routing assigned these inquiries to you:"), items),
                email_layout_xmlid="mail.mail_notification_layout",
            )
        leads.write({"banquet_assignment_pending": False})
        self.env["ir.cron"]._notify_progress(
            done=len(leads),
            remaining=self.search_count([("banquet_assignment_pending", "=", True)]),
        )
