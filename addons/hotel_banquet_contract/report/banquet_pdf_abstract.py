"""One abstract reportlab renderer; each document is a small subclass (as OCA report_xlsx)."""

import io
import logging
import os
import threading
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from odoo import api, models, tools

_logger = logging.getLogger(__name__)

# TrueType fonts with Chinese glyphs that reportlab can embed, as Debian packages them
# (path, sub-font index of a TTC). fonts-wqy-zenhei is the one the README asks for.
CJK_FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
]
FONT_NAME = "BanquetCJK"
FALLBACK_FONT = "STSong-Light"  # reportlab's CID font: readable, but not embedded

_font_lock = threading.Lock()
_registered_font = []  # the font name once registered in this worker

# A table row taller than a page cannot be laid out (reportlab's LayoutError) and a
# paragraph split over many pages is wrapped again on each of them: long text is printed
# as pieces of at most this many lines, each its own table row or paragraph.
LINES_PER_PIECE = 8
# The width of a table cell its text may not use: reportlab pads each side by 6 points.
CELL_PADDING = 12
FRAME_WIDTH = A4[0] - 30 * mm - 12  # the page less its margins and its frame's paddings

_char_widths = {}  # (font name, font size) -> {character: width in points}


def _configured_font():
    """(path, subfont index) from the server configuration or the environment."""
    value = tools.config.get("banquet_cjk_font") or os.environ.get("BANQUET_CJK_FONT")
    if not value:
        return None
    path, _sep, index = value.partition(":")
    return path, int(index or 0)


def banquet_font_name():
    """Register the Chinese-capable font once per worker and return its name.

    Order: ``banquet_cjk_font`` in the Odoo configuration file (``path[:subfont]``), the
    environment variable BANQUET_CJK_FONT, then the Debian fonts above. Without any of
    them the PDF uses reportlab's CID font STSong-Light, which is not embedded.
    """
    if _registered_font:
        return _registered_font[0]
    with _font_lock:
        if _registered_font:
            return _registered_font[0]
        candidates = list(CJK_FONT_CANDIDATES)
        configured = _configured_font()
        if configured:
            candidates.insert(0, configured)
        name = None
        for path, index in candidates:
            if not os.path.isfile(path):
                continue
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
            except Exception as error:  # noqa: BLE001 - a broken font file: try the next one
                _logger.warning("Cannot load the font %s (%s): %s", path, index, error)
                continue
            name = FONT_NAME
            _logger.info("Banquet PDFs embed the font %s", path)
            break
        if not name:
            _logger.warning(
                "No TrueType font with Chinese glyphs found (install the Debian package "
                "fonts-wqy-zenhei or set banquet_cjk_font): banquet PDFs use the "
                "non-embedded CID font %s.",
                FALLBACK_FONT,
            )
            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
            name = FALLBACK_FONT
        _registered_font.append(name)
        return name


def _line_spans(text, font_name, font_size, width):
    """(start, end) in ``text`` of each of its lines wrapped to ``width`` points.

    Linear in the length of the text: each character is measured once per font and size,
    and the width of a line is a difference of running sums (measuring ever longer
    prefixes of the rest of the text made a 60,000-character note take seconds). A line
    breaks after its last space when that keeps at least half of it, else inside the word
    (a long word, Chinese text without spaces).
    """
    widths = _char_widths.setdefault((font_name, font_size), {})
    spans = []
    position = 0
    for line in text.split("\n"):
        offsets = [0.0]
        for char in line:
            char_width = widths.get(char)
            if char_width is None:
                char_width = widths[char] = pdfmetrics.stringWidth(char, font_name, font_size)
            offsets.append(offsets[-1] + char_width)
        start, space = 0, -1
        for index, char in enumerate(line):
            if char == " ":  # spaces may run past the edge: they end the line
                space = index
                continue
            while index > start and offsets[index + 1] - offsets[start] > width:
                cut = space + 1 if space - start > (index - start) // 2 else index
                spans.append((position + start, position + cut))
                start = cut
        spans.append((position + start, position + len(line)))
        position += len(line) + 1
    return spans


def text_pieces(text, font_name, font_size, width):
    """``text`` wrapped to ``width`` points, in pieces of at most LINES_PER_PIECE lines.

    Each piece is a pair: its part of the text as written (for a Paragraph, which wraps
    it again, much the same way) and its wrapped lines (for a plain table cell).
    """
    text = "\n".join(str(text or "").splitlines())
    spans = _line_spans(text, font_name, font_size, width)
    pieces = []
    for first in range(0, len(spans), LINES_PER_PIECE):
        group = spans[first : first + LINES_PER_PIECE]
        pieces.append(
            (text[group[0][0] : group[-1][1]], [text[start:end].rstrip() for start, end in group])
        )
    return pieces


