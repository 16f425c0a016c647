from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    banquet_tz = fields.Selection(related="company_id.banquet_tz", readonly=False)
    banquet_lang = fields.Selection(related="company_id.banquet_lang", readonly=False)
    banquet_first_response_hours = fields.Float(
        related="company_id.banquet_first_response_hours", readonly=False
    )
    banquet_no_followup_days = fields.Integer(
        related="company_id.banquet_no_followup_days", readonly=False
    )
    banquet_no_followup_action = fields.Selection(
        related="company_id.banquet_no_followup_action", readonly=False
    )
    banquet_form_limit_per_hour = fields.Integer(
        related="company_id.banquet_form_limit_per_hour", readonly=False
    )
    banquet_group_sales_company_id = fields.Many2one(
        "res.company",
        string="Group Sales Office",
        config_parameter="hotel_banquet_crm.group_sales_company_id",
        help="Hotel receiving the inquiries no routing rule matches.",
    )
    banquet_care_days_a = fields.Integer(related="company_id.banquet_care_days_a", readonly=False)
    banquet_care_days_b = fields.Integer(related="company_id.banquet_care_days_b", readonly=False)
    banquet_care_days_c = fields.Integer(related="company_id.banquet_care_days_c", readonly=False)
    banquet_key_date_notice_days = fields.Integer(
        related="company_id.banquet_key_date_notice_days", readonly=False
    )
    banquet_churn_no_contact_months = fields.Integer(
        related="company_id.banquet_churn_no_contact_months", readonly=False
    )
    banquet_complaint_hours = fields.Float(
        related="company_id.banquet_complaint_hours", readonly=False
    )
    banquet_retention_months = fields.Integer(
        string="Personal Data Retention (months)",
        config_parameter="hotel_banquet_crm.retention_months",
        default=36,
        help="Personal data of customers without any business (inquiry, event, invoice, "
        "contact) for this many months is anonymised automatically. 0 keeps it.",
    )
