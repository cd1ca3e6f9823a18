"""The one house style of every printed document (J-5): A4, DejaVu fonts so names with
diacritics print, Indonesian labels, a header naming the document and a footer with the
page number and the print time.

Renderers build a list of flowables with the helpers below and hand it to `render_pdf`,
which returns the PDF bytes. Renderers that print many small cells (login cards) may draw
on a canvas themselves, but register and use the same fonts (`register_fonts`).
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

FONT_DIR = Path(__file__).parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_CONDENSED = "DejaVuSansCondensed"
FONT_CONDENSED_BOLD = "DejaVuSansCondensed-Bold"
MARGIN = 15 * mm


@cache
def register_fonts() -> None:
    """Register the vendored DejaVu fonts once per process (never the system's: a school's
    Windows server has none of them)."""
    # Binary (Flate only) streams: without ReportLab's C accelerator, ASCII85 encoding in
    # Python was a fifth of a login-card run and makes every PDF a quarter larger.
    rl_config.useA85 = 0
    for name in (FONT, FONT_BOLD, FONT_CONDENSED, FONT_CONDENSED_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)
    pdfmetrics.registerFontFamily(FONT_CONDENSED, normal=FONT_CONDENSED,
                                  bold=FONT_CONDENSED_BOLD, italic=FONT_CONDENSED,
                                  boldItalic=FONT_CONDENSED_BOLD)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=13,
                             leading=16, alignment=TA_CENTER, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER, spaceAfter=6),
        heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=11,
                               leading=14, spaceBefore=6, spaceAfter=4),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        cell=ParagraphStyle("cell", parent=body, fontName=FONT_CONDENSED, fontSize=8.5,
                            leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_CONDENSED_BOLD,
                                 fontSize=8.5, leading=10.5),
    )


def escape(text) -> str:
    """Text for a Paragraph: ReportLab reads a small XML markup, so `<` and `&` in a name
    would break it."""
    return (str(text if text is not None else "").replace("&", "&amp;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def title_block(title: str, *lines: str) -> list[Flowable]:
    """The document's heading: a bold centred title, then centred lines (school, region,
    assessment year), then a rule."""
    st = styles()
    flow: list[Flowable] = [Paragraph(escape(title), st.title)]
    flow += [Paragraph(escape(line), st.subtitle) for line in lines if line]
    flow.append(HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceAfter=6))
    return flow


def fields_table(pairs: Sequence[tuple[str, object]], label_width: float = 45 * mm) -> Table:
    """Label : value lines (Nama Sekolah : SD Negeri 1 …), the way Indonesian forms print them."""
    st = styles()
    rows = [[Paragraph(escape(label), st.body), ":", Paragraph(escape(value), st.body)]
            for label, value in pairs]
    table = Table(rows, colWidths=[label_width, 4 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def data_table(header: Sequence[str], rows: Sequence[Sequence[object]],
               col_widths: Sequence[float | None] | None = None,
               numbered: bool = True, row_height: float | None = None) -> Table:
    """A ruled list with a bold header row repeated on every page and, by default, a "No."
    column. Cells are wrapped, so long names stay inside their column. `row_height` gives
    every body row room for a hand-written signature."""
    st = styles()
    head = ([_("No.")] if numbered else []) + list(header)
    body = [
        ([Paragraph(str(i), st.cell)] if numbered else [])
        + [Paragraph(escape(cell), st.cell) for cell in row]
        for i, row in enumerate(rows, start=1)
    ]
    widths = ([10 * mm] if numbered else []) + list(col_widths or [None] * len(header))
    heights = None
    if row_height is not None:
        # A minimum, not a fixed height: a long name still gets the lines it wraps to.
        heights = [None] + [
            max(row_height, 4 + max(cell.wrap(width - 12, 10_000)[1]
                                    for cell, width in zip(row, widths, strict=True)))
            for row in body]
    table = Table([[Paragraph(escape(h), st.cell_bold) for h in head], *body],
                  colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e7eb")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def signature_block(signers: Sequence[tuple[str, str]], place_date: str = "") -> Flowable:
    """Signature columns: each signer's role above a blank space and their name below, as
    printed on berita acara and decrees. `place_date` ("Bandung, 12 Oktober 2026") heads
    the last column."""
    st = styles()
    count = max(len(signers), 1)
    top = [Paragraph("", st.body) for _ in signers]
    if place_date and signers:
        top[-1] = Paragraph(escape(place_date), st.body)
    roles = [Paragraph(escape(role), st.body) for role, _name in signers]
    blank = ["" for _ in signers]
    names = [Paragraph(f"<u>{escape(name) or '&nbsp;' * 40}</u>", st.body)
             for _role, name in signers]
    width = (A4[0] - 2 * MARGIN) / count
    table = Table([top, roles, blank, names], colWidths=[width] * count,
                  rowHeights=[None, None, 18 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 4)]))
    return KeepTogether([Spacer(1, 6 * mm), table])


def paragraph(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), getattr(styles(), style))


def render_pdf(story: list[Flowable], *, title: str, wide: bool = False,
               footer_note: str = "") -> bytes:
    """Lay out the story on A4 (landscape when `wide`) with the house header and footer and
    return the PDF. The PDF's metadata title is `title`, so a viewer's tab names it."""
    register_fonts()
    pagesize = landscape(A4) if wide else A4
    printed = timezone.localtime().strftime("%d-%m-%Y %H:%M")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, 8 * mm, f"ANBK · {title}" + (f" · {footer_note}"
                                                              if footer_note else ""))
        canvas.drawRightString(pagesize[0] - MARGIN, 8 * mm,
                               _("Halaman %(page)d · dicetak %(time)s")
                               % {"page": doc.page, "time": printed})
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title,
                            author="ANBK", creator="anbk")
    doc.build(story or [Spacer(1, 1)], onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
