"""Login cards (J-5, J-7): what a participant and the supervisor read on them."""

import io
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.graphics.barcode import qrencoder

from anbk.documents import cards
from anbk.documents.cards import PER_PAGE, render_login_cards, render_survey_cards
from anbk.documents.qr import qr_matrix
from tests.documents.factories import NAMES, card_row, flat, survey_row
from tests.pdftext import pdf_pages, pdf_text


def _render(rows, renderer=render_login_cards) -> tuple[bytes, int]:
    out = io.BytesIO()
    pages = renderer(iter(rows), out, year=2026, footer_note="SD Negeri 1 Soreang")
    return out.getvalue(), pages


def test_it_prints_every_field_a_participant_needs():
    # rule J-5 (login cards) and D-1: the identity checked at the client and the login
    data, pages = _render([card_row(i) for i in range(4)])
    text = pdf_text(data)
    assert pages == 1
    for i in range(4):
        row = card_row(i)
        for value in (row.nisn, row.an_number, row.username, row.password, row.seat):
            assert value in text
    assert "SD Negeri 1 Soreang" in text and "Lab Komputer 1 (ID proktor 2604010001)" in text
    assert "Senin, 6-9-2021 · Sesi 1 · 07.30–09.40" in text
    assert "Selasa, 7-9-2021" in text
    assert "KARTU LOGIN PESERTA ANBK" in text and "2026" in text


def test_it_prints_names_with_diacritics_and_markup_characters():
    # rule J-5: DejaVu prints names as written
    data, _pages = _render([card_row(i) for i in range(3)])
    text = flat(pdf_text(data))
    assert flat("Ñoño Çağlar Ōtsuka Đặng Thị Hương") in text
    assert flat("Budi <Santoso> & Putra") in text


def test_it_puts_eight_cards_on_a_page():
    # rule J-5: 8 cards per A4 page; the ninth starts a new page
    data, pages = _render([card_row(i) for i in range(PER_PAGE + 1)])
    texts = pdf_pages(data)
    assert pages == len(texts) == 2
    assert sum(t.count("KARTU LOGIN PESERTA ANBK") for t in texts) == PER_PAGE + 1
    assert texts[0].count("Username") == PER_PAGE
    assert card_row(PER_PAGE).username in texts[1]
    assert "Halaman 2" in texts[1]


def test_an_empty_list_is_still_a_valid_pdf():
    data, pages = _render([])
    assert pages == 1 and len(PdfReader(io.BytesIO(data)).pages) == 1


def test_a_very_long_name_keeps_every_letter():
    # rule D-1: the card's name is compared with the screen; nothing may be cut off
    name = " ".join(["Wijayakusumaningrat"] * 7) + " Ñ"
    data, _pages = _render([card_row(1, name=name, school="Sekolah " * 25)])
    assert flat(name) in flat(pdf_text(data))


def test_it_prints_teacher_and_principal_survey_cards():
    # rule J-7: teachers and principals log in to the SLB with their own cards
    data, pages = _render([survey_row(i) for i in range(9)], render_survey_cards)
    text = flat(pdf_text(data))
    assert pages == 2
    for value in ("Drs. Ëndang Sukaésih 3", "Kepala Satuan Pendidikan",
                  "NUPTK 0000000000000003", "g2600000003", "6–9 September 2021",
                  "KARTU LOGIN SURVEI LINGKUNGAN BELAJAR"):
        assert flat(value) in text


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
               max_size=120))
def test_qr_modules_equal_reportlabs_encoder(text):
    # rule J-5 (QR code of the username): the fast path draws the very code ReportLab makes
    fast = qr_matrix(text)
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    assert fast.size == code.getModuleCount()
    assert all(fast.dark(r, c) == code.modules[r][c]
               for r in range(fast.size) for c in range(fast.size))


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
               min_size=1, max_size=160),
       st.floats(min_value=20, max_value=200))
def test_fitting_text_keeps_every_character_inside_the_width(text, width):
    out = io.BytesIO()
    ink = cards._Ink(cards.Canvas(out))
    cards.register_fonts()
    size, lines = ink.fit(cards.FONT_CONDENSED_BOLD, 9, width, text, 2)
    assert len(lines) <= 2
    assert flat("".join(lines)) == flat(text)
    assert size <= 9


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="needs poppler-utils and zbar-tools")
def test_a_scanner_reads_the_usernames_from_the_printed_page(tmp_path):
    data, _pages = _render([card_row(i) for i in range(PER_PAGE)])
    (tmp_path / "cards.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1",
                    tmp_path / "cards.pdf", tmp_path / "page"], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", tmp_path / "page-1.png"],
                           capture_output=True, text=True).stdout.split()
    assert sorted(found) == sorted(card_row(i).username for i in range(PER_PAGE))
    assert NAMES  # the rows above cycle through every test name
