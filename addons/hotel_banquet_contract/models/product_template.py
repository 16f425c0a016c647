from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    banquet_is_package = fields.Boolean(
        string="Per-person Package",
        help="A per-person menu or day-delegate package: attrition is billed at its price.",
    )
    banquet_tax_classification_code = fields.Char(
        string="Tax Classification Code",
        size=19,
        help="The 19-digit goods and services tax classification code the fapiao needs.",
    )
