from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    is_banquet = fields.Boolean(
        string="Banquet Inquiry",
        default=lambda self: self.env.context.get("default_is_banquet", False),
        help="Inquiry for a meeting, wedding, banquet or other function.",
    )
    event_type_id = fields.Many2one("banquet.event.type", tracking=True, check_company=True)
    event_date_start = fields.Datetime(string="Event Start", tracking=True)
    event_date_end = fields.Datetime(string="Event End", tracking=True)
    expected_pax = fields.Integer(string="Expected Attendance", tracking=True)
    budget_per_head = fields.Monetary(currency_field="company_currency")
    budget_total = fields.Monetary(
        compute="_compute_budget_total",
        store=True,
        readonly=False,
        currency_field="company_currency",
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
    ]

    @api.depends("budget_per_head", "expected_pax")
    def _compute_budget_total(self):
        for lead in self:
            if lead.budget_per_head and lead.expected_pax:
                lead.budget_total = lead.budget_per_head * lead.expected_pax
            else:
                lead.budget_total = lead.budget_total
