import logging

from odoo import models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _banquet_demo_set_currency(self, currency_id):
        """Demo data: the hotel works in ``currency_id``. Odoo refuses to change the
        currency of a company that already has journal items (``account`` demo data
        loaded before this addon); the hotel then keeps its currency and the log says why."""
        currency = self.env["res.currency"].browse(currency_id)
        currency.active = True
        for company in self.filtered(lambda c: c.currency_id != currency):
            try:
                with self.env.cr.savepoint():
                    company.currency_id = currency
            except UserError:
                _logger.warning(
                    "Demo hotel %s keeps its currency %s: it already has journal items. "
                    "Install hotel_banquet_crm before the accounting addons (make run does).",
                    company.name,
                    company.currency_id.name,
                )
