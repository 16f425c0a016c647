from datetime import datetime

from odoo import fields, models

from .banquet_room_rate import WEEKDAYS

# A pricelist rule may apply on one day of the week, or on weekdays or weekends only.
PRICELIST_DAYS = [
    ("weekday", "Monday to Friday"),
    ("weekend", "Saturday and Sunday"),
    *WEEKDAYS,
]


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    banquet_weekday = fields.Selection(
        PRICELIST_DAYS,
        string="Days of the Week",
        help="Apply this rule only on these days, in the hotel's calendar (a function's "
        "local date prices its lines). Leave empty for every day.",
    )


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _get_applicable_rules_domain(self, products, date, **kwargs):
        domain = super()._get_applicable_rules_domain(products, date, **kwargs)
        day = self._banquet_local_day(date)
        names = [str(day.weekday()), "weekend" if day.weekday() >= 5 else "weekday"]
        return domain + ["|", ("banquet_weekday", "=", False), ("banquet_weekday", "in", names)]

    def _banquet_local_day(self, date):
        """The hotel-local date of the pricing ``date`` (a stored UTC datetime or a date)."""
        date = date or fields.Datetime.now()
        if isinstance(date, datetime):
            company = self.company_id or self.env.company
            return company._banquet_to_local(date).date()
        return date
