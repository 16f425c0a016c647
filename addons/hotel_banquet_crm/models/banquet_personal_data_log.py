from odoo import api, fields, models
from odoo.exceptions import UserError


class BanquetPersonalDataLog(models.Model):
    """Who exported, opened in the customer 360 or erased whose personal data, and when.

    Written by the system only; nobody edits or deletes a line (PIPL accountability).
    """

    _name = "banquet.personal.data.log"
    _description = "Banquet Personal Data Audit Log"
    _order = "id desc"
    _rec_name = "partner_ref"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user, index=True
    )
    company_id = fields.Many2one(
        "res.company", string="Hotel", readonly=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Person", readonly=True, ondelete="set null", index=True
    )
    partner_ref = fields.Char(
        string="Person Reference",
        readonly=True,
        help="Database id of the person, kept when the person is later deleted.",
    )
    action = fields.Selection(
        [
            ("export", "Personal data exported"),
            ("open_360", "Customer 360 opened"),
            ("erase", "Erased on request"),
            ("auto_erase", "Erased after retention period"),
        ],
        required=True,
        readonly=True,
    )
    note = fields.Char(readonly=True)

    @api.model
    def _log(self, partners, action, note=False):
        """Record ``action`` on ``partners`` in one insert."""
        # the log is read-only for everybody; only the system writes it
        return self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "partner_ref": str(partner.id),
                    "action": action,
                    "note": note,
                    "user_id": self.env.uid,
                    "company_id": self.env.company.id,
                }
                for partner in partners
            ]
        )

    def write(self, vals):
        if self:
            raise UserError(self.env._("The personal data audit log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if self:
            raise UserError(self.env._("The personal data audit log cannot be deleted."))
        return super().unlink()
