from datetime import timedelta

from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _banquet_demo_play_money(self, status, deposits):
        """Demo data only: bring demo events to ``status`` through the buttons their users
        press, with the deposit schedule ``deposits`` of (label, percent, due in days from
        today, what happened: ``planned``, ``posted`` or ``paid``).

        Definite events are confirmed (the customer signed); a posted deposit was invoiced
        by Finance, a paid one was also paid on its due date, so the deposit lists show
        invoices paid, due and overdue. Paid the day the demo is installed: payments
        before their invoice would not tell a true story.
        """
        today = fields.Date.context_today(self)
        for order in self:
            # The story's own schedule replaces the one its contract template proposed.
            order.banquet_deposit_line_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "sequence": sequence,
                        "name": label,
                        "percent": percent,
                        "due_date": min(today + timedelta(days=due), order.banquet_event_date),
                    }
                )
                for sequence, (label, percent, due, _state) in enumerate(deposits, 1)
            ]
            if status == "cancelled":
                order.action_banquet_tentative()
                order.action_banquet_cancel()
                continue
            order._banquet_set_status(status)
            if order.state != "sale":
                continue
            lines = order.banquet_deposit_line_ids.sorted("sequence")
            for line, (_label, _percent, _due, state) in zip(lines, deposits, strict=True):
                if state == "planned":
                    continue
                line.action_create_invoice()
                invoice = line.invoice_id
                if invoice.state == "draft":
                    invoice.action_post()
                if state == "paid":
                    order._banquet_demo_register_payment(invoice)
        return True

    def _banquet_demo_register_payment(self, invoice):
        """Demo data only: Finance registers the full payment of ``invoice`` (posted)."""
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({})
        )
        wizard.action_create_payments()
        return True
