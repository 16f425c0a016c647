from odoo import fields, models

from .res_partner_rfm import VALUE_TIERS


class BanquetTierHistory(models.Model):
    """A change of a customer's value tier, written by the tier cron in one insert."""

    _name = "banquet.tier.history"
    _description = "Banquet Customer Tier Change"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", string="Hotel", required=True, index=True)
    date = fields.Date(required=True)
    old_tier = fields.Selection(VALUE_TIERS, string="From")
    new_tier = fields.Selection(VALUE_TIERS, string="To", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue_24 = fields.Monetary(string="Revenue (24 months)", currency_field="currency_id")
    events_24 = fields.Integer(string="Events (24 months)")
    last_event_date = fields.Date(string="Last Event")
