from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression

VALUE_TIERS = [
    ("platinum", "Platinum"),
    ("gold", "Gold"),
    ("silver", "Silver"),
    ("potential", "Potential"),
    ("churn", "Churn Warning"),
]
# event statuses of an event that took place or will: the customer's real business
REAL_EVENT_STATUSES = ("definite", "actualised", "closed")
# statuses after which an event needs nothing more from the customer
FINISHED_EVENT_STATUSES = ("closed", "cancelled", "lost", "released")


class ResPartner(models.Model):
    """Customer 360 on events and invoices: value tiers from RFM, satisfaction, churn."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    banquet_tier = fields.Selection(
        VALUE_TIERS,
        string="Value Tier",
        readonly=True,
        copy=False,
        index=True,
        help="From recency, frequency and invoiced revenue of real events (definite, "
        "actualised, closed), recomputed daily with the hotel's thresholds (Settings).",
    )
    banquet_tier_date = fields.Date(string="Tier Since", readonly=True, copy=False)
    banquet_tier_checked = fields.Date(readonly=True, copy=False)
    banquet_tier_history_ids = fields.One2many(
        "banquet.tier.history",
        "partner_id",
        string="Tier Changes",
        readonly=True,
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_last_event_date = fields.Date(string="Last Event", readonly=True, copy=False)
    banquet_events_12 = fields.Integer(string="Events (12 months)", readonly=True, copy=False)
    banquet_events_24 = fields.Integer(string="Events (24 months)", readonly=True, copy=False)
    banquet_revenue_24 = fields.Monetary(
        string="Revenue (24 months)",
        currency_field="banquet_revenue_currency_id",
        readonly=True,
        copy=False,
        help="Posted customer invoices minus credit notes, untaxed, over the last 24 months, "
        "in every hotel of the group: in the currency of the customer's hotel, other hotels' "
        "invoices converted at the day's rate.",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_revenue_currency_id = fields.Many2one(
        "res.currency",
        string="Revenue Currency",
        readonly=True,
        copy=False,
        help="The currency of the customer's hotel, which its revenue figure is in.",
        groups="hotel_banquet_crm.group_banquet_user",
    )
    banquet_nps_last = fields.Integer(
        string="Last Satisfaction Score", readonly=True, copy=False, aggregator="avg"
    )
    banquet_nps_date = fields.Date(string="Last Scored On", readonly=True, copy=False)
    # 360 smart buttons
    banquet_event_count = fields.Integer(
        compute="_compute_banquet_360", groups="hotel_banquet_crm.group_banquet_user"
    )
    banquet_invoice_count = fields.Integer(
        compute="_compute_banquet_360", groups="hotel_banquet_crm.group_banquet_user"
    )
    banquet_outstanding_amount = fields.Monetary(
        string="Outstanding",
        compute="_compute_banquet_360",
        currency_field="currency_id",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_survey_count = fields.Integer(
        compute="_compute_banquet_360", groups="hotel_banquet_crm.group_banquet_user"
    )

    def _compute_banquet_360(self):
        """Counts and amounts of what the current user may read: a salesperson of one
        hotel never sees another hotel's events or money in the 360 (record rules apply,
        no sudo); a user without access to events or invoices sees zeros."""
        commercial = self.commercial_partner_id
        Order = self.env["sale.order"]
        Move = self.env["account.move"]
        events = defaultdict(int)
        if Order.has_access("read"):
            for partner, count in Order._read_group(
                [("is_banquet", "=", True), ("partner_id", "child_of", commercial.ids)],
                ["partner_id"],
                ["__count"],
            ):
                events[partner.commercial_partner_id] += count
        invoices = defaultdict(int)
        outstanding = defaultdict(float)
        if Move.has_access("read"):
            for partner, count, residual in Move._read_group(
                [
                    ("commercial_partner_id", "in", commercial.ids),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                ],
                ["commercial_partner_id"],
                ["__count", "amount_residual_signed:sum"],
            ):
                invoices[partner] = count
                outstanding[partner] = residual
        surveys = defaultdict(int)
        if Order.has_access("read"):
            # sudo: salespeople have no survey rights; only answers about events the user
            # may read are counted (the subquery applies the user's rules on sale.order)
            readable_events = Order._search(
                [("is_banquet", "=", True), ("partner_id", "child_of", commercial.ids)]
            )
            for partner, count in (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [("banquet_order_id", "in", readable_events)],
                    ["partner_id"],
                    ["__count"],
                )
            ):
                surveys[partner.commercial_partner_id] += count
        for partner in self:
            key = partner.commercial_partner_id
            partner.banquet_event_count = events[key]
            partner.banquet_invoice_count = invoices[key]
            partner.banquet_outstanding_amount = outstanding[key]
            partner.banquet_survey_count = surveys[key]

    # ------------------------------------------------------------
    # 360 actions
    # ------------------------------------------------------------

    def action_view_banquet_events(self):
        """Banquet events of this customer and its contacts."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_contract.sale_order_action_banquet"
        )
        action["domain"] = [
            ("is_banquet", "=", True),
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {"default_partner_id": self.id, "default_is_banquet": True}
        return action

    def _banquet_invoice_action(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ("move_type", "in", ("out_invoice", "out_refund")),
            *domain,
        ]
        action["context"] = {"default_move_type": "out_invoice", "default_partner_id": self.id}
        return action

    def action_view_banquet_invoices(self):
        """Posted invoices and credit notes of this customer."""
        self.ensure_one()
        return self._banquet_invoice_action([("state", "=", "posted")])

    def action_view_banquet_outstanding(self):
        """Posted invoices, deposits included, not paid yet."""
        self.ensure_one()
        return self._banquet_invoice_action(
            [("state", "=", "posted"), ("payment_state", "in", ("not_paid", "partial"))]
        )

    def action_view_banquet_surveys(self):
        """Post-event survey answers of this customer."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action["domain"] = [
            ("banquet_order_id", "!=", False),
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {}
        return action

    # ------------------------------------------------------------
    # Hotel of a customer
    # ------------------------------------------------------------

    @api.model
    def _banquet_hotel_domain(self, hotel):
        """Customers whose figures follow ``hotel``: their owner's hotel, else their own,
        else the group's main hotel (the cron's company)."""
        domain = [
            "|",
            ("banquet_account_user_id.company_id", "=", hotel.id),
            "&",
            ("banquet_account_user_id", "=", False),
            ("company_id", "=", hotel.id),
        ]
        if hotel == self.env.company:
            domain = expression.OR(
                [domain, [("banquet_account_user_id", "=", False), ("company_id", "=", False)]]
            )
        return domain

    def _banquet_hotel(self):
        self.ensure_one()
        return self.banquet_account_user_id.company_id or self.company_id or self.env.company

    # ------------------------------------------------------------
    # RFM value tiers
    # ------------------------------------------------------------

    @api.model
    def _banquet_tier_domain(self):
        domains = [
            expression.AND(
                [
                    self._banquet_hotel_domain(hotel),
                    [
                        "|",
                        ("banquet_tier_checked", "=", False),
                        ("banquet_tier_checked", "<", hotel._banquet_today()),
                    ],
                ]
            )
            for hotel in self._banquet_care_hotels()
        ]
        return expression.AND(
            [
                [
                    ("parent_id", "=", False),
                    ("banquet_anonymised", "=", False),
                    "|",
                    "|",
                    "|",
                    ("customer_rank", ">", 0),
                    ("banquet_grade", "!=", False),
                    ("sale_order_ids", "!=", False),
                    ("banquet_tier", "!=", False),
                ],
                expression.OR(domains),
            ]
        )

    @api.model
    def _cron_banquet_tiers(self):
        """Recompute the value tier of customers not yet done today in their hotel.

        Batched: a constant number of queries per run of ``_banquet_cron_batch`` customers;
        a run cut short starts again where it stopped.
        """
        domain = self._banquet_tier_domain()
        partners = self.search(domain, limit=self._banquet_cron_batch)
        if partners:
            partners._banquet_update_tiers()
        self.env["ir.cron"]._notify_progress(
            done=len(partners), remaining=self.search_count(domain)
        )

    def _banquet_real_event_domain(self):
        return [
            ("is_banquet", "=", True),
            ("banquet_status", "in", REAL_EVENT_STATUSES),
            ("partner_id", "child_of", self.ids),
            ("event_date_start", "!=", False),
        ]

    def _banquet_rfm(self):
        """{partner id: figures} over real events and posted invoices, set-based.

        Figures: ``last`` (date of the last event so far, hotel time), ``events_12``,
        ``events_24``, ``events_before`` (events 13 to 36 months ago), ``revenue_24``.
        """
        now = fields.Datetime.now()
        hotels = {partner.id: partner._banquet_hotel() for partner in self}
        today = {pid: hotel._banquet_today() for pid, hotel in hotels.items()}
        oldest = min(today.values()) - relativedelta(months=36, days=1)
        figures = {
            pid: {
                "last": False,
                "events_12": 0,
                "events_24": 0,
                "events_before": 0,
                "revenue_24": 0.0,
            }
            for pid in self.ids
        }
        Order = self.env["sale.order"].sudo()  # events of every hotel and salesperson count
        for partner, last in Order._read_group(
            self._banquet_real_event_domain() + [("event_date_start", "<=", now)],
            ["partner_id"],
            ["event_date_start:max"],
        ):
            pid = partner.commercial_partner_id.id
            if pid not in figures:  # a branch company booking for itself
                continue
            day = hotels[pid]._banquet_to_local(last).date()
            if not figures[pid]["last"] or figures[pid]["last"] < day:
                figures[pid]["last"] = day
        orders = Order.search_read(
            self._banquet_real_event_domain()
            + [("event_date_start", ">=", oldest), ("event_date_start", "<=", now)],
            ["partner_id", "event_date_start"],
            load=None,
        )
        commercial = {
            contact.id: contact.commercial_partner_id.id
            for contact in self.browse({order["partner_id"] for order in orders})
        }
        for order in orders:
            pid = commercial[order["partner_id"]]
            if pid not in figures:
                continue
            day = hotels[pid]._banquet_to_local(order["event_date_start"]).date()
            if day > today[pid] - relativedelta(months=12):
                figures[pid]["events_12"] += 1
            elif day > today[pid] - relativedelta(months=36):
                figures[pid]["events_before"] += 1
            if day > today[pid] - relativedelta(months=24):
                figures[pid]["events_24"] += 1
        moves = (
            self.env["account.move"]
            # sudo: tiers are computed from every posted invoice of the customer
            .sudo()
            .search_read(
                [
                    ("commercial_partner_id", "in", self.ids),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("invoice_date", ">=", oldest),
                ],
                ["commercial_partner_id", "company_id", "invoice_date", "amount_untaxed_signed"],
                load=None,
            )
        )
        # Each move's untaxed amount is in its own hotel's currency: a customer's figure is
        # in its hotel's, never a sum of yuan and dollars. Other currencies are converted at
        # the day's rate, one rate per pair of currencies however many invoices.
        companies = self.env["res.company"].browse({move["company_id"] for move in moves})
        rates = {}
        for move in moves:
            pid = move["commercial_partner_id"]
            if move["invoice_date"] <= today[pid] - relativedelta(months=24):
                continue
            source = companies.browse(move["company_id"]).currency_id
            hotel = hotels[pid]
            if source != hotel.currency_id and (source, hotel) not in rates:
                rates[source, hotel] = source._get_conversion_rate(
                    source, hotel.currency_id, hotel, today[pid]
                )
            rate = rates.get((source, hotel), 1.0)
            figures[pid]["revenue_24"] += move["amount_untaxed_signed"] * rate
        return figures

    @api.model
    def _banquet_tier_from(self, hotel, today, figures):
        """The value tier of a customer with RFM ``figures``, by ``hotel``'s thresholds."""
        last = figures["last"]
        if last and (today - last).days > hotel.banquet_tier_churn_days:
            return "churn"
        revenue, events = figures["revenue_24"], figures["events_24"]
        for tier in ("platinum", "gold", "silver"):
            if (
                events
                and revenue >= hotel[f"banquet_tier_{tier}_amount"]
                and events >= hotel[f"banquet_tier_{tier}_events"]
            ):
                return tier
        return "potential"

    def _banquet_update_tiers(self):
        figures = self._banquet_rfm()
        history = []
        winback = []
        by_hotel = defaultdict(lambda: self.browse())
        winback_type = self.env.ref("hotel_banquet_contract.mail_activity_type_banquet_winback")
        # tier changes are kept in banquet.tier.history, written in one insert below
        for partner in self.with_context(tracking_disable=True):
            hotel = partner._banquet_hotel()
            today = hotel._banquet_today()
            by_hotel[hotel] |= partner
            values = figures[partner.id]
            tier = self._banquet_tier_from(hotel, today, values)
            if tier != partner.banquet_tier:
                history.append(
                    {
                        "partner_id": partner.id,
                        "company_id": hotel.id,
                        "date": today,
                        "old_tier": partner.banquet_tier,
                        "new_tier": tier,
                        "revenue_24": values["revenue_24"],
                        "events_24": values["events_24"],
                        "last_event_date": values["last"],
                    }
                )
                if tier == "churn" and partner.banquet_account_user_id:
                    winback.append(
                        self._banquet_todo(
                            partner,
                            winback_type,
                            partner.banquet_account_user_id,
                            today,
                            self.env._("Win back this customer"),
                            self.env._("No event since %s.", values["last"]),
                        )
                    )
                partner.banquet_tier = tier
                partner.banquet_tier_date = today
            partner.banquet_last_event_date = values["last"]
            partner.banquet_events_12 = values["events_12"]
            partner.banquet_events_24 = values["events_24"]
            partner.banquet_revenue_24 = hotel.currency_id.round(values["revenue_24"])
            partner.banquet_revenue_currency_id = hotel.currency_id
        self.env["banquet.tier.history"].create(history)
        self.env["mail.activity"]._banquet_schedule_todos(winback)
        for hotel, partners in by_hotel.items():
            partners.with_context(tracking_disable=True).write(
                {"banquet_tier_checked": hotel._banquet_today()}
            )

    # ------------------------------------------------------------
    # Churn rules on events and satisfaction
    # ------------------------------------------------------------

    def _banquet_churn_reasons(self):
        reasons = super()._banquet_churn_reasons()
        figures = self._banquet_rfm()
        for partner in self:
            hotel = partner._banquet_hotel()
            today = hotel._banquet_today()
            values = figures[partner.id]
            usual = values["events_before"] / 2  # events a year, in the two years before
            if usual >= 1 and values["events_12"] < usual:
                reasons[partner.id].append(
                    self.env._(
                        "Booking frequency below the customer's own history: %(recent)s "
                        "event(s) in the last 12 months against %(usual)s a year before",
                        recent=values["events_12"],
                        usual=usual,
                    )
                )
            last = values["last"]
            if last and (today - last).days > hotel.banquet_tier_churn_days:
                reasons[partner.id].append(
                    self.env._(
                        "No event for %(days)s days (last on %(date)s)",
                        days=(today - last).days,
                        date=last,
                    )
                )
            if partner.banquet_nps_date and partner.banquet_nps_last <= hotel.banquet_nps_low_score:
                reasons[partner.id].append(
                    self.env._(
                        "Low satisfaction score %(score)s on %(date)s",
                        score=partner.banquet_nps_last,
                        date=partner.banquet_nps_date,
                    )
                )
        return reasons

    # ------------------------------------------------------------
    # Personal data
    # ------------------------------------------------------------

    @api.model
    def _banquet_active_business_domain(self):
        return super()._banquet_active_business_domain() + [
            [
                (
                    "sale_order_ids",
                    "any",
                    [
                        ("state", "!=", "cancel"),
                        ("is_banquet", "=", True),
                        ("banquet_status", "not in", FINISHED_EVENT_STATUSES),
                    ],
                )
            ],
            [
                (
                    "invoice_ids",
                    "any",
                    [
                        ("move_type", "in", ("out_invoice", "out_refund")),
                        ("state", "=", "posted"),
                        ("payment_state", "in", ("not_paid", "partial")),
                    ],
                )
            ],
        ]

    @api.model
    def _banquet_customer_domain(self):
        return super()._banquet_customer_domain() + [
            [("customer_rank", ">", 0)],
            [("sale_order_ids", "!=", False)],
        ]

    @api.model
    def _banquet_recent_business_domain(self, since):
        return super()._banquet_recent_business_domain(since) + [
            [("sale_order_ids", "any", [("date_order", ">=", since)])],
            [("invoice_ids", "any", [("invoice_date", ">=", since.date())])],
        ]

    def _banquet_personal_data(self):
        data = super()._banquet_personal_data()
        persons = self | self.child_ids
        # the export must hold everything, whoever's hotel or team it belongs to; only a
        # Banquet Manager gets here (checked by the caller)
        orders = self.env["sale.order"].sudo().search([("partner_id", "in", persons.ids)])
        data["events"] = orders.read(
            [
                "name",
                "event_name",
                "event_date_start",
                "event_date_end",
                "banquet_status",
                "amount_total",
                "banquet_nps_score",
            ]
        )
        data["invoices"] = (
            self.env["account.move"]
            # sudo: the export (managers only) returns everything held on the person
            .sudo()
            .search([("partner_id", "in", persons.ids), ("move_type", "!=", "entry")])
            .read(["name", "invoice_date", "amount_total", "state", "payment_state"])
        )
        data["surveys"] = (
            self.env["survey.user_input"]
            # sudo: the export (managers only) returns everything held on the person
            .sudo()
            .search([("partner_id", "in", persons.ids)])
            .read(["survey_id", "create_date", "state", "banquet_score", "banquet_order_id"])
        )
        return data

    def _banquet_anonymise(self, reason, automatic=False):
        # a posted invoice keeps the buyer's name it was issued with, as tax law requires:
        # its stored copy is not recomputed from the anonymised partner
        moves = (
            self.env["account.move"]
            .sudo()
            .search([("partner_id", "in", (self | self.child_ids).ids), ("state", "=", "posted")])
        )
        protected = [moves._fields["invoice_partner_display_name"]]
        with self.env.protecting(protected, moves):
            return super()._banquet_anonymise(reason, automatic=automatic)
