from odoo import api, models
from odoo.exceptions import UserError


class ReportBanquetContract(models.AbstractModel):
    """The contract of a banquet order as it stands (Print > Banquet Contract)."""

    _name = "report.hotel_banquet_contract.report_banquet_contract"
    _inherit = "banquet.pdf.report"
    _description = "Banquet Contract Report"

    @api.model
    def _render_record_pdf(self, record, data):
        if not record.is_banquet:
            raise UserError(
                self.env._(
                    "%(order)s is not a banquet order: it has no banquet contract to print.",
                    order=record.display_name,
                )
            )
        return record._banquet_contract_pdf()
