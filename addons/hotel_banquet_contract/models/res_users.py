from odoo import SUPERUSER_ID, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _banquet_home_action(self):
        """Finance lands on the deposits falling due, where its day starts; a Banquet
        Manager (Finance too) on the pipeline."""
        if self.has_group("hotel_banquet_crm.group_banquet_finance") and not self.has_group(
            "hotel_banquet_crm.group_banquet_manager"
        ):
            return self.env.ref("hotel_banquet_contract.banquet_deposit_line_action_due")
        return super()._banquet_home_action()

    def _banquet_sync_role(self):
        """Banquet salespeople give discounts (which the approval then measures) whatever
        Odoo's Discounts setting says. Not as an implied group: the superuser is a Banquet
        Manager, and Odoo reads the superuser's groups as the global setting (pricelist
        discounts would then show apart for every user); plain Sales users' screens stay as
        they were."""
        result = super()._banquet_sync_role()
        discount = self.env.ref("sale.group_discount_per_so_line")
        sellers = self.filtered(
            lambda user: (
                user.id != SUPERUSER_ID
                and not user.share
                and discount not in user.groups_id
                and user.has_group("hotel_banquet_crm.group_banquet_user")
            )
        )
        if sellers:
            # sudo: a banquet role is given by whoever may set groups; the discount group
            # comes with it (never removed here: the global setting may give it too)
            sellers.sudo().write({"groups_id": [(4, discount.id)]})
        customers = self.filtered(lambda user: user.share and not user._is_public())
        if customers:
            # sudo: the events of the new portal users' customers, in every hotel
            orders = (
                self.env["sale.order"]
                .sudo()
                .search(
                    [
                        ("is_banquet", "=", True),
                        ("partner_id", "child_of", customers.partner_id.commercial_partner_id.ids),
                    ]
                )
            )
            customers._banquet_portal_companies_of_orders(orders)
        return result

    def _banquet_portal_companies_of_orders(self, orders):
        """Give these portal users the hotels of their own customer's ``orders``."""
        for user in self:
            customer = user.partner_id.commercial_partner_id
            hotels = orders.filtered(
                lambda o, customer=customer: o.partner_id.commercial_partner_id == customer
            ).company_id
            missing = hotels - user.company_ids
            if missing:
                # sudo: a portal user cannot be given companies by the salesperson saving
                # the order; these are the hotels of its own events only
                user.sudo().write({"company_ids": [(4, company.id) for company in missing]})
