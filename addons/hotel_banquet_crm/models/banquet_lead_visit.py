from odoo import api, fields, models


class BanquetLeadVisit(models.Model):
    """A call, visit or site inspection with the client of an inquiry."""

    _name = "banquet.lead.visit"
    _description = "Banquet Sales Call or Visit"
    _check_company_auto = True
    _order = "date desc, id desc"

    lead_id = fields.Many2one(
        "crm.lead", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    kind = fields.Selection(
        [
            ("call", "Phone Call"),
            ("visit", "Client Visit"),
            ("site", "Site Inspection"),
            ("meeting", "Meeting"),
        ],
        required=True,
        default="call",
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, default=lambda self: self.env.user
    )
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        for visit in visits:
            # talking to the client answers the inquiry
            visit.lead_id._banquet_mark_first_response(visit.date)
        return visits
