"""Login cards (J-5, J-7): 8 per A4 page, cut along the dashed lines.

A participant's card carries what the supervisor checks at the door and what the participant
types at the client (D-1): name, NISN, AN number, school, the two test days with session
times, room (proctor server) and seat, username and password, and a QR code of the username.
Teachers and principals get their own card for the SLB (J-7): no session or seat, their
school's four days instead, on any device.

Speed (docs/decisions/0018-login-card-rendering.md, benchmarks/bench_cards.py): a national
run prints hundreds of thousands of cards, and without ReportLab's C accelerator each
`drawString` costs ~90 µs. So cards are not laid out with Platypus nor drawn with
`drawString`: every field has a fixed place, the parts that are the same on every card of a
cell (band, labels, the credential box) are written once per document and reused, and the
values are written as PDF text operators by `_Ink` (ASCII text is passed through; other
letters go through the font's own subsetting). Only the two condensed DejaVu faces are used:
each embedded font costs time and ~40 kB in every school's file.

Memory: ReportLab keeps every page until `save()`. Each finished page's stream is compressed
at once (`_compress_last_page`), so a page costs ~3 kB while the document grows instead of
~20 kB. Renderers take any iterable of rows and write to a file object, so a batch never
holds its rows in a list.
"""

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from anbk.documents.pdf import FONT_CONDENSED, FONT_CONDENSED_BOLD, register_fonts
from anbk.documents.qr import pdf_image_mask, qr_matrix

COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 10 * mm, 10 * mm, 14 * mm
CARD_W = (A4[0] - 2 * SIDE_MARGIN) / COLUMNS
CARD_H = (A4[1] - TOP_MARGIN - BOTTOM_MARGIN) / ROWS
PAD = 3.5 * mm
INNER_W = CARD_W - 2 * PAD
BAND_H = 6.5 * mm
QR_SIDE = 24 * mm
LABEL_W = 17 * mm
BOX_H = 11 * mm
BESIDE_QR = INNER_W - QR_SIDE - 1 * mm - LABEL_W  # width of a value left of the QR code
FULL = INNER_W - LABEL_W  # width of a value below the QR code
MIN_SIZE = 5.0


@dataclass(frozen=True)
class CardRow:
    """A participant's card. `days`: one line per test day (J-1: two), e.g. "Senin,
    6-9-2021 · Sesi 1 · 07.30–09.40". `room`: room and proctor server."""

    name: str
    nisn: str
    an_number: str
    school: str
    username: str
    password: str
    days: tuple[str, ...]
    room: str
    seat: str


@dataclass(frozen=True)
class SurveyCardRow:
    """A teacher's or principal's SLB card (J-7)."""

    name: str
    role: str  # "Pendidik", "Kepala Satuan Pendidikan"
    id_label: str  # "NUPTK"; empty id_value prints no line
    id_value: str
    school: str
    username: str
    password: str
    window: str  # the school's 4 assessment days, e.g. "6–9 September 2021"


_ASCII = frozenset(chr(c) for c in range(32, 127))
_ESCAPE_TEXT = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})
_ESCAPE_BYTE = [chr(b).translate(_ESCAPE_TEXT) if 32 <= b < 127 else f"\\{b:03o}"
                for b in range(256)]


