from markupsafe import Markup

from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _banquet_demo_open_books(self):
        """Demo data only: give the demo hotels their charts of accounts now.

        The demo invoices deposits and bills while it loads, but Odoo installs the chart of
        accounts it chose for the main company only once every module is loaded. Load that
        planned chart now (China's for the Shanghai hotel) and Odoo's generic chart for the
        other hotels of ``self`` without one (their country's localisation would be one
        more module to install, which Odoo refuses while modules are being installed).
        """
        Chart = self.env["account.chart.template"]
        for company in self.filtered(lambda c: not c.chart_template):
            if company != self.env.company:
                currency = company.currency_id
                Chart.try_loading("generic_coa", company)
                # The generic chart takes its fiscal country's currency (USD); the hotel
                # keeps its own, which it can still change: nothing is booked yet.
                if company.currency_id != currency:
                    company.currency_id = currency
        registry = self.env.registry
        planned = getattr(registry, "_auto_install_template", None)
        if planned:
            # loaded now, so not again once every module is loaded
            planned(self.env)
            del registry._auto_install_template
        return True

    def _banquet_demo_bank_transfer(self):
        """Demo data only: each demo hotel takes deposits by bank transfer, the way most
        banquet customers pay them. Odoo's Wire Transfer provider (payment_custom) is set up
        for the main hotel; every other hotel gets its own, and each shows the customer its
        bank details once they choose it."""
        transfer = self.env.ref("payment.payment_provider_transfer")
        accounts = {
            "CNY": "Bank of China, Shanghai Bund Branch · 4563 5100 0123 4567 · SWIFT BKCHCNBJ300",
            "SGD": "DBS Bank, Marina Bay · 003-912345-6 · SWIFT DBSSSGSG",
        }
        for company in self:
            # once per hotel, whatever the number of upgrades
            provider = self.env["payment.provider"].search(
                [
                    ("code", "=", transfer.code),
                    ("custom_mode", "=", "wire_transfer"),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            ) or transfer.copy(
                {
                    "company_id": company.id,
                    "payment_method_ids": transfer.with_context(
                        active_test=False
                    ).payment_method_ids.ids,
                }
            )
            details = accounts.get(company.currency_id.name, accounts["CNY"])
            provider.write(
                {
                    "name": "Bank Transfer",
                    "state": "enabled",
                    "is_published": True,
                    "pending_msg": Markup(
                        "<p>Please transfer the amount to <strong>%s</strong>: %s. "
                        "Quote your event's number as the reference; your coordinator "
                        "confirms the deposit when it arrives.</p>"
                    )
                    % (company.name, details),
                }
            )
        return True
