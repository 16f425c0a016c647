from odoo import models

EO_STEPS = ("draft", "sent", "confirmed", "distributed", "acknowledged", "changed", "done")


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _banquet_demo_play_event(self, eo_step, status, actual_pax, final):
        """Demo data only: the Event Order of confirmed demo events, as far as ``eo_step``
        (one of ``EO_STEPS``), through the buttons its users press. Past events (``done``)
        then get their actual attendance ``actual_pax``, are actualised and billed: the
        final invoice deducts the deposits and is left ``draft``, ``posted`` or ``paid``
        (``final``); a paid event is closed.
        """
        step = EO_STEPS.index(eo_step)
        # a hotel opened by the demo gets its departments from this module's post-init
        # hook, which runs after the demo data: give them now (once per hotel)
        self.env["banquet.department"].sudo()._banquet_seed_company(self.company_id)
        for order in self:
            eo = self.env["banquet.event.order"].browse(
                order.action_banquet_create_event_order()["res_id"]
            )
            if step >= 1:
                eo.action_send_to_customer()
            if step >= 2:
                eo._action_customer_confirm(order.partner_id.name)
            if step >= 3:
                eo.action_distribute()
            if step >= 4:
                eo._banquet_demo_acknowledge()
            if eo_step == "changed":
                # an allergy is a critical change: it goes out at once, even inside the
                # freeze window, as version 2
                eo.function_ids[
                    :1
                ].dietary_notes = "2 vegetarian guests; 1 guest with a severe nut allergy"
                eo.write(
                    {
                        "change_reason": "Dietary needs received from the client",
                        "change_critical": True,
                    }
                )
                eo.action_distribute_changes()
                eo._banquet_demo_acknowledge()
            if eo_step == "done":
                order._banquet_demo_actuals(eo, actual_pax)
                order._banquet_demo_final_bill(status, final)
        return True

    def _banquet_demo_actuals(self, eo, actual_pax):
        """The banquet captain's count: per-guest lines follow the actual attendance."""
        for function in eo.function_ids:
            ratio = actual_pax / max(eo.function_ids.mapped("pax") or [1])
            function.actual_pax = max(1, round((function.pax or actual_pax) * ratio))
        for line in eo.line_ids.filtered(
            lambda line: line.sale_line_id.product_id.banquet_is_package
        ):
            line.actual_quantity = actual_pax
        eo.action_enter_actuals()

    def _banquet_demo_final_bill(self, status, final):
        self.action_banquet_actualise()
        if not final:
            return
        invoice = self._create_invoices(final=True)
        if final == "draft":
            return
        invoice.action_post()
        if final == "paid":
            self._banquet_demo_register_payment(invoice)
        if status == "closed":
            self.action_banquet_close()
