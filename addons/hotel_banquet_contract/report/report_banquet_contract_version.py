from odoo import api, models


class ReportBanquetContractVersion(models.AbstractModel):
    """One contract version: the signed PDF as archived, else the version as it stands."""

    _name = "report.hotel_banquet_contract.report_banquet_contract_version"
    _inherit = "banquet.pdf.report"
    _description = "Banquet Contract Version Report"

    @api.model
    def _render_record_pdf(self, record, data):
        return record._banquet_contract_pdf()
