"""Reading import files as districts really have them: encodings, separators, spreadsheets,
title rows, and the cell values Dapodik/EMIS and Excel produce."""

import datetime
from decimal import Decimal

import pytest

from anbk.registry.importing import values as v
from anbk.registry.importing.reading import CsvSource, open_source
from anbk.registry.importing.services import import_file
from anbk.registry.models import Student
from tests.registry.import_files import STUDENT_HEADER, csv_text, student, write_xlsx


@pytest.mark.parametrize(("encoding", "sep"), [
    ("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", "\t")])
def test_it_reads_every_encoding_and_separator(world, tmp_path, encoding, sep):
    path = tmp_path / "siswa.csv"
    path.write_bytes(csv_text(STUDENT_HEADER, [student(Nama="Désirée Ñoño")], sep).encode(
        encoding))
    result = import_file(actor=world.province, kind="students", path=path)
    assert result.ok, [p.text() for p in result.errors.sorted()]
    assert Student.objects.get(nisn="0123456789").name == "Désirée Ñoño"


def test_it_detects_encoding_and_separator(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("NPSN;Nama,Sekolah\n1;Café\n".encode("cp1252"))
    source = CsvSource(path)
    assert (source.encoding, source.delimiter) == ("cp1252", ";")


def test_headers_ignore_case_spaces_and_punctuation(world, tmp_path):
    header = ["npsn", " nisn ", "NAMA", "jenis kelamin", "TEMPAT  LAHIR", "tanggal_lahir",
              "Kelas", "aktif", "rapor lengkap", "disabilitas", "Hambatan Membaca/Bahasa"]
    path = tmp_path / "s.csv"
    path.write_text(csv_text(header, [student()], ","), encoding="utf-8")
    assert import_file(actor=world.province, kind="students", path=path).ok


def test_a_quoted_cell_may_hold_the_separator_and_a_line_break(world, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(csv_text(STUDENT_HEADER, [student(Nama="Ani; \"Nia\"\nSuryani"),
                                              student(NISN="123")], ";"), encoding="utf-8")
    result = import_file(actor=world.province, kind="students", path=path)
    # A spreadsheet shows the two-line cell as one row: the bad NISN is on row 3.
    assert [p.text() for p in result.errors.sorted()] == [
        "Baris 3, kolom NISN: harus 10 digit (tertulis 3 digit)"]


def test_blank_rows_are_skipped_but_keep_their_numbers(world, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(csv_text(STUDENT_HEADER, [student(), [], [""] * 11, student(NISN="1")]),
                    encoding="utf-8")
    result = import_file(actor=world.province, kind="students", path=path)
    assert result.rows == 2
    assert [p.row for p in result.errors.sorted()] == [5]


def test_a_sheet_that_starts_lower_down_keeps_excel_row_numbers(tmp_path):
    path = write_xlsx(tmp_path, [["NPSN", "NISN"], ["20200001", "1"]], start_row=4)
    source = open_source(path)
    filled = [(r.number, r.cells[0]) for r in source.rows() if any(r.cells)]
    assert filled == [(5, "NPSN"), (6, "20200001")]
    source.close()


@pytest.mark.parametrize(("raw", "expected"), [
    ("17-08-2010", datetime.date(2010, 8, 17)), ("17/08/2010", datetime.date(2010, 8, 17)),
    ("2010-08-17", datetime.date(2010, 8, 17)), ("7-8-2010", datetime.date(2010, 8, 7)),
    ("2010-08-17 00:00:00", datetime.date(2010, 8, 17)),
    (datetime.datetime(2010, 8, 17, 0, 0), datetime.date(2010, 8, 17)),
])
def test_dates_in_every_accepted_form(raw, expected):
    assert v.date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Ya", True), ("ya", True), ("Y", True), (1.0, True), (True, True),
    ("Tidak", False), ("T", False), ("0", False), (False, False)])
def test_yes_no(raw, expected):
    assert v.yes_no(raw) is expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("32", "32"), ("32.04", "32.04"), ("3204", "32.04"), (32.1, "32.10"), (32, "32"),
    (" 32.73 ", "32.73")])
def test_region_codes_survive_spreadsheets(raw, expected):
    assert v.region_code(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (123456789, "0123456789"), (123456789.0, "0123456789"), ("0123456789", "0123456789"),
    ("01234 56789", "0123456789")])
def test_a_nisn_typed_as_a_number_gets_its_leading_zero_back(raw, expected):
    assert v.nisn(raw) == expected


def test_a_nisn_typed_as_text_is_never_padded():
    with pytest.raises(v.Invalid, match="harus 10 digit"):
        v.nisn("123456789")


@pytest.mark.parametrize(("raw", "expected"), [
    ("-6,914744", Decimal("-6.914744")), ("-6.914744", Decimal("-6.914744")),
    (-6.5, Decimal("-6.500000")), ("107", Decimal("107.000000"))])
def test_coordinates_take_a_decimal_comma(raw, expected):
    assert v.coordinate(180)(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("5", 5), (5.0, 5), ("Kelas 5", 5), ("V", 5), ("XII", 12), ("kelas XIII", 13)])
def test_grades_as_schools_write_them(raw, expected):
    assert v.grade(raw) == expected
