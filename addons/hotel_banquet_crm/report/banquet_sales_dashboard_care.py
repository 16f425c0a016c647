from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class BanquetSalesDashboard(models.Model):
    """Customer care KPIs of the period: complaints, care-cadence compliance, churn."""

    _inherit = "banquet.sales.dashboard"  # pylint: disable=consider-merging-classes-inherited

    complaint_count = fields.Integer(string="Complaints", compute="_compute_care_kpis")
    complaint_open_count = fields.Integer(string="Still Open", compute="_compute_care_kpis")
    complaint_on_time_share = fields.Float(
        string="Resolved on Time (%)",
        compute="_compute_care_kpis",
        help="Complaints recorded in the period and resolved within the hotel's time.",
    )
    care_due_count = fields.Integer(string="Care Contacts Due", compute="_compute_care_kpis")
    care_compliance = fields.Float(
        string="Care-Cadence Compliance (%)",
        compute="_compute_care_kpis",
        help="Care contacts due in the period that were done by their due day.",
    )
    churn_warning_count = fields.Integer(
        string="Customers at Risk",
        compute="_compute_care_kpis",
        help="Customers of the hotels' key-account owners with a churn warning today.",
    )

    @api.depends("date_from", "date_to", "company_ids")
    def _compute_care_kpis(self):
        for dashboard in self:
            # Record rules apply: the figures cover what the user may see.
            companies = dashboard.company_ids or self.env.companies
            end = dashboard.date_to + relativedelta(days=1)
            [(count, on_time)] = self.env["banquet.complaint"]._read_group(
                [
                    ("company_id", "in", companies.ids),
                    ("date_recorded", ">=", dashboard.date_from),
                    ("date_recorded", "<", end),
                ],
                [],
                ["__count", "on_time_percent:avg"],
            )
            dashboard.complaint_count = count
            dashboard.complaint_on_time_share = on_time or 0.0
            dashboard.complaint_open_count = self.env["banquet.complaint"].search_count(
                [
                    ("company_id", "in", companies.ids),
                    ("date_recorded", ">=", dashboard.date_from),
                    ("date_recorded", "<", end),
                    ("state", "in", ("record", "investigate")),
                ]
            )
            [(due, compliance)] = self.env["banquet.care.log"]._read_group(
                [
                    ("company_id", "in", companies.ids),
                    ("date_due", ">=", dashboard.date_from),
                    ("date_due", "<=", dashboard.date_to),
                ],
                [],
                ["__count", "on_time_percent:avg"],
            )
            dashboard.care_due_count = due
            dashboard.care_compliance = compliance or 0.0
            dashboard.churn_warning_count = self.env["res.partner"].search_count(
                [
                    ("banquet_churn_warning", "=", True),
                    ("banquet_account_user_id.company_id", "in", companies.ids),
                ]
            )

    def action_open_complaints(self):
        """Complaint statistics of the period."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_complaint_action_report"
        )
        action["domain"] = [
            ("company_id", "in", (self.company_ids or self.env.companies).ids),
            ("date_recorded", ">=", self.date_from),
            ("date_recorded", "<", self.date_to + relativedelta(days=1)),
        ]
        return action

    def action_open_care_compliance(self):
        """Care contacts due in the period, by owner and grade."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hotel_banquet_crm.banquet_care_log_action"
        )
        action["domain"] = [
            ("company_id", "in", (self.company_ids or self.env.companies).ids),
            ("date_due", ">=", self.date_from),
            ("date_due", "<=", self.date_to),
        ]
        return action
