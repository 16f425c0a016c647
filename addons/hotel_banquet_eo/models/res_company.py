from odoo import api, models

DEFAULT_DEPARTMENTS = (
    "hotel_banquet_eo.banquet_department_kitchen",
    "hotel_banquet_eo.banquet_department_fnb_service",
    "hotel_banquet_eo.banquet_department_engineering_av",
    "hotel_banquet_eo.banquet_department_housekeeping",
    "hotel_banquet_eo.banquet_department_security",
    "hotel_banquet_eo.banquet_department_front_office",
    "hotel_banquet_eo.banquet_department_finance",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._banquet_create_default_departments()
        return companies

    def _banquet_create_default_departments(self):
        """A new hotel starts with the departments every hotel has, copied (translations
        included) from the default ones installed for the first hotel."""
        # sudo: the defaults belong to the first hotel, which the user creating a new
        # hotel need not be allowed in; only their names and codes are copied.
        Department = self.env["banquet.department"].sudo()
        defaults = Department.browse()
        for xmlid in DEFAULT_DEPARTMENTS:
            defaults |= self.env.ref(xmlid, raise_if_not_found=False) or Department
        defaults = defaults.filtered("active")
        for company in self:
            defaults.copy({"company_id": company.id, "user_ids": []})
