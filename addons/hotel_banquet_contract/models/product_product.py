from odoo import api, fields, models
from odoo.exceptions import AccessError

# Product fields that reveal what the hotel pays: never shown to Department Staff.
COST_FIELDS = ("standard_price",)


def banquet_hides_costs(env):
    """Department Staff (and no banquet sales role) never read product costs (DESIGN.md,
    Roles). Sale prices stay readable to every internal user, as in core."""
    return (
        not env.su
        and env.user.has_group("hotel_banquet_crm.group_banquet_department")
        and not env.user.has_group("hotel_banquet_crm.group_banquet_user")
    )


def banquet_check_cost_access(records, requested, allowed):
    """``allowed`` without the cost fields for Department Staff; a cost field asked for by
    name is refused."""
    if not banquet_hides_costs(records.env):
        return allowed
    hidden = [name for name in requested or () if name in COST_FIELDS]
    if hidden:
        raise AccessError(
            records.env._(
                "Department Staff cannot read product costs (%(fields)s of %(model)s).",
                fields=", ".join(hidden),
                model=records._description,
            )
        )
    return [name for name in allowed if name not in COST_FIELDS]


class ProductProduct(models.Model):
    _inherit = "product.product"

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

    def _price_compute(self, price_type, uom=None, currency=None, company=None, date=False):
        prices = super()._price_compute(
            price_type, uom=uom, currency=currency, company=company, date=date
        )
        rental_price = self.env.context.get("banquet_rental_price")
        if rental_price is None or price_type != "list_price":
            return prices
        # A function's rental line: the room rate replaces the product's sales price as
        # the base every pricelist rule works on.
        company = company or self.env.company
        for product in self:
            price = rental_price
            if uom:
                price = product.uom_id._compute_price(price, uom)
            if currency:
                price = company.currency_id._convert(
                    price, currency, company, date or fields.Date.context_today(self)
                )
            prices[product.id] = price
        return prices
