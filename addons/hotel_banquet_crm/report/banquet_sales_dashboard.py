from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

PERIODS = [
    ("month", "This Month"),
    ("quarter", "Last 3 Months"),
    ("year", "This Year"),
    ("custom", "Custom"),
]


class BanquetSalesDashboard(models.Model):
    """Sales-team KPIs of a period: response timeliness, conversion, revenue, losses.

    One saved record per manager keeps their period and hotels; the figures are computed
    when it is shown, by aggregate queries (their number does not grow with the leads).
    """

    _name = "banquet.sales.dashboard"
    _description = "Banquet Sales Dashboard"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
        index=True,
    )
    period = fields.Selection(
        PERIODS,
        required=True,
        default="quarter",
        help="Rolling periods end on the hotel's today and follow the calendar when the "
        "dashboard is opened again.",
    )
    date_from = fields.Date(
        compute="_compute_period_dates",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Inquiries received from the hotel's midnight starting this day.",
    )
    date_to = fields.Date(
        compute="_compute_period_dates",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Inquiries received up to the hotel's midnight ending this day, included.",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Hotels",
        default=lambda self: self.env.companies,
        help="Leave empty for every hotel you work in. Each hotel's days start at its own "
        "midnight (Settings: Hotel time zone).",
    )
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    inquiry_count = fields.Integer(string="Inquiries", compute="_compute_kpis")
    answered_count = fields.Integer(string="Answered", compute="_compute_kpis")
    sla_share = fields.Float(
        string="Answered within SLA (%)",
        compute="_compute_kpis",
        help="Share of the inquiries whose first-response deadline has passed or that were "
        "answered, that got their first response in time.",
    )
    median_response_hours = fields.Float(string="Median First Response", compute="_compute_kpis")
    average_response_hours = fields.Float(string="Average First Response", compute="_compute_kpis")
    won_count = fields.Integer(string="Won", compute="_compute_kpis")
    lost_count = fields.Integer(string="Lost", compute="_compute_kpis")
    conversion_rate = fields.Float(
        string="Conversion (%)",
        compute="_compute_kpis",
        help="Won inquiries out of the inquiries received in the period.",
    )
    won_revenue = fields.Monetary(compute="_compute_kpis", currency_field="currency_id")
    losses_html = fields.Html(string="Why We Lose", compute="_compute_kpis", sanitize=False)

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "Each manager has one sales dashboard."),
    ]

    @api.depends("period")
    def _compute_period_dates(self):
        today = self.env.company._banquet_today()
        starts = {
            "month": today.replace(day=1),
            "quarter": today - relativedelta(months=3),
            "year": today.replace(month=1, day=1),
        }
        for dashboard in self:
            if dashboard.period in starts:
                dashboard.date_from = starts[dashboard.period]
                dashboard.date_to = today
            else:
                dashboard.date_from = dashboard.date_from or starts["quarter"]
                dashboard.date_to = dashboard.date_to or today

    @api.onchange("date_from", "date_to")
    def _onchange_dates_make_period_custom(self):
        for dashboard in self:
            if dashboard.period != "custom" and (
                dashboard.date_from != dashboard._origin.date_from
                or dashboard.date_to != dashboard._origin.date_to
            ):
                dashboard.period = "custom"

    def _period_domain(self):
        """Banquet inquiries received in the period, each hotel's days cut at its own
        midnight (not UTC's, not the user's)."""
        self.ensure_one()
        # _origin: in the form, while the period is being edited, these are new records
        companies = (self.company_ids or self.env.companies)._origin
        return expression.AND(
            [
                [("is_banquet", "=", True)],
                expression.OR(
                    [
                        [
                            ("company_id", "=", company.id),
                            ("create_date", ">=", company._banquet_day_start_utc(self.date_from)),
                            (
                                "create_date",
                                "<",
                                company._banquet_day_start_utc(self.date_to + timedelta(days=1)),
                            ),
                        ]
                        for company in companies
                    ]
                ),
            ]
        )

    @api.depends("date_from", "date_to", "company_ids")
    def _compute_kpis(self):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        now = fields.Datetime.now()
        for dashboard in self:
            if not (dashboard.date_from and dashboard.date_to):
                dashboard._set_kpis((0,) * 9)
                dashboard.losses_html = dashboard._losses_table(None)
                continue
            domain = dashboard._period_domain()
            # Record rules apply (_search): the figures cover the inquiries the user may see.
            query = Lead._search(domain)
            lead = query.table
            self.env.cr.execute(
                query.select(
                    SQL(
                        """
                        count(*),
                        count(*) FILTER (WHERE %(answer)s IS NOT NULL),
                        count(*) FILTER (WHERE %(answer)s IS NOT NULL OR %(deadline)s < %(now)s),
                        count(*) FILTER (WHERE %(answer)s <= %(deadline)s),
                        percentile_cont(0.5) WITHIN GROUP (
                            ORDER BY extract(epoch FROM %(answer)s - %(created)s)
                        ) / 3600,
                        avg(extract(epoch FROM %(answer)s - %(created)s)) / 3600,
                        count(*) FILTER (WHERE %(won)s),
                        coalesce(sum(%(revenue)s) FILTER (WHERE %(won)s), 0),
                        count(*) FILTER (WHERE NOT %(active)s AND %(probability)s = 0)
                        """,
                        answer=SQL.identifier(lead, "first_response_date"),
                        deadline=SQL.identifier(lead, "first_response_deadline"),
                        created=SQL.identifier(lead, "create_date"),
                        revenue=SQL.identifier(lead, "expected_revenue"),
                        active=SQL.identifier(lead, "active"),
                        probability=SQL.identifier(lead, "probability"),
                        won=SQL(
                            "%s IN (SELECT id FROM crm_stage WHERE is_won)",
                            SQL.identifier(lead, "stage_id"),
                        ),
                        now=now,
                    )
                )
            )
            dashboard._set_kpis(self.env.cr.fetchone())
            lost = None
            if dashboard.lost_count:
                lost = expression.AND([domain, [("active", "=", False), ("probability", "=", 0)]])
            dashboard.losses_html = dashboard._losses_table(lost)

    def _set_kpis(self, row):
        inquiries, answered, due, in_time, median, average, won, revenue, lost = row
        self.inquiry_count = inquiries
        self.answered_count = answered
        self.sla_share = 100.0 * in_time / due if due else 0.0
        self.median_response_hours = median or 0.0
        self.average_response_hours = average or 0.0
        self.won_count = won
        self.lost_count = lost
        self.conversion_rate = 100.0 * won / inquiries if inquiries else 0.0
        self.won_revenue = revenue or 0.0

    def _losses_table(self, lost_domain):
        """Lost inquiries by reason and by competitor, most frequent first, two grouped
        queries (``lost_domain`` selects them; None when there is none)."""
        rows = []
        if lost_domain:
            Lead = self.env["crm.lead"].with_context(active_test=False)
            for label, field in (
                (self.env._("Lost Reason"), "lost_reason_id"),
                (self.env._("Lost To"), "lost_competitor_id"),
            ):
                counts = [
                    (record.display_name or self.env._("Not recorded"), count)
                    for record, count in Lead._read_group(lost_domain, [field], ["__count"])
                ]
                for name, count in sorted(counts, key=lambda item: (-item[1], item[0])):
                    rows.append(
                        Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td></tr>")
                        % (escape(label), escape(name), count)
                    )
        if not rows:
            return Markup("<p class='text-muted'>%s</p>") % self.env._("No lost inquiry.")
        return Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
            "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (
            self.env._("Analysis"),
            self.env._("Value"),
            self.env._("Inquiries"),
            Markup("").join(rows),
        )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    @api.model
    def action_open_my_dashboard(self):
        """Open the current user's dashboard (created the first time), a rolling period
        brought up to the hotel's today."""
        dashboard = self.search([("user_id", "=", self.env.uid)], limit=1)
        if not dashboard:
            dashboard = self.create({"user_id": self.env.uid})
        elif dashboard.period != "custom":
            dashboard._compute_period_dates()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manager Dashboard"),
            "res_model": self._name,
            "res_id": dashboard.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("hotel_banquet_crm.banquet_sales_dashboard_view_form").id, "form")
            ],
            "target": "current",
        }

    def _open_leads(self, name, rows, columns, measures):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "crm.lead",
            "view_mode": "pivot,graph,list",
            "views": [(False, "pivot"), (False, "graph"), (False, "list")],
            "domain": self._period_domain(),
            "context": {
                "active_test": False,
                "pivot_row_groupby": rows,
                "pivot_column_groupby": columns,
                "pivot_measures": measures,
                "graph_groupbys": rows,
            },
        }

    def action_open_per_salesperson(self):
        """Inquiries per salesperson and channel, with response time and conversion."""
        return self._open_leads(
            self.env._("Inquiries per Salesperson and Channel"),
            ["user_id"],
            ["source_id"],
            ["__count", "first_response_hours", "sla_met_percent", "won_percent"],
        )

    def action_open_conversion(self):
        """Conversion by stage, channel and industry."""
        return self._open_leads(
            self.env._("Conversion by Channel and Industry"),
            ["source_id", "industry_id"],
            ["stage_id"],
            ["__count", "won_percent", "expected_revenue"],
        )

    def action_open_losses(self):
        """Lost inquiries by reason and competitor."""
        action = self._open_leads(
            self.env._("Lost Reasons and Competitors"),
            ["lost_reason_id"],
            ["lost_competitor_id"],
            ["__count", "expected_revenue"],
        )
        action["domain"] = action["domain"] + [("active", "=", False), ("probability", "=", 0)]
        return action

    def action_open_stage_durations(self):
        """Time spent in each stage by the inquiries of the period."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_lead_stage_history_action"
        )
        leads = self.env["crm.lead"].with_context(active_test=False).search(self._period_domain())
        action["domain"] = [("lead_id", "in", leads.ids)]
        return action
