from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from odoo import api, models


def _para(text, style):
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _cell(text, style, width):
    """A table cell as plain text wrapped to the column (a Table lays plain lines out far
    faster than Paragraphs, whose markup parsing dominated the rendering time)."""
    lines = []
    for line in str(text or "").split("\n"):
        while stringWidth(line, style.fontName, style.fontSize) > width:
            cut = _fitting_length(line, style, width)
            space = line.rfind(" ", 0, cut)
            if space > cut // 2:  # break between words where there are words
                cut = space + 1
            lines.append(line[:cut].rstrip())
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _fitting_length(line, style, width):
    """How many leading characters of ``line`` fit ``width`` (at least one)."""
    total = 0.0
    for index, char in enumerate(line):
        total += stringWidth(char, style.fontName, style.fontSize)
        if total > width:
            return max(index, 1)
    return len(line)


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
        if customer:
            return story
        for department in departments.values():
            story.append(PageBreak())
            story.append(_para(self._pdf_title(data), styles["small"]))
            story += self._department_flowables(department, styles, labels)
        return story

    @api.model
    def _key_value_table(self, rows, styles):
        body = styles["body"]
        table = Table(
            [[_cell(k, body, 36 * mm), _cell(v, body, 136 * mm)] for k, v in rows],
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
            small = styles["small"]
            widths = [38 * mm, 64 * mm, 18 * mm, 28 * mm, 32 * mm]
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
            table = Table(
                [
                    [
                        _cell(value, small, width - 4 * mm)
                        for value, width in zip(row, widths, strict=True)
                    ]
                    for row in rows
                ],
                colWidths=widths,
                repeatRows=1,
            )
            table.setStyle(
                TableStyle([*styles["grid"], ("FONTSIZE", (0, 0), (-1, -1), small.fontSize)])
            )
            flowables.append(table)
        return flowables
