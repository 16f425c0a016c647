# Kept apart from res_company.py so that discount approval merges on its own.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    banquet_discount_threshold_ids = fields.One2many(
        "banquet.discount.threshold", "company_id", string="Discount Thresholds"
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["banquet.discount.threshold"]._seed_defaults(companies)
        return companies
