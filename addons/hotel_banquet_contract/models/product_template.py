from odoo import api, fields, models

from .product_product import COST_FIELDS, banquet_check_cost_access, banquet_hides_costs


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

    def check_field_access_rights(self, operation, field_names):
        allowed = super().check_field_access_rights(operation, field_names)
        return banquet_check_cost_access(self, field_names, allowed)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        res = super().fields_get(allfields, attributes)
        if banquet_hides_costs(self.env):
            for name in COST_FIELDS:
                res.pop(name, None)
        return res
