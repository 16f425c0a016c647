from odoo import api, models


class ReportBanquetEventOrder(models.AbstractModel):
    """The full Event Order as distributed: its current version's PDF, never rendered again;
    before the first distribution (banquet users only), the working copy."""

    _name = "report.hotel_banquet_eo.report_banquet_event_order"
    _inherit = "banquet.pdf.report"
    _description = "Event Order Report"

    @api.model
    def _render_record_pdf(self, record, data):
        if record.current_version_id:
            return self.env["ir.actions.report"]._render_qweb_pdf(
                "hotel_banquet_eo.action_report_banquet_event_order_version",
                record.current_version_id.ids,
            )[0]
        snapshot = record._snapshot()
        return self.env["banquet.event.order.pdf"]._render_pdf(snapshot, snapshot["header"]["lang"])
