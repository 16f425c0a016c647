from datetime import date, datetime

from odoo import Command

from .common import BanquetContractCommon


class BanquetMoneyCommon(BanquetContractCommon):
    """The small hotel of BanquetContractCommon with books: a chart of accounts, VAT rates,
    a per-person package, a contract template and a Finance clerk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"banquet_tz": "Asia/Shanghai"})
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.currency = cls.company.currency_id
        Tax = cls.env["account.tax"]
        cls.vat_6, cls.vat_9, cls.vat_13 = Tax.create(
            [
                {
                    "name": "VAT %s %%" % rate,
                    "amount": rate,
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "company_id": cls.company.id,
                }
                for rate in (6, 9, 13)
            ]
        )
        cls.package = cls.env["product.product"].create(
            {
                "name": "Wedding Dinner Package",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 388.0,
                "banquet_is_package": True,
                "banquet_tax_classification_code": "3070401000000000000",
                "taxes_id": [Command.set(cls.vat_6.ids)],
            }
        )
        cls.rental = cls.env["product.product"].create(
            {
                "name": "Ballroom Rental",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 12000.0,
                "taxes_id": [Command.set(cls.vat_9.ids)],
            }
        )
        cls.template = cls.env["sale.order.template"].create(
            {
                "name": "Wedding Contract",
                "company_id": cls.company.id,
                "banquet_deposit_template_line_ids": [
                    Command.create(
                        {"name": "At signature", "percent": 30.0, "due_days": 7, "sequence": 1}
                    ),
                    Command.create(
                        {
                            "name": "T-30",
                            "percent": 40.0,
                            "due_reference": "event",
                            "due_days": 30,
                            "sequence": 2,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Balance before the event",
                            "percent": 30.0,
                            "due_reference": "event",
                            "due_days": 3,
                            "sequence": 3,
                        }
                    ),
                ],
            }
        )
        group = cls.env.ref
        cls.finance = cls.env["res.users"].create(
            {
                "name": "Fiona Finance",
                "login": "fiona.finance",
                "email": "fiona@example.com",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set([group("hotel_banquet_crm.group_banquet_finance").id])],
            }
        )
        cls.department = cls.env["res.users"].create(
            {
                "name": "Chef Department",
                "login": "chef.money",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [
                    Command.set([group("hotel_banquet_crm.group_banquet_department").id])
                ],
            }
        )
        cls.company.banquet_finance_user_id = cls.finance

    @classmethod
    def _order(cls, lines=None, event=datetime(2030, 6, 20, 4, 0), template=True, **vals):
        """A banquet order (not confirmed) with its lines: (product, qty, price, taxes)."""
        if lines is None:
            lines = [(cls.package, 100, 388.0, cls.vat_6), (cls.rental, 1, 12000.0, cls.vat_9)]
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "is_banquet": True,
                "event_name": "Chen-Li Wedding",
                "event_date_start": event,
                "event_date_end": event,
                "expected_pax": 100,
                "user_id": cls.salesperson.id,
                "date_order": datetime(2030, 1, 10, 2, 0),
                "sale_order_template_id": cls.template.id if template else False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "tax_id": [Command.set(taxes.ids)],
                        }
                    )
                    for product, qty, price, taxes in lines
                ],
                **vals,
            }
        )

    def _pay(self, invoices, amount=None, user=None):
        """Register a payment the native way, as Finance."""
        wizard = (
            self.env["account.payment.register"]
            .with_user(user or self.finance)
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create({"payment_date": date(2030, 2, 1), **({"amount": amount} if amount else {})})
        )
        return wizard._create_payments()