class _Ink:
    """Text and rules written as PDF operators into a canvas's page stream.

    Printable ASCII keeps its own code in ReportLab's first subset of a TrueType font
    (`ttfAsciiReadable`), so such text goes in as it is, escaped; other text is split into
    subsets by the font itself, which also records the glyphs to embed."""

    CACHED = 4096  # other-than-ASCII texts kept encoded (day lines repeat on every card)

    def __init__(self, canvas: Canvas):
        self.doc = canvas._doc
        self._fonts: dict[str, tuple] = {}
        self._encoded: dict[tuple[str, float, str], str] = {}

    def _font(self, name: str) -> tuple:
        known = self._fonts.get(name)
        if known is None:
            font = pdfmetrics.getFont(name)
            known = self._fonts[name] = (font, font.getSubsetInternalName(0, self.doc),
                                         font.face.charWidths.get, font.face.defaultWidth)
        return known

    def width(self, font: str, text: str, size: float) -> float:
        _font, _name, width_of, default = self._font(font)
        return 0.001 * size * sum(width_of(code, default) for code in map(ord, text))

    def text(self, font: str, size: float, x: float, y: float, text: str) -> str:
        """Operators (inside BT … ET) showing `text` with its baseline starting at (x, y)."""
        face, first, _width, _default = self._font(font)
        place = f"1 0 0 1 {x:.2f} {y:.2f} Tm"
        if _ASCII.issuperset(text):
            return f"{first} {size:g} Tf {place} ({text.translate(_ESCAPE_TEXT)}) Tj"
        key = (font, size, text)
        shown = self._encoded.get(key)
        if shown is None:
            if len(self._encoded) >= self.CACHED:
                self._encoded.clear()
            shown = self._encoded[key] = " ".join(
                f"{face.getSubsetInternalName(subset, self.doc)} {size:g} Tf "
                f"({''.join(_ESCAPE_BYTE[b] for b in codes)}) Tj"
                for subset, codes in face.splitString(text, self.doc))
        return f"{place} {shown}"

    def right(self, font: str, size: float, x: float, y: float, text: str) -> str:
        return self.text(font, size, x - self.width(font, text, size), y, text)

    def fit(self, font: str, size: float, width: float, text: str,
            max_lines: int) -> tuple[float, list[str]]:
        """The largest size, from `size` down to MIN_SIZE, at which `text` wraps into at
        most `max_lines` lines of `width`. Never drops a character: the name on a card is
        checked against the screen (D-1). Beyond MIN_SIZE the size shrinks further, so
        even a name of 150 letters stays inside its lines."""
        current = size
        while True:
            lines = self._wrap(font, current, width, text)
            if len(lines) <= max_lines:
                return current, lines
            if current <= MIN_SIZE:
                break
            current = max(MIN_SIZE, current - 0.5)
        whole = self.width(font, text, current)
        current = current * min(1.0, 0.9 * max_lines * width / whole)
        lines = self._wrap(font, current, width, text, split_words=True)
        return current, lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]

    def _wrap(self, font: str, size: float, width: float, text: str,
              split_words: bool = False) -> list[str]:
        if self.width(font, text, size) <= width:
            return [text]
        lines: list[str] = []
        line = ""
        for word in text.split():
            candidate = f"{line} {word}" if line else word
            if self.width(font, candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while split_words and self.width(font, line, size) > width:
                cut = len(line) - 1
                while cut > 1 and self.width(font, line[:cut], size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        if line:
            lines.append(line)
        return lines


# Baselines, measured down from the top of a card's inner area.
_Y_FIRST = BAND_H + 4.3 * mm
_STEP = 3.5 * mm
_Y_BELOW_QR = BAND_H + 1.5 * mm + QR_SIDE + 4 * mm


@dataclass(frozen=True)
class _Layout:
    """A card kind: its heading, the labels of its lines, and how a row fills them."""

    heading: str
    beside: tuple[str, ...]  # labels of the lines left of the QR code (name first, 2 lines)
    below: tuple[str, ...]  # labels of the full-width lines below it
    values: Callable  # row -> (beside values, below values) in the same order


class _CardWriter:
    """The page grid and the card content of one document."""

    def __init__(self, out: BinaryIO, layout: _Layout, *, title: str, year: int,
                 footer_note: str):
        register_fonts()
        self.canvas = Canvas(out, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("ANBK")
        self.canvas.setCreator("anbk")
        self.ink = _Ink(self.canvas)
        self.layout = layout
        self.year = str(year)
        self.footer = f"ANBK · {title}" + (f" · {footer_note}" if footer_note else "")
        self.printed = timezone.localtime().strftime("%d-%m-%Y %H:%M")
        self.frames: dict[int, str] = {}
        self.on_page = 0
        self.pages = 0

    def add(self, row) -> None:
        if self.on_page == PER_PAGE:
            self._finish_page()
        cell = self.on_page
        self.on_page += 1
        x0 = SIDE_MARGIN + (cell % COLUMNS) * CARD_W + PAD
        top = A4[1] - TOP_MARGIN - (cell // COLUMNS) * CARD_H - PAD
        frame = self.frames.get(cell)
        if frame is None:
            frame = self.frames[cell] = self._frame(x0, top)
        self.canvas.addLiteral(frame)
        self.canvas.addLiteral(self._values(x0, top, row))

    def _frame(self, x: float, top: float) -> str:
        """What every card in this cell shares: band, heading, labels, credential box."""
        ink, layout = self.ink, self.layout
        bottom = top - CARD_H + 2 * PAD
        ops = [f"q 0.89 g {x:.2f} {top - BAND_H:.2f} {INNER_W:.2f} {BAND_H:.2f} re f Q",
               f"q 0 G 0.8 w [] 0 d {x:.2f} {bottom:.2f} {INNER_W:.2f} {BOX_H:.2f} re "
               f"{x + INNER_W / 2:.2f} {bottom:.2f} m {x + INNER_W / 2:.2f} "
               f"{bottom + BOX_H:.2f} l S Q", "BT 0 g",
               ink.text(FONT_CONDENSED_BOLD, 9, x + 1.5 * mm, top - BAND_H + 2.1 * mm,
                         layout.heading),
               ink.right(FONT_CONDENSED, 7.5, x + INNER_W - 1.5 * mm, top - BAND_H + 2.2 * mm,
                         self.year)]
        lines = [(label, top - _Y_FIRST - (i + (1 if i else 0)) * _STEP)
                 for i, label in enumerate(layout.beside)]
        lines += [(label, top - _Y_BELOW_QR - i * _STEP) for i, label in enumerate(layout.below)]
        for label, y in lines:
            if label:
                ops.append(ink.text(FONT_CONDENSED, 7, x, y, label))
                ops.append(ink.text(FONT_CONDENSED, 7, x + LABEL_W - 2 * mm, y, ":"))
        for offset, caption in ((0, _("Username")), (INNER_W / 2, _("Password"))):
            ops.append(ink.text(FONT_CONDENSED, 6.5, x + offset + 1.5 * mm,
                                bottom + BOX_H - 3 * mm, caption))
        ops.append("ET")
        return "\n".join(ops)

    def _values(self, x: float, top: float, row) -> str:
        ink = self.ink
        beside, below = self.layout.values(row)
        value_x = x + LABEL_W
        ops = [pdf_image_mask(qr_matrix(row.username), x + INNER_W - QR_SIDE,
                              top - BAND_H - 1.5 * mm - QR_SIDE, QR_SIDE), "BT 0 g"]
        # The name has two lines; the rest one each, the school's two at the end.
        y = top - _Y_FIRST
        size, lines = ink.fit(FONT_CONDENSED_BOLD, 9, BESIDE_QR, beside[0], 2)
        ops += [ink.text(FONT_CONDENSED_BOLD, size, value_x, y - i * (size + 1.2), line)
                for i, line in enumerate(lines)]
        y -= 2 * _STEP
        for value in beside[1:-1]:
            ops.append(ink.text(FONT_CONDENSED, 8, value_x, y, value))
            y -= _STEP
        size, lines = ink.fit(FONT_CONDENSED, 7.5, BESIDE_QR, beside[-1], 2)
        ops += [ink.text(FONT_CONDENSED, size, value_x, y - i * (size + 1.0), line)
                for i, line in enumerate(lines)]
        y = top - _Y_BELOW_QR
        for index, value in enumerate(below):
            font = FONT_CONDENSED_BOLD if index == len(below) - 1 else FONT_CONDENSED
            size, lines = ink.fit(font, 7.5, FULL, value, 1)
            ops.append(ink.text(font, size, value_x, y, lines[0]))
            y -= _STEP
        bottom = top - CARD_H + 2 * PAD
        for offset, value in ((0, row.username), (INNER_W / 2, row.password)):
            size, lines = ink.fit(FONT_CONDENSED_BOLD, 12, INNER_W / 2 - 3 * mm, value, 1)
            ops.append(ink.text(FONT_CONDENSED_BOLD, size, x + offset + 1.5 * mm, bottom + 2.2 * mm,
                                lines[0]))
        ops.append("ET")
        return "\n".join(ops)

    def _finish_page(self) -> None:
        c = self.canvas
        self.pages += 1
        c.setLineWidth(0.4)
        c.setDash(3, 2)
        c.setStrokeGray(0.45)
        top, left, right = A4[1] - TOP_MARGIN, SIDE_MARGIN, A4[0] - SIDE_MARGIN
        used_rows = (self.on_page + COLUMNS - 1) // COLUMNS
        bottom = top - used_rows * CARD_H
        for row in range(used_rows + 1):
            c.line(left, top - row * CARD_H, right, top - row * CARD_H)
        for column in range(COLUMNS + 1):
            c.line(left + column * CARD_W, top, left + column * CARD_W, bottom)
        c.setFillGray(0)
        c.setFont(FONT_CONDENSED, 7.5)
        c.drawString(SIDE_MARGIN, 7 * mm, self.footer)
        c.drawRightString(right, 7 * mm, _("Halaman %(page)d · dicetak %(time)s")
                          % {"page": self.pages, "time": self.printed})
        c.showPage()
        self._compress_last_page()
        self.on_page = 0

    def _compress_last_page(self) -> None:
        """Replace the finished page's text stream by its Flate-compressed bytes, marked
        as filtered so ReportLab writes it as it is at save()."""
        page = self.canvas._doc.Pages.pages[-1]
        stream = pdfdoc.PDFStream(content=zlib.compress(page.stream.encode("utf-8")))
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        page.Contents = stream
        page.stream = None

    def close(self) -> int:
        if self.on_page or not self.pages:
            self._finish_page()
        self.canvas.save()
        return self.pages


def _participant_layout() -> _Layout:
    def values(row: CardRow):
        days = (list(row.days) + ["", ""])[:2]
        return ((row.name, row.nisn, row.an_number, row.school),
                (*days, f"{row.room} · {_('Kursi')} {row.seat}"))

    return _Layout(_("KARTU LOGIN PESERTA ANBK"),
                   (_("Nama"), _("NISN"), _("No. Peserta"), _("Sekolah")),
                   (_("Hari 1"), _("Hari 2"), _("Ruang")), values)


def _survey_layout() -> _Layout:
    def values(row: SurveyCardRow):
        identity = f"{row.id_label} {row.id_value}" if row.id_value else ""
        return ((row.name, row.role, identity, row.school),
                (row.window, _("komputer, laptop atau gawai; diisi sendiri"), ""))

    return _Layout(_("KARTU LOGIN SURVEI LINGKUNGAN BELAJAR"),
                   (_("Nama"), _("Peran"), _("Identitas"), _("Sekolah")),
                   (_("Waktu"), _("Perangkat"), ""), values)


def _render(rows: Iterable, out: BinaryIO, layout: _Layout, **options) -> int:
    writer = _CardWriter(out, layout, **options)
    for row in rows:
        writer.add(row)
    return writer.close()


def render_login_cards(rows: Iterable[CardRow], out: BinaryIO, *, year: int,
                       footer_note: str = "") -> int:
    """Write the participants' cards as a PDF to `out`; returns the page count."""
    return _render(rows, out, _participant_layout(), title=_("Kartu Login Peserta"),
                   year=year, footer_note=footer_note)


def render_survey_cards(rows: Iterable[SurveyCardRow], out: BinaryIO, *, year: int,
                        footer_note: str = "") -> int:
    """Write the SLB cards of teachers and principals (J-7); returns the page count."""
    return _render(rows, out, _survey_layout(),
                   title=_("Kartu Login Survei Lingkungan Belajar"), year=year,
                   footer_note=footer_note)
