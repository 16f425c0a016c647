# The contract side of a template (event type, clauses); its money side (deposit schedule,
# cancellation tiers) lives in sale_order_template.py.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models


class SaleOrderTemplate(models.Model):
    _inherit = "sale.order.template"

    banquet_event_type_id = fields.Many2one(
        "banquet.event.type",
        string="Event Type",
        index=True,
        help="A banquet quotation of this event type proposes this contract template.",
    )
    banquet_clause_ids = fields.One2many(
        "banquet.contract.clause",
        "template_id",
        string="Contract Clauses",
        copy=True,
        help="Clauses of the contract, in English and Chinese, rendered with the event's values.",
    )
    banquet_guarantee_cutoff_days = fields.Integer(
        string="Guarantee Cut-off (days before the event)",
        default=3,
        help="The customer gives the guaranteed attendance at the latest this many days "
        "before the event (hotel time); that number is billed.",
    )

    _sql_constraints = [
        (
            "banquet_guarantee_cutoff_days_positive",
            "CHECK(banquet_guarantee_cutoff_days >= 0)",
            "The guarantee cut-off cannot be after the event.",
        ),
    ]

    @api.model
    def _banquet_for_event_type(self, event_type, company):
        """The contract template a banquet order of ``event_type`` in ``company`` proposes:
        the hotel's own before the group's shared one."""
        if not event_type:
            return self.browse()
        templates = self.search(
            [
                ("banquet_event_type_id", "=", event_type.id),
                ("company_id", "in", [company.id, False]),
            ],
            order="sequence, id",
        )
        return templates.filtered(lambda t: t.company_id == company)[:1] or templates[:1]
