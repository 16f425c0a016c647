from odoo import api, models


class BanquetPdfReport(models.AbstractModel):
    """A PDF report of ours, drawn with reportlab instead of wkhtmltopdf.

    The ``ir.actions.report`` of our report type ``reportlab-pdf`` (as OCA report_xlsx has
    ``xlsx``) whose ``report_name`` is ``X`` is drawn by the model ``report.X``, which
    inherits this one: the name core already gives a report's own model.
    ``ir.actions.report._pre_render_qweb_pdf`` asks it for each record's PDF, so the Print
    menu (static/src/reportlab_report.js), ``/report/pdf/...``, ``attachment`` /
    ``attachment_use`` and mail templates' ``report_template_ids`` work as for any PDF
    report, with the Chinese font of ``banquet.pdf.abstract``.
    """

    _name = "banquet.pdf.report"
    _description = "Banquet PDF Report"

    @api.model
    def _render_record_pdf(self, record, data):
        """The PDF (bytes) of one ``record``; the caller checked that it may be printed."""
        raise NotImplementedError
