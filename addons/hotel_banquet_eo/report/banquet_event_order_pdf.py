from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from odoo import api, models

from odoo.addons.hotel_banquet_contract.report.banquet_pdf_abstract import paragraph


class BanquetEventOrderPdf(models.AbstractModel):
    """The Event Order PDF, from a version's snapshot: the full EO or one department's
    page set. Nothing in a snapshot is a price, so nothing printed is one."""

    _name = "banquet.event.order.pdf"
    _inherit = "banquet.pdf.abstract"
    _description = "Event Order PDF"

    @api.model
    def _pdf_title(self, data, department_key=None, **options):
        header = data["header"]
        label = self.env._("Event Order")
        title = f"{label} {header['reference']}"
        if department_key:
            title += f" — {data['departments'][department_key]['name']}"
        return title

    @api.model
    def _pdf_story(self, data, styles, department_key=None, customer=False, **options):
        """The full EO; with ``department_key`` that department's page set; with
        ``customer`` what the customer confirms (header, functions, no departments)."""
        labels = self.env["banquet.event.order.version"]._field_labels()
        _ = self.env._
        header = data["header"]
        story = [
            paragraph(self._pdf_title(data, department_key=department_key), styles["title"]),
            paragraph(header["event_name"], styles["h2"]),
        ]
        rows = [
            (labels["hotel"], header["hotel"]),
            (labels["customer"], header["customer"]),
            (labels["contact"], header["contact"]),
            (labels["salesperson"], header["salesperson"]),
            (labels["event_manager"], header["event_manager"]),
            (_("Dates"), f"{header['date_start']} – {header['date_end']}"),
            (labels["guaranteed_pax"], header["guaranteed_pax"]),
            (labels["billing_instructions"], header["billing_instructions"]),
            (labels["notes"], header["notes"]),
        ]
        if not department_key and header.get("menu"):
            rows.append((labels["menu"], header["menu"]))
        story.append(self._key_value_table(rows, styles))
        functions = data["functions"]
        departments = data["departments"]
        if department_key:
            department = departments[department_key]
            story += self._department_flowables(department, styles, labels)
            wanted = {line["function"] for line in department["lines"].values()}
            shown = [f for f in functions.values() if f["label"] in wanted] or list(
                functions.values()
            )
            story.append(paragraph(_("Functions"), styles["h2"]))
            for function in shown:
                story += self._function_flowable(function, styles, labels)
            return story
        story.append(paragraph(_("Functions"), styles["h2"]))
        for function in functions.values():
            story += self._function_flowable(function, styles, labels)
        if customer:
            return story
        for department in departments.values():
            story.append(PageBreak())
            story.append(paragraph(self._pdf_title(data), styles["small"]))
            story += self._department_flowables(department, styles, labels)
        return story

    @api.model
    def _key_value_table(self, rows, styles):
        return self._pdf_table(rows, [40 * mm, 140 * mm], styles, styles["body"])

    @api.model
    def _function_flowable(self, function, styles, labels):
        rows = [
            (labels["room"], function["room"]),
            (labels["time"], f"{function['start']} – {function['end']}"),
            (labels["setup"], function["setup"]),
            (labels["pax"], function["pax"]),
        ]
        for key in (
            "service_timings",
            "menu",
            "dietary_notes",
            "av_equipment",
            "stage_signage",
            "linen_decor",
            "notes",
            "layout",
        ):
            if function.get(key):
                rows.append((labels[key], function[key]))
        return [
            paragraph(function["label"], styles["h3"]),
            self._key_value_table(rows, styles),
            Spacer(1, 3 * mm),
        ]

    @api.model
    def _department_flowables(self, department, styles, labels):
        flowables = [paragraph(department["name"], styles["h2"])]
        if department["responsible"]:
            flowables.append(
                paragraph(f"{labels['responsible']}: {department['responsible']}", styles["body"])
            )
        if department["instructions"]:
            flowables += self._pdf_paragraphs(department["instructions"], styles["body"])
        lines = list(department["lines"].values())
        if lines:
            small = styles["small"]
            keys = ("function", "description", "quantity", "time", "notes")
            rows = [[labels[k] for k in keys]] + [
                [
                    line["function"],
                    line["description"],
                    f"{line['quantity']:g} {line['uom']}",
                    line["time"],
                    line["notes"],
                ]
                for line in lines
            ]
            widths = [38 * mm, 64 * mm, 18 * mm, 28 * mm, 32 * mm]
            flowables.append(
                self._pdf_table(
                    rows,
                    widths,
                    styles,
                    small,
                    header=True,
                    commands=[("FONTSIZE", (0, 0), (-1, -1), small.fontSize)],
                )
            )
        return flowables
