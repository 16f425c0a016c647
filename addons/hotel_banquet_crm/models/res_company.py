from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

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
