from odoo import api, fields, models
from odoo.exceptions import UserError


class BanquetCancellationWizard(models.TransientModel):
    """Cancel an event the way its contract says: fee by tier, deposits refunded or kept."""

    _name = "banquet.cancellation.wizard"
    _description = "Cancel a Banquet Event with its Fee"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    company_id = fields.Many2one(related="order_id.company_id")
    currency_id = fields.Many2one(related="order_id.currency_id")
    event_date = fields.Date(related="order_id.banquet_event_date")
    cancel_date = fields.Date(compute="_compute_fee", help="Today in the hotel's time zone.")
    days_before = fields.Integer(string="Days Before the Event", compute="_compute_fee")
    fee_percent = fields.Float(string="Fee (%)", compute="_compute_fee")
    contracted_amount = fields.Monetary(compute="_compute_fee")
    fee_amount = fields.Monetary(string="Cancellation Fee", compute="_compute_fee")
    deposits_paid = fields.Monetary(string="Deposits Received", compute="_compute_fee")
    refund_excess = fields.Boolean(string="Refund Deposits Above the Fee", compute="_compute_fee")
    amount_billed = fields.Monetary(
        compute="_compute_fee", help="The fee, or the deposits kept when the policy keeps them."
    )
    refund_amount = fields.Monetary(string="Refunded", compute="_compute_fee")
    reason = fields.Text(required=True)

    @api.depends("order_id")
    def _compute_fee(self):
        for wizard in self:
            order = wizard.order_id
            currency = order.currency_id
            today = order.company_id._banquet_today()
            template = order.sale_order_template_id
            days = (order.banquet_event_date - today).days if order.banquet_event_date else 0
            signed = order.state == "sale"
            percent = template._banquet_fee_percent(days) if signed else 0.0
            contracted = order.amount_total
            fee = currency.round(contracted * percent / 100.0)
            paid = order.banquet_amount_deposits_paid
            refund_excess = template.banquet_refund_excess_deposit if template else True
            billed = fee if refund_excess else max(fee, paid)
            wizard.update(
                {
                    "cancel_date": today,
                    "days_before": days,
                    "fee_percent": percent,
                    "contracted_amount": contracted,
                    "fee_amount": fee,
                    "deposits_paid": paid,
                    "refund_excess": refund_excess,
                    "amount_billed": billed,
                    "refund_amount": max(paid - billed, 0.0),
                }
            )

    def action_cancel_event(self):
        """Invoice the fee (deducting the deposits) and cancel the event."""
        self.ensure_one()
        order = self.order_id
        if order.banquet_status in ("cancelled", "lost", "released"):
            raise UserError(self.env._("%(order)s is already cancelled.", order=order.display_name))
        currency = order.currency_id
        order.message_post(
            body=self.env._(
                "Event cancelled %(days)s days before it: fee %(percent)s %% = %(fee)s. "
                "Reason: %(reason)s",
                days=self.days_before,
                percent=self.fee_percent,
                fee=self.amount_billed,
                reason=self.reason,
            )
        )
        # Deposits still in draft are no longer asked for.
        drafts = order.banquet_deposit_line_ids.invoice_id.filtered(lambda m: m.state == "draft")
        drafts.button_cancel()
        invoiced = order.invoice_ids.filtered(lambda m: m.state == "posted")
        if order.state != "sale" or (not invoiced and currency.is_zero(self.amount_billed)):
            order._banquet_money_cancel_event(keep_order=False)
            return {"type": "ir.actions.act_window_close"}
        fee_lines = self.env["sale.order.line"]
        if not currency.is_zero(self.amount_billed):
            product = order.company_id.banquet_fee_product_id or self.env.ref(
                "hotel_banquet_contract.product_banquet_cancellation_fee"
            )
            # sudo: the fee is the contract's cancellation policy applied by this wizard,
            # not a change of the signed prices (a signed order's lines are locked)
            fee_lines = (
                self.env["sale.order.line"]
                .sudo()
                .create(
                    {
                        "order_id": order.id,
                        "product_id": product.id,
                        "name": self.env._(
                            "Cancellation fee: %(percent)s %% of the contracted amount, "
                            "%(days)s days before the event",
                            percent=self.fee_percent,
                            days=self.days_before,
                        ),
                        "product_uom_qty": 1.0,
                        "price_unit": self.amount_billed,
                        "tax_id": [fields.Command.clear()],
                    }
                )
            )
        moves = order.with_context(
            banquet_invoice_line_ids=fee_lines.ids, banquet_bill_kind="fee"
        )._create_invoices(final=True)
        moves.action_post()
        order._banquet_money_cancel_event(keep_order=True)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": moves[:1].id,
            "views": [(False, "form")],
        }
