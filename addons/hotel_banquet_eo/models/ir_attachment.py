from odoo import api, models
from odoo.exceptions import UserError

PROTECTED_FIELDS = {"raw", "datas", "db_datas", "store_fname", "res_model", "res_id", "name"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _check_banquet_version_pdf(self):
        # sudo: the guard reads the attachment's owner whatever the caller may read
        if any(a.res_model == "banquet.event.order.version" for a in self.sudo()):
            raise UserError(
                self.env._("The PDF of a distributed Event Order version is never replaced.")
            )

    def write(self, vals):
        if PROTECTED_FIELDS & set(vals):
            self._check_banquet_version_pdf()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_banquet_version(self):
        self._check_banquet_version_pdf()
