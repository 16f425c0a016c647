from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .money_common import BanquetMoneyCommon


@tagged("post_install", "-at_install")
class TestCancellation(BanquetMoneyCommon):
    def _signed_with_first_deposit_paid(self):
        order = self._order()
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids[0]
        deposit.with_user(self.finance).action_create_invoice()
        deposit.invoice_id.action_post()
        self._pay(deposit.invoice_id)
        return order, deposit.invoice_id.amount_total

    def _cancel(self, order, when):
        with freeze_time(when):
            wizard = (
                self.env["banquet.cancellation.wizard"]
                .with_user(self.finance)
                .create({"order_id": order.id, "reason": "The couple postponed."})
            )
            fee = (wizard.days_before, wizard.fee_percent, wizard.amount_billed)
            wizard.action_cancel_event()
        return fee

    def test_each_tier_bills_its_fee_and_refunds_the_excess(self):
        # Event on 20 June 2030 (Shanghai); cancelled at 10:00 hotel time on each date.
        for when, days, percent in (
            ("2030-03-12 02:00:00", 100, 0.0),
            ("2030-04-21 02:00:00", 60, 25.0),
            ("2030-05-31 02:00:00", 20, 50.0),
            ("2030-06-15 02:00:00", 5, 100.0),
        ):
            with self.subTest(days=days):
                order, paid = self._signed_with_first_deposit_paid()
                total = order.amount_total
                fee = self.currency.round(total * percent / 100)
                self.assertEqual(self._cancel(order, when), (days, percent, fee))
                bill = order.invoice_ids.filtered(lambda m: m.banquet_bill_kind == "fee")
                self.assertEqual(len(bill), 1)
                self.assertEqual(bill.state, "posted")
                if fee < paid:
                    self.assertEqual(bill.move_type, "out_refund")
                    self.assertEqual(bill.amount_total, self.currency.round(paid - fee))
                else:
                    self.assertEqual(bill.move_type, "out_invoice")
                    self.assertEqual(bill.amount_total, self.currency.round(fee - paid))
                self.assertEqual(order.state, "sale")
                self.assertEqual(order.banquet_status, "cancelled")
                # The customer owes exactly the fee once the deposit is set against it.
                self.assertEqual(
                    self.currency.round(
                        bill.amount_total * (1 if bill.move_type == "out_invoice" else -1)
                    ),
                    self.currency.round(fee - paid),
                )

    def test_policy_keeping_deposits_refunds_nothing(self):
        self.template.banquet_refund_excess_deposit = False
        order, paid = self._signed_with_first_deposit_paid()
        self.assertEqual(self._cancel(order, "2030-03-12 02:00:00"), (100, 0.0, paid))
        self.assertFalse(order.invoice_ids.filtered(lambda m: m.move_type == "out_refund"))
        self.assertEqual(order.banquet_status, "cancelled")

    def test_nothing_invoiced_and_no_fee_cancels_the_order(self):
        order = self._order()
        order.action_confirm()
        self._cancel(order, "2030-03-12 02:00:00")
        self.assertEqual(order.state, "cancel")
        self.assertFalse(order.invoice_ids)

    def test_cancel_tier_uses_the_hotel_date(self):
        order, _paid = self._signed_with_first_deposit_paid()
        # The days are counted on the hotel's (Shanghai) calendar: its day turns at
        # 16:00 UTC. 91 days before the 20 June event is the last day free of charge.
        with freeze_time("2030-03-22 15:59:00"):
            wizard = self.env["banquet.cancellation.wizard"].create(
                {"order_id": order.id, "reason": "x"}
            )
            self.assertEqual((wizard.days_before, wizard.fee_percent), (90, 25.0))
        with freeze_time("2030-03-22 16:00:00"):
            wizard = self.env["banquet.cancellation.wizard"].create(
                {"order_id": order.id, "reason": "x"}
            )
            self.assertEqual((wizard.days_before, wizard.fee_percent), (89, 25.0))
        with freeze_time("2030-03-21 15:59:00"):
            wizard = self.env["banquet.cancellation.wizard"].create(
                {"order_id": order.id, "reason": "x"}
            )
            self.assertEqual((wizard.days_before, wizard.fee_percent), (91, 0.0))


@tagged("post_install", "-at_install")
class TestAttrition(BanquetMoneyCommon):
    def test_shortfall_below_the_margin_is_billed_at_the_package_price(self):
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.banquet_contracted_pax, 100)
        order.write({"guaranteed_pax": 80, "actual_pax": 85})
        order.with_user(self.finance).action_banquet_bill_attrition()
        line = order.banquet_attrition_line_id
        # 10 % margin: 90 attendees are owed; 85 counted, so 5 are billed.
        self.assertEqual(line.product_uom_qty, 5)
        self.assertEqual(line.price_unit, 388.0)
        self.assertEqual(line.tax_id, self.vat_6)
        final = order._create_invoices(final=True)
        self.assertIn(line, final.invoice_line_ids.sale_line_ids)

    def test_attendance_within_the_margin_bills_nothing(self):
        order = self._order()
        order.action_confirm()
        order.write({"guaranteed_pax": 90, "actual_pax": 88})
        with self.assertRaisesRegex(UserError, "no attrition"):
            order.action_banquet_bill_attrition()
