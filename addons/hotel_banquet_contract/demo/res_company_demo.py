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
