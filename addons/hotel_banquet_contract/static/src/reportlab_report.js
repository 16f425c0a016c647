import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { getReportUrl } from "@web/webclient/actions/reports/utils";

/**
 * The banquet PDFs (report type "reportlab-pdf") are drawn by the server with reportlab:
 * the Print menu downloads them like any PDF report, through core's /report/download,
 * without asking for wkhtmltopdf (which they do not use) and without an HTML fallback.
 */
export async function reportlabPdfHandler(action, options, env) {
    if (action.report_type !== "reportlab-pdf") {
        return false;
    }
    const context = { ...user.context, ...(action.context || {}) };
    env.services.ui.block();
    try {
        await download({
            url: "/report/download",
            data: {
                data: JSON.stringify([getReportUrl(action, "pdf"), "qweb-pdf"]),
                context: JSON.stringify(context),
            },
        });
    } finally {
        env.services.ui.unblock();
    }
    const { onClose } = options;
    if (action.close_on_report_download) {
        return env.services.action.doAction({ type: "ir.actions.act_window_close" }, { onClose });
    }
    if (onClose) {
        onClose();
    }
    return true;
}

registry.category("ir.actions.report handlers").add("banquet_reportlab_pdf", reportlabPdfHandler);
