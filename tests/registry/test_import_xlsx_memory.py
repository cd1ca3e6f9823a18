"""XLSX streams (issue 2: "Large files stream, memory stays flat"): openpyxl's read-only mode
reads the sheet as it goes, where python-calamine held all of it; XLS and ODS still go
through calamine. The streaming reader must hand the parsers the same cells calamine did."""

import datetime
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from anbk.registry.importing.reading import SheetSource, UnreadableFile, XlsxSource, open_source
from anbk.registry.importing.services import import_file
from anbk.registry.models import Student
from tests.registry.import_files import STUDENT_HEADER, snapshot, student, write_xlsx

ROWS = 50_000
# Peak RSS growth while one reader reads the 50,000-row file, in a fresh process. Measured:
# openpyxl streaming 8.5 MB (the shared strings table, here 50,000 distinct NISN, and an
# emptied element per row), calamine 41 MB (about 820 bytes a row, all held until the end).
MAX_GROWTH_MB = 24

# Runs in a fresh interpreter: its high-water mark is this reader's alone. The libraries are
# imported before the first measurement, so only reading counts. VmHWM rather than
# getrusage's ru_maxrss, which Linux carries over from the forking parent (this test run).
_MEASURE = """
import json, sys
from pathlib import Path
import openpyxl, python_calamine
from anbk.registry.importing import reading

def status_kib(field):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))

before = status_kib("VmRSS")
source = getattr(reading, sys.argv[1])(Path(sys.argv[2]))
rows = sum(1 for _ in source.rows())
source.close()
print(json.dumps({"rows": rows, "growth_mb": (status_kib("VmHWM") - before) / 1024}))
"""


