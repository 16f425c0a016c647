from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_customer_value import BanquetCustomerValueCommon


@tagged("post_install", "-at_install")
class TestBanquetAgreementPricelist(BanquetCustomerValueCommon):
    """The corporate rate agreed with a client applies by itself on quotations for the
    client, its contacts and its branches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standard = cls.env["product.pricelist"].create(
            {"name": "Hotel Standard Rates", "company_id": False, "sequence": 1}
        )
        cls.agreement = cls.env["product.pricelist"].create(
            {
                "name": "Sino Tech Agreement",
                "company_id": False,
                "sequence": 50,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                        }
                    )
                ],
            }
        )
        cls.group = cls._customer(
            "Sino Tech Group", banquet_agreement_pricelist_id=cls.agreement.id
        )
        cls.branch = cls.Partner.create(
            {"name": "Sino Tech Beijing", "is_company": True, "parent_id": cls.group.id}
        )
        cls.branch_contact = cls.Partner.create(
            {"name": "Zhao Lei", "parent_id": cls.branch.id, "type": "other"}
        )
        cls.group_contact = cls.Partner.create(
            {"name": "Wang Wei", "parent_id": cls.group.id, "type": "other"}
        )

    def _quotation(self, partner):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "is_banquet": True,
                "user_id": self.salesperson.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": 10})
                ],
            }
        )

    def test_contacts_and_branches_get_the_agreement_rate_by_themselves(self):
        for partner in (self.group, self.group_contact, self.branch, self.branch_contact):
            with self.subTest(partner=partner.name):
                self.assertEqual(partner.property_product_pricelist, self.agreement)
                order = self._quotation(partner)
                self.assertEqual(order.pricelist_id, self.agreement)
                self.assertAlmostEqual(order.order_line.price_unit, 90.0)

    def test_other_customers_keep_their_own_pricelist(self):
        walk_in = self._customer("Walk-in Ltd")
        order = self._quotation(walk_in)
        self.assertEqual(order.pricelist_id, self.standard)
        self.assertAlmostEqual(order.order_line.price_unit, 100.0)

    def test_a_branch_agreement_wins_over_the_groups(self):
        branch_rate = self.agreement.copy({"name": "Beijing Branch Agreement"})
        self.branch.banquet_agreement_pricelist_id = branch_rate
        self.assertEqual(self.branch_contact.property_product_pricelist, branch_rate)
        self.assertEqual(self.group_contact.property_product_pricelist, self.agreement)

    def test_an_agreement_of_another_hotel_does_not_apply_here(self):
        other = self.env["res.company"].create({"name": "Other Hotel"})
        self.agreement.company_id = other
        self.env.invalidate_all()
        self.assertEqual(self.branch_contact.property_product_pricelist, self.standard)


@tagged("post_install", "-at_install")
class TestBanquet360AcrossHotels(BanquetCustomerValueCommon):
    """A salesperson of one hotel sees only that hotel's figures in a customer's 360."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel_b = cls.env["res.company"].create({"name": "Lakeside Resort"})
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.hotel_b, install_demo=False
        )
        cls.seller_b = new_test_user(
            cls.env,
            login="lake_360_sales",
            groups="hotel_banquet_crm.group_banquet_user",
            company_id=cls.hotel_b.id,
            company_ids=[Command.set(cls.hotel_b.ids)],
        )
        cls.customer = cls._customer("Shared Corp")
        hotels = [cls.hotel.id, cls.hotel_b.id]
        both = cls.env(context=dict(cls.env.context, allowed_company_ids=hotels))
        Order = both["sale.order"]
        sides = ((cls.hotel, cls.salesperson), (cls.hotel_b, cls.seller_b))
        for (company, seller), count in zip(sides, (2, 3), strict=True):
            Order.create(
                [
                    {
                        "partner_id": cls.customer.id,
                        "company_id": company.id,
                        "is_banquet": True,
                        "user_id": seller.id,
                    }
                    for _i in range(count)
                ]
            )
        for (company, seller), amount in zip(sides, (300, 700), strict=True):
            move = (
                both["account.move"]
                .with_company(company)
                .create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": cls.customer.id,
                        "invoice_user_id": seller.id,
                        "invoice_date": date(2027, 2, 6),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": cls.product.id,
                                    "price_unit": amount,
                                    "tax_ids": False,
                                }
                            )
                        ],
                    }
                )
            )
            move.action_post()
            both["banquet.complaint"].create(
                {"subject": "Cold soup", "partner_id": cls.customer.id, "company_id": company.id}
            )

    def _360(self, user, companies):
        partner = self.customer.with_user(user).with_context(allowed_company_ids=companies.ids)
        partner.invalidate_recordset()
        return (
            partner.banquet_event_count,
            partner.banquet_invoice_count,
            partner.banquet_outstanding_amount,
            partner.banquet_complaint_count,
        )

    def test_salesperson_of_one_hotel_sees_only_its_figures(self):
        self.assertEqual(self._360(self.salesperson, self.hotel), (2, 1, 300.0, 1))
        self.assertEqual(self._360(self.seller_b, self.hotel_b), (3, 1, 700.0, 1))

    def test_a_user_of_both_hotels_sees_the_group_total(self):
        self.manager.company_ids = [Command.set((self.hotel | self.hotel_b).ids)]
        self.assertEqual(self._360(self.manager, self.hotel | self.hotel_b), (5, 2, 1000.0, 2))

    def test_department_staff_see_no_amount(self):
        chef = new_test_user(
            self.env,
            login="chef_360",
            groups="hotel_banquet_crm.group_banquet_department",
            company_ids=[Command.set(self.hotel.ids)],
        )
        partner = self.customer.with_user(chef)
        self.assertEqual(partner.banquet_outstanding_amount, 0.0)
        self.assertEqual(partner.banquet_invoice_count, 0)
