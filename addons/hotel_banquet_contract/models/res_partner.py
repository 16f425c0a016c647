from stdnum.cn import uscc

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

FAPIAO_KINDS = [
    ("paper_ordinary", "Ordinary VAT fapiao (paper)"),
    ("paper_special", "Special VAT fapiao (paper)"),
    ("digital_ordinary", "Fully digital fapiao (ordinary)"),
    ("digital_special", "Fully digital fapiao (special VAT)"),
]
SPECIAL_KINDS = ("paper_special", "digital_special")
DIGITAL_KINDS = ("digital_ordinary", "digital_special")

CREDIT_RATINGS = [
    ("a", "A - Excellent"),
    ("b", "B - Good"),
    ("c", "C - Watch"),
    ("d", "D - Prepayment only"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    banquet_credit_rating = fields.Selection(
        CREDIT_RATINGS,
        string="Credit Rating",
        tracking=True,
        help="Finance's rating of how this customer pays.",
        groups="hotel_banquet_crm.group_banquet_user",
        copy=False,
    )
    banquet_fapiao_required = fields.Boolean(
        string="Wants a Fapiao",
        help="The customer asked for a fapiao: invoices are checked for its data before posting.",
    )
    banquet_fapiao_kind = fields.Selection(FAPIAO_KINDS, string="Fapiao Kind")
    banquet_fapiao_buyer_name = fields.Char(
        string="Fapiao Buyer Name", help="Registered name, as on the business licence."
    )
    banquet_fapiao_tax_id = fields.Char(
        string="Unified Social Credit Code", size=18, help="The buyer's 18-character tax ID."
    )
    banquet_fapiao_address_phone = fields.Char(string="Fapiao Address and Phone")
    banquet_fapiao_bank_account = fields.Char(string="Fapiao Bank and Account")
    banquet_fapiao_email = fields.Char(string="Fapiao Delivery E-mail")

    @api.constrains("banquet_fapiao_tax_id")
    def _check_banquet_fapiao_tax_id(self):
        for partner in self.filtered("banquet_fapiao_tax_id"):
            if not uscc.is_valid(partner.banquet_fapiao_tax_id):
                raise ValidationError(
                    self.env._(
                        "“%(code)s” on %(partner)s is not a valid unified social credit code: "
                        "it needs 18 characters (digits and capitals except I, O, S, V, Z) and "
                        "a matching check character. Copy it from the business licence.",
                        code=partner.banquet_fapiao_tax_id,
                        partner=partner.display_name,
                    )
                )

    # The one create/write of res.partner in this addon --------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._banquet_check_agreement_right(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._banquet_check_agreement_right([vals])
        return super().write(vals)

    def _banquet_check_agreement_right(self, vals_list, creating=False):
        """A customer's agreement pricelist is what its discounts are measured against
        (sale.order._banquet_reference_pricelists): a Banquet Manager sets it, never the
        salesperson whose discounts it measures."""
        field = "banquet_agreement_pricelist_id"
        asked = any(vals.get(field) if creating else field in vals for vals in vals_list)
        asked = asked or (creating and self.env.context.get(f"default_{field}"))
        if (
            asked
            and not self.env.su
            and not self.env.user.has_group("hotel_banquet_crm.group_banquet_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only a Banquet Manager sets a customer's agreement pricelist: discounts "
                    "on the customer's quotations are measured against it. Ask your manager "
                    "to record the agreement."
                )
            )
