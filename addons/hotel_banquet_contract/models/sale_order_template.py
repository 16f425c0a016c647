from odoo import api, fields, models

# DESIGN.md "Deposits (定金)": the hotel's default cancellation tiers, editable per template.
DEFAULT_CANCELLATION_TIERS = [(91, 0.0), (31, 25.0), (8, 50.0), (0, 100.0)]


class SaleOrderTemplate(models.Model):
    _inherit = "sale.order.template"

    banquet_deposit_template_line_ids = fields.One2many(
        "banquet.deposit.template.line",
        "template_id",
        string="Deposit Schedule",
        copy=True,
        help="Deposits a banquet order built on this contract template asks for.",
    )
    banquet_cancellation_tier_ids = fields.One2many(
        "banquet.cancellation.tier",
        "template_id",
        string="Cancellation Fees",
        copy=True,
        default=lambda self: [
            fields.Command.create({"days_before": days, "fee_percent": fee})
            for days, fee in DEFAULT_CANCELLATION_TIERS
        ],
        help="Fee charged on cancellation, by days left before the event (hotel time).",
    )
    banquet_attrition_margin = fields.Float(
        string="Attrition Margin (%)",
        default=10.0,
        help="Guaranteed or actual attendance may fall this far below the contracted "
        "attendance before the shortfall is billed at the per-person package price.",
    )
    banquet_refund_excess_deposit = fields.Boolean(
        string="Refund Deposits Above the Fee",
        default=True,
        help="On cancellation, refund the paid deposits that exceed the cancellation fee "
        "with a credit note. Unticked: the hotel keeps the paid deposits.",
    )

    _sql_constraints = [
        (
            "banquet_attrition_margin_range",
            "CHECK(banquet_attrition_margin >= 0 AND banquet_attrition_margin <= 100)",
            "The attrition margin is a percentage between 0 and 100.",
        ),
    ]

    def _banquet_fee_percent(self, days_before):
        """Fee (percent of the contracted amount) for a cancellation ``days_before`` the event."""
        tiers = [(t.days_before, t.fee_percent) for t in self.banquet_cancellation_tier_ids]
        if not self or not tiers:
            tiers = DEFAULT_CANCELLATION_TIERS
        applicable = [tier for tier in tiers if days_before >= tier[0]]
        if not applicable:
            return max(fee for _days, fee in tiers)
        return max(applicable)[1]


class BanquetDepositTemplateLine(models.Model):
    _name = "banquet.deposit.template.line"
    _description = "Banquet Deposit Schedule Template Line"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "sale.order.template", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True, translate=True)
    value_type = fields.Selection(
        [("percent", "Percentage"), ("fixed", "Fixed Amount")],
        required=True,
        default="percent",
    )
    percent = fields.Float(string="Percentage")
    fixed_amount = fields.Float(string="Amount")
    due_reference = fields.Selection(
        [("signature", "Days after signature"), ("event", "Days before the event")],
        required=True,
        default="signature",
    )
    due_days = fields.Integer(string="Days", default=0)

    _sql_constraints = [
        (
            "banquet_deposit_template_line_positive",
            "CHECK(percent >= 0 AND percent <= 100 AND fixed_amount >= 0 AND due_days >= 0)",
            (
                "A deposit is a percentage between 0 and 100 or a positive amount, "
                "due a positive number of days from its reference date."
            ),
        ),
    ]


class BanquetCancellationTier(models.Model):
    _name = "banquet.cancellation.tier"
    _description = "Banquet Cancellation Fee Tier"
    _order = "template_id, days_before desc"

    template_id = fields.Many2one(
        "sale.order.template", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    days_before = fields.Integer(
        string="From (days before the event)",
        required=True,
        help="The tier applies when the event is at least this many days away (hotel time).",
    )
    fee_percent = fields.Float(string="Fee (% of contracted amount)", required=True)

    _sql_constraints = [
        (
            "banquet_cancellation_tier_range",
            "CHECK(days_before >= 0 AND fee_percent >= 0 AND fee_percent <= 100)",
            (
                "A cancellation tier starts a positive number of days before the event and "
                "charges between 0 % and 100 %."
            ),
        ),
        (
            "banquet_cancellation_tier_unique",
            "UNIQUE(template_id, days_before)",
            "Two cancellation tiers of a template cannot start on the same day.",
        ),
    ]

    @api.depends("days_before", "fee_percent")
    def _compute_display_name(self):
        for tier in self:
            tier.display_name = self.env._(
                "%(days)s+ days: %(fee)s %%", days=tier.days_before, fee=tier.fee_percent
            )
