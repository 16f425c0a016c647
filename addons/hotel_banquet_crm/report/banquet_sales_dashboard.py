from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models


class BanquetSalesDashboard(models.TransientModel):
    """Sales-team KPIs of a period: response timeliness, conversion, revenue, losses."""

    _name = "banquet.sales.dashboard"
    _description = "Banquet Sales Dashboard"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=3),
        help="Inquiries received from this day on.",
    )
    date_to = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Inquiries received up to this day, included.",
    )
    company_ids = fields.Many2many(
        "res.company",
        string="Hotels",
        default=lambda self: self.env.companies,
        help="Leave empty for every hotel you work in.",
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

    def _period_domain(self):
        self.ensure_one()
        companies = self.company_ids or self.env.companies
        return [
            ("is_banquet", "=", True),
            ("company_id", "in", companies.ids),
            ("create_date", ">=", self.date_from),
            ("create_date", "<", self.date_to + relativedelta(days=1)),
        ]

    @api.depends("date_from", "date_to", "company_ids")
    def _compute_kpis(self):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        now = fields.Datetime.now()
        for dashboard in self:
            # Record rules apply: the figures cover the inquiries the user may see.
            leads = Lead.search(dashboard._period_domain())
            if leads:
                self.env.cr.execute(
                    """
                    SELECT count(*) FILTER (WHERE l.first_response_date IS NOT NULL),
                           count(*) FILTER (WHERE l.first_response_date IS NOT NULL
                                              OR l.first_response_deadline < %(now)s),
                           count(*) FILTER (WHERE l.first_response_date
                                              <= l.first_response_deadline),
                           percentile_cont(0.5) WITHIN GROUP (
                               ORDER BY extract(epoch FROM l.first_response_date - l.create_date)
                           ) / 3600,
                           avg(extract(epoch FROM l.first_response_date - l.create_date)) / 3600,
                           count(*) FILTER (WHERE s.is_won),
                           coalesce(sum(l.expected_revenue) FILTER (WHERE s.is_won), 0),
                           count(*) FILTER (WHERE NOT l.active AND l.probability = 0)
                      FROM crm_lead l
                 LEFT JOIN crm_stage s ON s.id = l.stage_id
                     WHERE l.id = ANY(%(ids)s)
                    """,
                    {"ids": leads.ids, "now": now},
                )
                answered, due, in_time, median, average, won, revenue, lost = self.env.cr.fetchone()
            else:
                answered = due = in_time = won = lost = 0
                median = average = revenue = 0.0
            dashboard.inquiry_count = len(leads)
            dashboard.answered_count = answered
            dashboard.sla_share = 100.0 * in_time / due if due else 0.0
            dashboard.median_response_hours = median or 0.0
            dashboard.average_response_hours = average or 0.0
            dashboard.won_count = won
            dashboard.lost_count = lost
            dashboard.conversion_rate = 100.0 * won / len(leads) if leads else 0.0
            dashboard.won_revenue = revenue
            dashboard.losses_html = dashboard._losses_table(leads)

    def _losses_table(self, leads):
        """Lost inquiries by reason and by competitor, most frequent first."""
        lost = leads.filtered(lambda lead: not lead.active and not lead.probability)
        rows = []
        for label, field in (
            (self.env._("Lost Reason"), "lost_reason_id"),
            (self.env._("Lost To"), "lost_competitor_id"),
        ):
            counts = {}
            for lead in lost:
                name = lead[field].display_name or self.env._("Not recorded")
                counts[name] = counts.get(name, 0) + 1
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
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
