from odoo import api, models
from odoo.exceptions import UserError

PROTECTED_FIELDS = {"raw", "datas", "db_datas", "store_fname", "res_model", "res_id", "name"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_banquet_signed_contract(self):
        # sudo: the guard must see the versions whatever the caller may read
        if self.ids and self.env["banquet.contract.version"].sudo().search_count(
            [("pdf_attachment_id", "in", self.ids)], limit=1
        ):
            raise UserError(self.env._("The PDF of a signed contract is never changed or deleted."))

    def write(self, vals):
        if PROTECTED_FIELDS & set(vals):
            self._check_banquet_signed_contract()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_banquet_signed_contract(self):
        self._check_banquet_signed_contract()
