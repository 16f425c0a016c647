from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from odoo import api, models


def _para(text, style):
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _cell(text, style, width):
    """A table cell: plain text (laid out line by line, far cheaper than a Paragraph) when
    each of its lines fits the column, a wrapping Paragraph otherwise."""
    text = str(text or "")
    if all(stringWidth(line, style.fontName, style.fontSize) < width for line in text.split("\n")):
        return text
    return _para(text, style)


class BanquetEventOrderPdf(models.AbstractModel):
    """The Event Order PDF, from a version's snapshot: the full EO or one department's
    page set. Nothing in a snapshot is a price, so nothing printed is one."""

    _name = "banquet.event.order.pdf"
    _inherit = "banquet.pdf.abstract"
    _description = "Event Order PDF"

    @api.model
    def _pdf_title(self, data, department_key=None, **options):
        header = data["header"]
        title = f"{self.env._('Event Order')} {header['reference']}"
        if department_key:
            title += f" — {data['departments'][department_key]['name']}"
        return title

    @api.model
    def _pdf_story(self, data, styles, department_key=None, **options):
        labels = self.env["banquet.event.order.version"]._field_labels()
        _ = self.env._
        header = data["header"]
        story = [
            _para(self._pdf_title(data, department_key=department_key), styles["title"]),
            _para(header["event_name"], styles["h2"]),
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
            story.append(_para(_("Functions"), styles["h2"]))
            for function in shown:
                story += self._function_flowable(function, styles, labels)
            return story
        story.append(_para(_("Functions"), styles["h2"]))
        for function in functions.values():
            story += self._function_flowable(function, styles, labels)
        for department in departments.values():
            story.append(PageBreak())
            story.append(_para(self._pdf_title(data), styles["small"]))
            story += self._department_flowables(department, styles, labels)
        return story

    @api.model
    def _key_value_table(self, rows, styles):
        body = styles["body"]
        table = Table(
            [[_cell(k, body, 38 * mm), _cell(v, body, 138 * mm)] for k, v in rows],
            colWidths=[40 * mm, 140 * mm],
        )
        table.setStyle(TableStyle(styles["grid"][:3] + styles["grid"][4:]))
        return table

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
            _para(function["label"], styles["h3"]),
            self._key_value_table(rows, styles),
            Spacer(1, 3 * mm),
        ]

    @api.model
    def _department_flowables(self, department, styles, labels):
        flowables = [_para(department["name"], styles["h2"])]
        if department["responsible"]:
            flowables.append(
                _para(f"{labels['responsible']}: {department['responsible']}", styles["body"])
            )
        if department["instructions"]:
            flowables.append(_para(department["instructions"], styles["body"]))
        lines = list(department["lines"].values())
        if lines:
            data = [
                [
                    _para(labels[k], styles["small"])
                    for k in ("function", "description", "quantity", "time", "notes")
                ]
            ] + [
                [
                    _para(line["function"], styles["small"]),
                    _para(line["description"], styles["small"]),
                    _para(f"{line['quantity']:g} {line['uom']}", styles["small"]),
                    _para(line["time"], styles["small"]),
                    _para(line["notes"], styles["small"]),
                ]
                for line in lines
            ]
            table = Table(
                data, colWidths=[32 * mm, 70 * mm, 20 * mm, 26 * mm, 32 * mm], repeatRows=1
            )
            table.setStyle(TableStyle(styles["grid"]))
            flowables.append(table)
        return flowables
