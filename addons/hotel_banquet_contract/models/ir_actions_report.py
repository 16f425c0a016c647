import io

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

# Our PDFs' report type: drawn with reportlab (banquet.pdf.report), never by wkhtmltopdf, so
# the web client neither asks wkhtmltopdf's state nor falls back to HTML for them (see
# static/src/reportlab_report.js, which downloads them as PDFs from the Print menu).
REPORTLAB_PDF = "reportlab-pdf"

# Where the web client shows a report's HTML instead of its PDF (no wkhtmltopdf, a single
# worker), our reports need neither: the page shows the PDF itself.
PDF_PAGE = Markup(
    '<!DOCTYPE html><html><body style="margin:0">'
    '<iframe src="%s" style="border:0;width:100%%;height:100vh"></iframe></body></html>'
)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    report_type = fields.Selection(
        selection_add=[(REPORTLAB_PDF, "PDF (reportlab)")],
        ondelete={REPORTLAB_PDF: "set default"},
    )

    def _render_reportlab_pdf(self, report_ref, res_ids=None, data=None):
        """``_render`` of our report type (mail templates' attachments, ``report_action``):
        core's PDF pipeline, whose ``_pre_render_qweb_pdf`` we answer with reportlab, so
        that ``attachment`` / ``attachment_use`` and the merging of several records work as
        for any PDF report."""
        return self._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _banquet_pdf_report(self, report_ref):
        """The model drawing ``report_ref`` with reportlab (see banquet.pdf.report), or None
        for every other report, which core renders untouched."""
        report = self._get_report(report_ref)
        model = self._get_rendering_context_model(report)
        if model is not None and isinstance(model, self.pool["banquet.pdf.report"]):
            return model
        return None

    def _pre_render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        renderer = self._banquet_pdf_report(report_ref)
        if renderer is None:
            return super()._pre_render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        return self._banquet_pdf_streams(report_ref, renderer, res_ids or [], data or {}), "pdf"

    def _render_qweb_html(self, report_ref, docids, data=None):
        if self._banquet_pdf_report(report_ref) is None:
            return super()._render_qweb_html(report_ref, docids, data=data)
        if isinstance(docids, int):
            docids = [docids]
        report = self._get_report(report_ref)
        ids = ",".join(str(res_id) for res_id in docids or [])
        return PDF_PAGE % f"/report/pdf/{report.report_name}/{ids}", "html"

    def _banquet_check_print(self, report_sudo, records):
        """Our documents are printed by the report's groups only, on records the user may
        read (core's report route checks neither groups nor, for a PDF, the records)."""
        if self.env.su:
            return
        if report_sudo.groups_id and not report_sudo.groups_id & self.env.user.groups_id:
            raise AccessError(
                self.env._("You are not allowed to print %(report)s.", report=report_sudo.name)
            )
        records.check_access("read")

    def _banquet_pdf_streams(self, report_ref, renderer, res_ids, data):
        """Each record's PDF as core's ``_render_qweb_pdf`` expects it: the stored one when
        the report reloads from its ``attachment``, else drawn by ``renderer``. Core then
        saves new attachments and merges the PDFs."""
        report_sudo = self._get_report(report_ref)
        records = self.env[report_sudo.model].browse(res_ids)
        if not records:
            raise UserError(
                self.env._("Choose the documents to print as %(report)s.", report=report_sudo.name)
            )
        self._banquet_check_print(report_sudo, records)
        use_attachment = (
            report_sudo.attachment
            and len(res_ids) == len(set(res_ids))
            and not self.env.context.get("report_pdf_no_attachment")
        )
        streams = {}
        for record in records:
            if record.id in streams:
                continue
            attachment = report_sudo.retrieve_attachment(record) if use_attachment else None
            if attachment and report_sudo.attachment_use:
                pdf = attachment.raw
            else:
                pdf = renderer._render_record_pdf(record, data)
            streams[record.id] = {"stream": io.BytesIO(pdf), "attachment": attachment}
        return streams
