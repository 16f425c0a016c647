import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What a clause may say about its event; rendered by sale.order._banquet_contract_values().
CONTRACT_PLACEHOLDERS = (
    "customer",
    "event",
    "event_date",
    "rooms",
    "pax",
    "amount_total",
    "deposit_schedule",
    "cancellation_tiers",
    "guarantee_cutoff",
    "validity_date",
    "hotel",
)
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")

CLAUSE_KINDS = [
    ("price_validity", "Price Validity"),
    ("deposit", "Deposit Schedule"),
    ("cancellation", "Cancellation & Attrition"),
    ("guarantee", "Guarantee Cut-off"),
    ("invoicing", "Invoicing Title and Type"),
    ("force_majeure", "Force Majeure"),
    ("personal_data", "Personal-Data Annex"),
    ("other", "Other"),
]


def render_placeholders(text, values):
    """``text`` with each known ``{placeholder}`` replaced by its value."""
    return PLACEHOLDER_RE.sub(
        lambda match: str(values.get(match.group(1), match.group(0))), text or ""
    )


class BanquetContractClause(models.Model):
    """A clause of a contract template, in English and in Simplified Chinese."""

    _name = "banquet.contract.clause"
    _description = "Banquet Contract Clause"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "sale.order.template",
        string="Contract Template",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(CLAUSE_KINDS, required=True, default="other")
    title_en = fields.Char(string="Title (English)", required=True)
    title_zh = fields.Char(string="Title (Chinese)", required=True)
    body_en = fields.Text(
        string="Text (English)",
        required=True,
        help="Placeholders in braces are replaced by the event's values: {customer}, {event}, "
        "{event_date}, {rooms}, {pax}, {amount_total}, {deposit_schedule}, "
        "{cancellation_tiers}, {guarantee_cutoff}, {validity_date}, {hotel}.",
    )
    body_zh = fields.Text(
        string="Text (Chinese)",
        required=True,
        help="The same clause in Simplified Chinese, with the same placeholders.",
    )

    @api.constrains("title_en", "title_zh", "body_en", "body_zh")
    def _check_placeholders(self):
        for clause in self:
            for field in ("title_en", "title_zh", "body_en", "body_zh"):
                unknown = sorted(
                    {
                        name
                        for name in PLACEHOLDER_RE.findall(clause[field] or "")
                        if name not in CONTRACT_PLACEHOLDERS
                    }
                )
                if unknown:
                    raise ValidationError(
                        self.env._(
                            "The clause “%(clause)s” uses unknown placeholders: %(unknown)s. "
                            "Use only %(known)s.",
                            clause=clause.title_en,
                            unknown=", ".join("{%s}" % name for name in unknown),
                            known=", ".join("{%s}" % name for name in CONTRACT_PLACEHOLDERS),
                        )
                    )

    def _render(self, values_en, values_zh):
        """The clauses as dicts (kind, titles and texts) with the event's values."""
        return [
            {
                "kind": clause.kind,
                "title_en": render_placeholders(clause.title_en, values_en),
                "body_en": render_placeholders(clause.body_en, values_en),
                "title_zh": render_placeholders(clause.title_zh, values_zh),
                "body_zh": render_placeholders(clause.body_zh, values_zh),
            }
            for clause in self
        ]