def _student_sheet(path: Path, rows: int) -> Path:
    """A student export as Excel saves one: text in the shared strings table, dates as date
    cells, the grade as a number."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, STUDENT_HEADER)
    names = ("Ani Suryani", "Budi Santoso", "Citra Lestari", "Dewi Anggraini")
    for r in range(1, rows + 1):
        sheet.write_row(r, 0, ["20200001", f"{r:010d}", names[r % 4], "P", "Bandung"])
        sheet.write_datetime(r, 5, datetime.date(2013, 8, 17), dates)
        sheet.write_row(r, 6, [5, "Ya", "Ya", "Tidak", "Tidak"])
    book.close()
    return path


def _growth(reader: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _MEASURE, reader, str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_large_xlsx_is_read_in_flat_memory(tmp_path):
    # Peak RSS, not tracemalloc: calamine's sheet lives in Rust memory, which tracemalloc
    # never sees (it traced 0.04 MB while RSS grew 41 MB), so only RSS tells the two apart.
    path = _student_sheet(tmp_path / "siswa.xlsx", ROWS)
    assert isinstance(open_source(path), XlsxSource)
    streamed = _growth("XlsxSource", path)
    assert streamed["rows"] == ROWS + 1
    assert streamed["growth_mb"] < MAX_GROWTH_MB, streamed
    # The bound means something: the reader this one replaced goes over it.
    held = _growth("SheetSource", path)
    assert held["rows"] == ROWS + 1
    assert held["growth_mb"] > MAX_GROWTH_MB, held


def _rows(source) -> list[list]:
    """Every row, without the empty cells at its end (calamine pads rows to the sheet's
    width, openpyxl stops at the row's last cell)."""
    found = []
    for row in source.rows():
        cells = list(row.cells)
        while cells and cells[-1] == "":
            cells.pop()
        found.append((row.number, cells))
    source.close()
    return found


def test_the_streaming_reader_gives_the_cells_calamine_gave(tmp_path):
    path = tmp_path / "jenis.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    book.add_worksheet("Lain").write(0, 0, "sheet kedua tidak dibaca")
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    stamps = book.add_format({"num_format": "dd-mm-yyyy hh:mm"})
    sheet.write(0, 0, "Daftar Peserta Didik")  # a title row, then a gap, then the header
    sheet.write_row(2, 0, ["NISN", "NIK", "Lintang", "Tanggal", "Waktu", "Aktif", "Jumlah",
                           "Nama"])
    sheet.write_number(3, 0, 123456789)  # lost its leading zero
    sheet.write_number(3, 1, 3204014505780001)  # a NIK typed as a number
    sheet.write_number(3, 2, -6.914744)
    sheet.write_datetime(3, 3, datetime.date(2013, 8, 17), dates)
    sheet.write_datetime(3, 4, datetime.datetime(2013, 8, 17, 10, 30), stamps)
    sheet.write_boolean(3, 5, True)
    sheet.write_formula(3, 6, "=A4+1", None, 123456790)  # the cached result is read
    sheet.write_string(3, 7, "  Ani  Suryani ")
    sheet.write_string(5, 2, "x")  # a row further down, after an empty one
    book.close()

    streamed, held = _rows(XlsxSource(path)), _rows(SheetSource(path))
    assert streamed == held
    assert streamed[3] == (4, [123456789.0, 3204014505780001.0, -6.914744,
                               datetime.date(2013, 8, 17), datetime.datetime(2013, 8, 17, 10, 30),
                               True, 123456790.0, "  Ani  Suryani "])
    assert streamed[5] == (6, ["", "", "x"])


def _rewrite_sheet(path: Path, change) -> Path:
    """A copy of the workbook whose first sheet's XML went through change(bytes)."""
    target = path.with_name(f"ubah-{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            copy.writestr(item, data)
    return target


def test_a_wrong_dimension_in_the_file_does_not_cut_rows_off(world, tmp_path):
    # Some exporters write <dimension ref="A1"/> whatever the sheet holds.
    path = write_xlsx(tmp_path, [STUDENT_HEADER, student(), student(NISN="0123456780")])
    path = _rewrite_sheet(path, lambda xml: xml.replace(b'<dimension ref="A1:K3"/>',
                                                        b'<dimension ref="A1"/>'))
    result = import_file(actor=world.province, kind="students", path=path)
    assert result.ok, [p.text() for p in result.errors.sorted()]
    assert result.counts["created"] == 2


def test_a_sheet_damaged_halfway_is_reported_and_changes_nothing(world, tmp_path):
    path = _student_sheet(tmp_path / "siswa.xlsx", 300)
    path = _rewrite_sheet(path, lambda xml: xml[: len(xml) // 2])  # cut off mid-row
    before = snapshot()
    result = import_file(actor=world.province, kind="students", path=path)
    assert not result.written
    assert result.errors.fatal or result.errors
    assert any(p.text().startswith("Berkas lembar kerja tidak dapat dibaca")
               for p in result.errors.sorted())
    assert snapshot() == before


def test_a_workbook_without_a_worksheet_is_refused(tmp_path):
    path = write_xlsx(tmp_path, [["NPSN"]])
    # Remove the sheet from the workbook's list: openpyxl finds no worksheet.
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'<sheet name="Data" sheetId="1" r:id="rId1"/>', b"")
    with zipfile.ZipFile(path, "w") as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    with pytest.raises(UnreadableFile, match="tidak berisi sheet"):
        open_source(path)


_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content office:version="1.2"
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet><table:table table:name="Data">{rows}</table:table>
</office:spreadsheet></office:body></office:document-content>"""
_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest manifest:version="1.2"
 xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
<manifest:file-entry manifest:full-path="/"
 manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def _ods_cell(value) -> str:
    if isinstance(value, datetime.date):
        return (f'<table:table-cell office:value-type="date" '
                f'office:date-value="{value.isoformat()}"/>')
    if isinstance(value, int):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>")


def write_ods(path: Path, rows: list[list]) -> Path:
    """A LibreOffice Calc file, as small as the format allows."""
    body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) +
                   "</table:table-row>" for row in rows)
    with zipfile.ZipFile(path, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                     compress_type=zipfile.ZIP_STORED)
        ods.writestr("content.xml", _ODS_CONTENT.format(rows=body))
        ods.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
    return path


def test_an_ods_file_is_still_read_through_calamine(world, tmp_path):
    row = student()
    row[1], row[5], row[6] = 123456789, datetime.date(2013, 8, 17), 5  # NISN, date, grade
    path = write_ods(tmp_path / "siswa.ods", [STUDENT_HEADER, row])
    assert isinstance(open_source(path), SheetSource)
    result = import_file(actor=world.province, kind="students", path=path)
    assert result.ok, [p.text() for p in result.errors.sorted()]
    ani = Student.objects.get(nisn="0123456789")
    assert (ani.birth_date, ani.grade) == (datetime.date(2013, 8, 17), 5)
