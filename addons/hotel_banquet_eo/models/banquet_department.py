from odoo import api, fields, models


class BanquetDepartment(models.Model):
    """Hotel department that executes part of an event (kitchen, AV, housekeeping...)."""

    _name = "banquet.department"
    _description = "Banquet Department"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Hotel", required=True, default=lambda self: self.env.company
    )
    responsible_id = fields.Many2one(
        "res.users",
        help="Head of the department: answers for its part of every Event Order.",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Members",
        help="Department staff who receive and acknowledge this department's part of Event Orders.",
    )
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Order lines whose product is in one of these categories (or below) become "
        "lines of this department when an Event Order is generated.",
    )
    receives_other_lines = fields.Boolean(
        help="Order lines whose product category no department claims become lines of "
        "this department (typically the kitchen and F&B service for packages and menus).",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Department codes must be unique per hotel.",
        ),
    ]

    @api.model
    def _banquet_seed_company(self, companies):
        """Give ``companies`` the default departments the module ships for the main hotel.

        The defaults are noupdate records of the first company (with their translations);
        a hotel created later gets a copy of each, so every hotel starts with the same set.
        """
        templates = self.env["ir.model.data"].search(
            [("module", "=", "hotel_banquet_eo"), ("model", "=", self._name)]
        )
        departments = self.with_context(active_test=False).browse(templates.mapped("res_id"))
        departments = departments.exists()
        existing = self.with_context(active_test=False).search_read(
            [("company_id", "in", companies.ids)], ["company_id", "code"]
        )
        taken = {(row["company_id"][0], row["code"]) for row in existing}
        for company in companies:
            for department in departments:
                if (company.id, department.code) in taken:
                    continue
                department.copy(
                    {
                        "company_id": company.id,
                        "user_ids": [(5, 0, 0)],
                        "responsible_id": False,
                    }
                )
        return True

    def _eo_departments_for(self, product):
        """Departments of ``self`` that receive an order line selling ``product``."""
        categ = product.categ_id
        claiming = self.filtered(
            lambda d: any(categ.parent_path.startswith(c.parent_path) for c in d.product_categ_ids)
        )
        return claiming or self.filtered("receives_other_lines")
