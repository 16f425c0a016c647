from datetime import datetime, time

from odoo import fields, models
from odoo.osv import expression

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
        names = self._banquet_day_names(date)
        return domain + ["|", ("banquet_weekday", "=", False), ("banquet_weekday", "in", names)]

    def _banquet_day_names(self, date):
        """The banquet_weekday values that apply on the pricing ``date``."""
        day = self._banquet_local_day(date)
        return [str(day.weekday()), "weekend" if day.weekday() >= 5 else "weekday"]

    def _banquet_rules_by_date(self, products, dates):
        """{date: the rules of this pricelist that may apply to ``products`` on it, in
        core's order}, for many pricing dates in one search: the union of core's domain
        for each date, then each date's window and day of the week checked in memory (the
        product part is _is_applicable_for's, as in _compute_price_rule)."""
        self.ensure_one()
        Rule = self.env["product.pricelist.item"]
        dates = sorted(set(dates))
        # archived rules count, as in core's _get_applicable_rules (the pricelist's own
        # state decides); the rules are then read in the caller's environment
        found = Rule.with_context(active_test=False).search(
            expression.OR([self._get_applicable_rules_domain(products, date) for date in dates])
        )
        rules = Rule.browse(found.ids)
        result = {}
        for date in dates:
            moment = date if isinstance(date, datetime) else datetime.combine(date, time.min)
            names = self._banquet_day_names(date)
            result[date] = rules.filtered(
                lambda rule, moment=moment, names=names: (
                    (not rule.date_start or rule.date_start <= moment)
                    and (not rule.date_end or rule.date_end >= moment)
                    and (not rule.banquet_weekday or rule.banquet_weekday in names)
                )
            )
        return result

    def _banquet_local_day(self, date):
        """The hotel-local date of the pricing ``date`` (a stored UTC datetime or a date)."""
        date = date or fields.Datetime.now()
        if isinstance(date, datetime):
            company = self.company_id or self.env.company
            return company._banquet_to_local(date).date()
        return date
