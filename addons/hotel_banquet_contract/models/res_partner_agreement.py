from odoo import api, fields, models


class ResPartner(models.Model):
    """Corporate agreement rates: the pricelist agreed with a client company applies by
    itself to its contacts and to its branches (child companies)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    banquet_agreement_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Agreement Pricelist",
        tracking=True,
        help="Corporate rates agreed with this company. Quotations for the company, its "
        "contacts and its branches take this pricelist, in every hotel it is valid for.",
    )

    def _banquet_agreement_pricelist(self):
        """The agreement pricelist that applies to this partner in the current hotel: its
        company's, else the group's (the parent company of a branch)."""
        self.ensure_one()
        company = self.commercial_partner_id
        holders = [company]
        if company.parent_id.is_company:
            holders.append(company.parent_id.commercial_partner_id)
        for holder in holders:
            pricelist = holder.banquet_agreement_pricelist_id
            if pricelist.active and pricelist.company_id in (
                self.env.company,
                self.env.company.browse(),
            ):
                return pricelist
        return self.env["product.pricelist"]

    @api.depends(
        "country_id",
        "specific_property_product_pricelist",
        "commercial_partner_id.banquet_agreement_pricelist_id",
        "commercial_partner_id.parent_id.banquet_agreement_pricelist_id",
    )
    @api.depends_context("company", "country_code")
    def _compute_product_pricelist(self):
        result = super()._compute_product_pricelist()
        for partner in self:
            agreement = partner._banquet_agreement_pricelist()
            if agreement:
                partner.property_product_pricelist = agreement
        return result

    def _inverse_product_pricelist(self):
        # A contact or branch receiving its company's agreement pricelist (core syncs the
        # pricelist to contacts) keeps no copy of it: the agreement keeps applying by
        # itself, and stops when the agreement is changed or no longer valid here.
        agreed = self.filtered(
            lambda partner: (
                partner.property_product_pricelist
                and partner.property_product_pricelist == partner._banquet_agreement_pricelist()
            )
        )
        return super(ResPartner, self - agreed)._inverse_product_pricelist()