def paragraph(text, style):
    """A Paragraph printing ``text`` as written: its markup characters are escaped."""
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


class BanquetPdfAbstract(models.AbstractModel):
    """Builds an A4 PDF from a story of reportlab flowables.

    A document inherits this model and implements ``_pdf_story(data, styles, **options)``.
    """

    _name = "banquet.pdf.abstract"
    _description = "Banquet PDF Renderer"

    @api.model
    def _pdf_styles(self):
        font = banquet_font_name()
        base = getSampleStyleSheet()
        styles = {
            "title": ParagraphStyle("title", base["Title"], fontName=font, fontSize=16, leading=20),
            "h2": ParagraphStyle(
                "h2", base["Heading2"], fontName=font, fontSize=12, leading=15, spaceBefore=8
            ),
            "h3": ParagraphStyle(
                "h3", base["Heading3"], fontName=font, fontSize=10, leading=13, spaceBefore=4
            ),
            "body": ParagraphStyle("body", base["BodyText"], fontName=font, fontSize=9, leading=12),
            "small": ParagraphStyle(
                "small", base["BodyText"], fontName=font, fontSize=7.5, leading=9.5
            ),
        }
        styles["font"] = font
        styles["grid_line"] = (0.25, colors.grey)
        styles["cells"] = [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        styles["header"] = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
        styles["grid"] = [*styles["cells"], ("GRID", (0, 0), (-1, -1), *styles["grid_line"])]
        return styles

    @api.model
    def _pdf_paragraphs(self, text, style, width=FRAME_WIDTH):
        """``text`` as Paragraphs of at most LINES_PER_PIECE lines, following one another
        with no space between them (one Paragraph for an ordinary text)."""
        pieces = text_pieces(text, style.fontName, style.fontSize, width)
        if len(pieces) == 1:
            return [paragraph(text, style)]
        following = ParagraphStyle(f"{style.name}-following", style, spaceBefore=0)
        return [paragraph(pieces[0][0], style)] + [
            paragraph(source, following) for source, _lines in pieces[1:]
        ]

    @api.model
    def _pdf_table(
        self, rows, widths, styles, text_style, header=False, paragraphs=False, commands=()
    ):
        """A grid of ``rows`` of texts in columns of ``widths`` points, in the fonts of
        ``styles["cells"]`` and then the table style ``commands``.

        A cell of many lines continues over as many table rows as it needs, with no line
        drawn between them, so that no row is taller than a page and the table splits
        between them. Cells are plain text wrapped here (fast: nothing to parse) or, with
        ``paragraphs``, Paragraphs in ``text_style``.
        """

        def cell(pieces, index):
            if index >= len(pieces):
                return ""
            source, lines = pieces[index]
            return paragraph(source, text_style) if paragraphs else "\n".join(lines)

        data, records = [], []  # records: (first, last) table row of each of the rows
        for row in rows:
            cells = [
                text_pieces(value, text_style.fontName, text_style.fontSize, width - CELL_PADDING)
                for value, width in zip(row, widths, strict=True)
            ]
            first = len(data)
            for index in range(max(len(pieces) for pieces in cells)):
                data.append([cell(pieces, index) for pieces in cells])
            records.append((first, len(data) - 1))
        line = styles["grid_line"]
        style = [
            *styles["cells"],
            *(styles["header"] if header else []),
            ("BOX", (0, 0), (-1, -1), *line),
            ("LINEBEFORE", (1, 0), (-1, -1), *line),
            # a page break inside a row's text closes the grid above it and opens it below
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), *line),
        ]
        for first, _last in records[1:]:
            style.append(("LINEABOVE", (0, first), (-1, first), *line))
        for first, last in records:
            if last > first:  # the text goes on in the next row: no bottom padding before it
                style.append(("BOTTOMPADDING", (0, first), (-1, last - 1), 0))
        style += commands
        table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
        table.setStyle(TableStyle(style))
        return table

    @api.model
    def _pdf_story(self, data, styles, **options):
        raise NotImplementedError

    @api.model
    def _pdf_title(self, data, **options):
        return ""

    @api.model
    def _render_pdf(self, data, lang, **options):
        """Render ``data`` in ``lang`` and return the PDF bytes."""
        renderer = self.with_context(lang=lang)
        styles = renderer._pdf_styles()
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=renderer._pdf_title(data, **options),
            invariant=1,
        )
        font = styles["font"]

        def footer(canvas, document):
            canvas.saveState()
            canvas.setFont(font, 7)
            canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, str(document.page))
            canvas.drawString(15 * mm, 8 * mm, doc.title)
            canvas.restoreState()

        doc.build(
            renderer._pdf_story(data, styles, **options), onFirstPage=footer, onLaterPages=footer
        )
        return buffer.getvalue()
