from odoo import api, models


class ReportBanquetEventOrderVersion(models.AbstractModel):
    """The full Event Order of one version in the hotel's language. The report reloads the
    PDF rendered at distribution (``attachment``, ``attachment_use``): it is never rendered
    again. Drawing it from the version's snapshot is only for a version without that file."""

    _name = "report.hotel_banquet_eo.report_banquet_event_order_version"
    _inherit = "banquet.pdf.report"
    _description = "Event Order Version Report"

    @api.model
    def _render_record_pdf(self, record, data):
        snapshot = record.snapshot
        return self.env["banquet.event.order.pdf"]._render_pdf(snapshot, snapshot["header"]["lang"])
