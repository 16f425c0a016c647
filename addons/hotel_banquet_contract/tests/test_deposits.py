from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .money_common import BanquetMoneyCommon


@tagged("post_install", "-at_install")
class TestDepositSchedule(BanquetMoneyCommon):
    def test_template_gives_the_schedule_in_hotel_dates(self):
        order = self._order()
        deposits = order.banquet_deposit_line_ids
        self.assertEqual(
            deposits.mapped("name"), ["At signature", "T-30", "Balance before the event"]
        )
        # Signed 2030-01-10 10:00 in Shanghai; the event starts 2030-06-20 12:00 Shanghai.
        self.assertEqual(
            deposits.mapped("due_date"), [date(2030, 1, 17), date(2030, 5, 21), date(2030, 6, 17)]
        )
        self.assertEqual(order.banquet_event_date, date(2030, 6, 20))
        total = order.amount_total
        self.assertEqual(sum(deposits.mapped("amount")), total)
        self.assertEqual(deposits.mapped("state"), ["to_invoice"] * 3)

    def test_new_template_has_the_default_cancellation_tiers(self):
        template = self.env["sale.order.template"].create({"name": "Conference"})
        self.assertEqual(
            [(t.days_before, t.fee_percent) for t in template.banquet_cancellation_tier_ids],
            [(91, 0.0), (31, 25.0), (8, 50.0), (0, 100.0)],
        )
        self.assertEqual(template.banquet_attrition_margin, 10.0)
        self.assertEqual(template._banquet_fee_percent(120), 0.0)
        self.assertEqual(template._banquet_fee_percent(90), 25.0)
        self.assertEqual(template._banquet_fee_percent(31), 25.0)
        self.assertEqual(template._banquet_fee_percent(30), 50.0)
        self.assertEqual(template._banquet_fee_percent(8), 50.0)
        self.assertEqual(template._banquet_fee_percent(7), 100.0)

    def test_schedule_above_100_percent_is_refused(self):
        order = self._order()
        with self.assertRaisesRegex(ValidationError, "more than 100 %"):
            order.banquet_deposit_line_ids[0].percent = 31.0
        with self.assertRaisesRegex(ValidationError, "more than 100 %"):
            order.banquet_deposit_line_ids = [
                Command.create(
                    {
                        "name": "Extra",
                        "value_type": "fixed",
                        "fixed_amount": 1.0,
                        "due_date": date(2030, 6, 1),
                    }
                )
            ]

    def test_due_date_after_the_event_is_refused(self):
        order = self._order()
        with self.assertRaisesRegex(ValidationError, "after the event"):
            order.banquet_deposit_line_ids[2].due_date = date(2030, 6, 21)
        # Moving the event before a deposit's due date is refused as well.
        with self.assertRaisesRegex(ValidationError, "after the event"):
            order.event_date_start = datetime(2030, 6, 10, 4, 0)

    def test_negative_deposit_is_refused_by_the_database(self):
        order = self._order(template=False)
        for vals in ({"percent": -5.0}, {"value_type": "fixed", "fixed_amount": -1.0}):
            with (
                self.subTest(vals=vals),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.cr.savepoint(),
            ):
                self.env["banquet.deposit.line"].create(
                    {"order_id": order.id, "name": "Bad", "due_date": date(2030, 2, 1), **vals}
                )
                self.env.flush_all()

    def test_salesperson_reads_deposits_but_cannot_change_them(self):
        order = self._order()
        deposit = order.banquet_deposit_line_ids[0].with_user(self.salesperson)
        self.assertEqual(deposit.state, "to_invoice")
        with self.assertRaises(AccessError):
            deposit.write({"due_date": date(2030, 1, 20)})
        with self.assertRaises(UserError):
            deposit.action_create_invoice()


