"""One abstract reportlab renderer; each document is a small subclass (as OCA report_xlsx)."""

import io
import logging
import os
import threading

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

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
        styles["grid"] = [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        return styles

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
