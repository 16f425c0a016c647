from odoo import api, models
from odoo.exceptions import UserError

# A signed or distributed document's PDF: its content and owner never change, whoever
# asks; no other field (``public``, ``type``, ``url``...) changes either except under su,
# nor its share token, which core writes as the user.
PROTECTED_FIELDS = {"raw", "datas", "db_datas", "store_fname", "res_model", "res_id", "name"}
WRITABLE_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_banquet_signed_contract(self):
        # sudo: the guard must see the versions whatever the caller may read
        if self.ids and self.env["banquet.contract.version"].sudo().search_count(
            [("pdf_attachment_id", "in", self.ids)], limit=1
        ):
            raise UserError(self.env._("The PDF of a signed contract is never changed or deleted."))

    def write(self, vals):
        if PROTECTED_FIELDS & set(vals) or (set(vals) - WRITABLE_FIELDS and not self.env.su):
            self._check_banquet_signed_contract()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_banquet_signed_contract(self):
        self._check_banquet_signed_contract()