@tagged("post_install", "-at_install")
class TestMoneyPath(BanquetMoneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # These orders type odd prices below the list price to test rounding; this hotel
        # lets its salespeople do so (discount approval: test_discount_approval.py).
        cls.company.banquet_discount_threshold_ids.write(
            {"max_line_discount": 100.0, "max_order_discount": 100.0}
        )

    def _invoice_all_deposits(self, order):
        order.banquet_deposit_line_ids.with_user(self.finance).action_create_invoice()
        invoices = order.banquet_deposit_line_ids.invoice_id
        invoices.with_user(self.finance).action_post()
        return invoices

    def test_full_money_path_exact_to_the_cent(self):
        cases = [
            # (lines, deposit percentages)
            (
                [(self.package, 97, 333.33, self.vat_6), (self.rental, 1, 12345.67, self.vat_9)],
                (30, 40),
            ),
            ([(self.package, 7, 99.99, self.vat_13)], (33.33, 33.33, 33.34)),
            ([(self.package, 3, 0.07, self.vat_6), (self.rental, 1, 1.01, self.vat_13)], (12.5,)),
            ([(self.package, 123, 388.0, self.vat_6 | self.vat_9)], (50.0, 50.0)),
        ]
        for lines, percents in cases:
            with self.subTest(lines=lines, percents=percents):
                order = self._order(lines=lines, template=False)
                order.with_user(self.finance).banquet_deposit_line_ids = [
                    Command.create(
                        {"name": "Deposit %s" % i, "percent": p, "due_date": date(2030, 2, i + 1)}
                    )
                    for i, p in enumerate(percents)
                ]
                order.action_confirm()
                self.assertEqual(order.state, "sale")
                deposits = order.banquet_deposit_line_ids
                invoices = self._invoice_all_deposits(order)
                self.assertEqual(len(invoices), len(percents))
                self.assertTrue(all(move._is_downpayment() for move in invoices))
                self.assertEqual(set(invoices.mapped("banquet_bill_kind")), {"deposit"})
                self.assertEqual(invoices.banquet_order_id, order)
                self.assertEqual(deposits.mapped("state"), ["not_paid"] * len(percents))
                self.assertEqual(invoices[0].invoice_date_due, date(2030, 2, 1))
                # Finance registers the payments the native way; the states follow.
                for invoice in invoices:
                    self._pay(invoice)
                self.assertTrue(all(s in ("paid", "in_payment") for s in deposits.mapped("state")))
                paid = sum(invoices.mapped("amount_total"))
                self.assertAlmostEqual(order.banquet_amount_deposits_paid, paid, places=2)
                self.assertEqual(
                    order.banquet_amount_outstanding, self.currency.round(order.amount_total - paid)
                )
                # The final invoice deducts every deposit natively.
                final = order._create_invoices(final=True)
                self.assertEqual(final.banquet_bill_kind, "final")
                final.action_post()
                expected = self.currency.round(order.amount_total - paid)
                self.assertEqual(
                    self.currency.compare_amounts(final.amount_residual, expected),
                    0,
                    "final residual %s, expected %s" % (final.amount_residual, expected),
                )
                if not self.currency.is_zero(final.amount_residual):
                    self._pay(final)
                self.assertTrue(self.currency.is_zero(order.banquet_amount_outstanding))

    def test_percentage_deposit_is_invoiced_at_the_signed_amount(self):
        # 30 % of CNY 123,456.78 (6 % VAT) is 37,037.03; core's percentage path taxes 30 %
        # of the untaxed amount and invoices 37,037.04.
        order = self._order(lines=[(self.rental, 1, 116468.66, self.vat_6)], template=False)
        self.assertEqual(order.amount_total, 123456.78)
        order.with_user(self.finance).banquet_deposit_line_ids = [
            Command.create({"name": "Deposit", "percent": 30, "due_date": date(2030, 2, 1)})
        ]
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids
        self.assertEqual(deposit.amount, 37037.03)
        invoice = self._invoice_all_deposits(order)
        self.assertEqual(invoice.amount_total, 37037.03)
        self.assertEqual(deposit.amount, 37037.03)
        # The order's figures agree with the schedule: what is invoiced plus what is left
        # to invoice is the order's total, before and after the final invoice.
        self.assertEqual(order.amount_invoiced, 37037.03)
        self.assertEqual(order.amount_to_invoice, 86419.75)
        final = order._create_invoices(final=True)
        final.action_post()
        self.assertEqual(final.amount_total, 86419.75)
        self.assertEqual(order.amount_invoiced, 123456.78)
        self.assertEqual(order.amount_to_invoice, 0.0)

    def test_schedule_of_100_percent_loses_no_cent(self):
        order = self._order(lines=[(self.package, 7, 99.99, self.vat_13)], template=False)
        order.banquet_deposit_line_ids = [
            Command.create(
                {"name": "D%s" % i, "percent": 100 / 3, "due_date": date(2030, 2, i + 1)}
            )
            for i in range(2)
        ] + [
            Command.create(
                {"name": "D2", "percent": 100 - 2 * (100 / 3), "due_date": date(2030, 2, 3)}
            )
        ]
        order.action_confirm()
        invoices = self._invoice_all_deposits(order)
        self.assertEqual(sum(invoices.mapped("amount_total")), order.amount_total)
        self._pay(invoices)
        self.assertTrue(self.currency.is_zero(order.banquet_amount_outstanding))

    def test_salesperson_cannot_register_a_payment(self):
        order = self._order()
        order.action_confirm()
        invoices = self._invoice_all_deposits(order)
        with self.assertRaises(AccessError):
            self._pay(invoices[0], user=self.salesperson)
        self.assertEqual(
            order.banquet_deposit_line_ids[0].with_user(self.salesperson).state, "not_paid"
        )

    def test_finance_cannot_change_prices_of_a_signed_order(self):
        order = self._order()
        order.action_confirm()
        line = order.order_line[0].with_user(self.finance)
        for vals in ({"price_unit": 300.0}, {"discount": 10.0}, {"tax_id": [Command.clear()]}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "is signed"):
                line.write(vals)
        # Writing the same price is no change: the form saves it untouched.
        line.write({"price_unit": line.price_unit})

    def test_department_staff_reads_no_invoice(self):
        order = self._order()
        order.action_confirm()
        invoices = self._invoice_all_deposits(order)
        for model, records in (
            ("account.move", invoices),
            ("account.move.line", invoices.line_ids),
            ("sale.order", order),
            ("sale.order.line", order.order_line),
            ("banquet.deposit.line", order.banquet_deposit_line_ids),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                records.with_user(self.department).read(["display_name"])

    def test_first_deposit_paid_makes_the_event_definite_by_policy(self):
        self.company.banquet_definite_policy = "signature_and_first_deposit"
        order = self._order()
        order.action_confirm()
        # The signature alone does not meet this hotel's policy: the event stays tentative.
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.banquet_status, "tentative")
        invoices = self._invoice_all_deposits(order)
        self._pay(invoices[0])
        self.assertEqual(order.banquet_status, "definite")

    def test_deposit_invoice_is_payable_online_from_the_portal(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "account_payment.enable_portal_payment", True
        )
        # the hotel takes deposits by bank transfer (no provider: no Pay Now, see
        # test_deposit_online_payment.TestDepositPayNow)
        transfer = self.env.ref("payment.payment_provider_transfer")
        transfer.copy(
            {
                "company_id": self.company.id,
                "payment_method_ids": transfer.with_context(
                    active_test=False
                ).payment_method_ids.ids,
            }
        ).write({"state": "enabled", "is_published": True})
        order = self._order()
        order.action_confirm()
        invoice = self._invoice_all_deposits(order)[0]
        self.assertTrue(invoice._has_to_be_paid())
        self.assertTrue(invoice.get_portal_url())

    def test_auto_post_policy_posts_deposit_invoices(self):
        self.company.banquet_deposit_auto_post = True
        order = self._order()
        order.action_confirm()
        order.with_user(self.finance).action_banquet_invoice_deposits()
        self.assertEqual(set(order.banquet_deposit_line_ids.invoice_id.mapped("state")), {"posted"})


@tagged("post_install", "-at_install")
class TestCredit(BanquetMoneyCommon):
    def test_confirmation_above_credit_limit_needs_finance_approval(self):
        self.company.account_use_credit_limit = True
        self.customer.with_company(self.company).write(
            {"credit_limit": 10000.0, "use_partner_credit_limit": True}
        )
        order = self._order().with_user(self.salesperson)
        self.assertTrue(order.banquet_credit_exceeded)
        with self.assertRaisesRegex(UserError, "credit limit"), self.cr.savepoint():
            order.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft")
        with self.assertRaisesRegex(UserError, "Only Finance"):
            order.action_banquet_approve_credit()
        order.with_user(self.finance).action_banquet_approve_credit()
        self.assertEqual(order.banquet_credit_approved_by_id, self.finance)
        # The credit decision has the shape of a discount approval: who, why, when.
        request = order.sudo().banquet_approval_request_ids.filtered(lambda r: r.kind == "credit")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approver_id, self.finance)
        self.assertIn("above its credit limit", request.decision_reason)
        self.assertGreater(request.credit_excess, 0.0)
        self.assertEqual(order.banquet_approval_state, "not_needed")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_credit_approval_is_written_by_finance_only(self):
        self.company.account_use_credit_limit = True
        self.customer.with_company(self.company).write(
            {"credit_limit": 10000.0, "use_partner_credit_limit": True}
        )
        order = self._order().with_user(self.salesperson)
        # Nobody names the approver by writing the order: not the salesperson, not Finance.
        for user in (self.salesperson, self.finance):
            with self.assertRaises(AccessError), self.cr.savepoint():
                order.with_user(user).write({"banquet_credit_approved_by_id": self.finance.id})
        # Nobody creates a credit request of their own making, at the level they choose...
        Request = self.env["banquet.approval.request"]
        values = {
            "order_id": order.id,
            "kind": "credit",
            "reason": "Good customer",
            "required_level": "salesperson",
        }
        with self.assertRaisesRegex(AccessError, "record a decision"), self.cr.savepoint():
            Request.with_user(self.salesperson).create(values)
        # ... and a credit request naming a low level is still Finance's to decide.
        request = Request.sudo().create(values).sudo(False)
        colleague = self.env["res.users"].create(
            {
                "name": "Colin Colleague",
                "login": "credit_colleague",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [
                    Command.set(
                        [
                            self.env.ref("hotel_banquet_crm.group_banquet_user").id,
                            self.env.ref("sales_team.group_sale_salesman_all_leads").id,
                        ]
                    )
                ],
            }
        )
        with self.assertRaisesRegex(AccessError, "Finance|credit"), self.cr.savepoint():
            request.with_user(colleague).action_approve("Looks fine")
        self.assertFalse(order.banquet_credit_approved_by_id)
        with self.assertRaisesRegex(UserError, "credit limit"), self.cr.savepoint():
            order.action_confirm()

    def test_within_credit_limit_confirms(self):
        self.company.account_use_credit_limit = True
        self.customer.with_company(self.company).write(
            {"credit_limit": 10_000_000.0, "use_partner_credit_limit": True}
        )
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")


