from odoo import api, models
from odoo.exceptions import UserError

# A signed or distributed document's PDF: its content and owner never change, whoever
# asks; no other field (``public``, ``type``, ``url``...) changes either except under su,
# nor its share token, which core writes as the user.
PROTECTED_FIELDS = {"raw", "datas", "db_datas", "store_fname", "res_model", "res_id", "name"}
WRITABLE_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_banquet_version_pdf(self):
        # sudo: the guard reads the attachment's owner whatever the caller may read
        if any(a.res_model == "banquet.event.order.version" for a in self.sudo()):
            raise UserError(
                self.env._("The PDF of a distributed Event Order version is never replaced.")
            )

    def write(self, vals):
        if PROTECTED_FIELDS & set(vals) or (set(vals) - WRITABLE_FIELDS and not self.env.su):
            self._check_banquet_version_pdf()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_banquet_version(self):
        self._check_banquet_version_pdf()
