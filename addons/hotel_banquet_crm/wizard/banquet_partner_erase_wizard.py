from odoo import fields, models


class BanquetPartnerEraseWizard(models.TransientModel):
    """Erase (anonymise) a person's personal data on their request."""

    _name = "banquet.partner.erase.wizard"
    _description = "Erase Personal Data"

    partner_ids = fields.Many2many("res.partner", string="Persons", required=True)
    reason = fields.Char(
        required=True, help="The request, e.g. e-mail of 3 May from the person, ticket number."
    )

    def action_erase(self):
        self.ensure_one()
        self.partner_ids._banquet_erase_on_request(self.reason)
        return {"type": "ir.actions.act_window_close"}