@tagged("post_install", "-at_install")
class TestDepositViews(BanquetMoneyCommon):
    def test_invoice_pdf_shows_the_event(self):
        order = self._order()
        order.action_confirm()
        deposit = order.banquet_deposit_line_ids[0]
        deposit.with_user(self.finance).action_create_invoice()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.account_invoices", deposit.invoice_id.ids)[0]
            .decode()
        )
        self.assertIn("Chen-Li Wedding", html)
        self.assertIn("At signature", html)

    def test_other_hotels_deposits_stay_hidden(self):
        other = self.env["res.company"].create({"name": "Mountain Lodge"})
        order = self._order()
        order.action_confirm()
        lodge_finance = self.finance.copy(
            {
                "login": "lodge.finance",
                "company_id": other.id,
                "company_ids": [Command.set(other.ids)],
            }
        )
        Deposit = self.env["banquet.deposit.line"].with_user(lodge_finance)
        self.assertFalse(Deposit.with_context(allowed_company_ids=other.ids).search([]))

    def _list_queries(self, domain):
        Deposit = self.env["banquet.deposit.line"].with_user(self.finance)
        fields_ = [
            "order_id", "partner_id", "user_id", "event_date", "name", "due_date",
            "currency_id", "amount", "amount_paid", "invoice_id", "is_overdue", "state",
        ]  # fmt: skip
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        Deposit.web_search_read(domain, {f: {} for f in fields_}, limit=80)
        Deposit.read_group(domain, ["amount:sum", "amount_paid:sum"], ["state"])
        return self.cr.sql_log_count - before

    def test_finance_lists_read_in_constant_queries(self):
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "is_banquet": True,
                    "event_date_start": datetime(2030, 6, 20, 4, 0),
                    "user_id": self.salesperson.id,
                }
                for _i in range(10)
            ]
        )

        def deposits(count):
            self.env["banquet.deposit.line"].create(
                [
                    {
                        "order_id": orders[i % 10].id,
                        "name": "Deposit %s" % i,
                        "value_type": "fixed",
                        "fixed_amount": 0.0,
                        "due_date": date(2030, 1, 17),
                    }
                    for i in range(count)
                ]
            )
            self.env.flush_all()

        overdue = [("is_overdue", "=", True)]
        with freeze_time("2030-01-20 02:00:00"):
            # 100 and 1000 rows both fill the list's first page (80), so the web client
            # counts the rest either way.
            deposits(100)
            self._list_queries(overdue)  # warm-up
            few = self._list_queries(overdue)
            deposits(900)
            many = self._list_queries(overdue)
        self.assertEqual(few, many, "%s queries for 100 deposits, %s for 1000" % (few, many))
