"""Reading import files: CSV (UTF-8 with or without BOM, or Windows-1252; comma, semicolon or
tab separated) and spreadsheets (the first worksheet of XLSX/XLSM, also XLS/XLSB/ODS).

CSV and XLSX stream, so memory stays flat however long the file is: XLSX goes through
openpyxl's read-only mode, which parses the sheet's XML as it goes and keeps only the shared
strings table. openpyxl cannot read XLS, XLSB or ODS; python-calamine reads those, holding the
sheet in memory (XLS stops at 65,536 rows). docs/decisions/0005-xlsx-streaming.md has the
measurements behind the choice.
Rows are numbered as a spreadsheet shows them: the first line of the file is row 1. Cells
come as a spreadsheet typed them: str ("" when empty), float for every number (as the file
stores it), date or datetime, bool.
"""

import codecs
import csv
import datetime
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

_ZIP_MAGIC = b"PK\x03\x04"  # XLSX and ODS are zip files
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy XLS
_SNIFF_BYTES = 1 << 20


class UnreadableFile(Exception):
    """The file is not a CSV or spreadsheet we can read; str(error) is shown to the user."""


@dataclass
class Row:
    number: int  # as a spreadsheet shows it (first line = 1)
    cells: list


class Source:
    """An import file. Iterating yields every row, including the header and blank rows."""

    def rows(self) -> Iterator[Row]:
        raise NotImplementedError

    def progress(self) -> float:
        """Fraction of the file read so far (0..1), for the progress bar."""
        raise NotImplementedError

    def close(self) -> None:
        pass


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when every byte decodes as UTF-8, else Windows-1252."""
    with open(path, "rb") as fh:
        head = fh.read(3)
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(_SNIFF_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def detect_delimiter(first_lines: str) -> str:
    """The separator that splits the header line into the most columns, outside quotes."""
    line = first_lines.splitlines()[0] if first_lines else ""
    counts = {}
    for delimiter in (";", ",", "\t"):
        fields = next(csv.reader([line], delimiter=delimiter), [])
        counts[delimiter] = len(fields)
    return max(counts, key=lambda d: (counts[d], d == ";"))


class CsvSource(Source):
    def __init__(self, path: Path):
        self.path = path
        self.encoding = detect_encoding(path)
        self.size = max(path.stat().st_size, 1)
        self._raw = None
        with open(path, encoding=self.encoding, errors="replace", newline="") as fh:
            self.delimiter = detect_delimiter(fh.read(64 * 1024))

    def rows(self) -> Iterator[Row]:
        self._raw = open(self.path, "rb")  # noqa: SIM115 - closed below or by close()
        text = io.TextIOWrapper(self._raw, encoding=self.encoding, errors="replace", newline="")
        try:
            for number, cells in enumerate(csv.reader(text, delimiter=self.delimiter), 1):
                yield Row(number, cells)
        except csv.Error as error:
            raise UnreadableFile(_("Berkas CSV rusak: %(e)s") % {"e": error}) from None
        finally:
            text.close()

    def progress(self) -> float:
        if self._raw is None or self._raw.closed:
            return 0.0
        return min(self._raw.tell() / self.size, 1.0)


def _unreadable(error: Exception) -> UnreadableFile:
    return UnreadableFile(_("Berkas lembar kerja tidak dapat dibaca: %(e)s") % {"e": error})


def _cell(value):
    """An openpyxl value as calamine and CSV give it, so every reader feeds the parsers alike."""
    kind = value.__class__
    if kind is str or kind is float:
        return value
    if value is None:
        return ""
    if kind is int:
        # openpyxl gives int for a number written without a decimal point, but XLSX stores
        # every number as a double that Excel may have rounded (a 16-digit NIK): the NIK
        # check must see it as the number it is.
        return float(value)
    if kind is datetime.datetime and value.time() == datetime.time():
        return value.date()  # a date cell (Excel has no separate date type)
    return value


class XlsxSource(Source):
    """The first worksheet of an XLSX/XLSM file, streamed by openpyxl in read-only mode."""

    def __init__(self, path: Path):
        import openpyxl

        self.size = max(path.stat().st_size, 1)
        # openpyxl reads the sheet through this handle, so its position is the progress.
        self._raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        try:
            with warnings.catch_warnings():
                # "no default style", "extension not supported": noise about formatting that
                # an import never uses.
                warnings.simplefilter("ignore", UserWarning)
                self._book = openpyxl.load_workbook(self._raw, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged package
            self._raw.close()
            raise _unreadable(error) from None
        if not self._book.worksheets:
            self.close()
            raise UnreadableFile(_("Berkas lembar kerja tidak berisi sheet."))
        self._sheet = self._book.worksheets[0]

    def rows(self) -> Iterator[Row]:
        # Some exporters write a wrong <dimension>; without one, openpyxl reads every row.
        self._sheet.reset_dimensions()
        rows = self._sheet.iter_rows(min_row=1, values_only=True)
        try:
            # Rows missing from the XML come as empty tuples, so the position is the row
            # number Excel shows.
            for number, values in enumerate(rows, 1):
                yield Row(number, [_cell(v) for v in values])
        except Exception as error:  # damage inside the sheet (XML, zip, CRC) shows up here
            raise _unreadable(error) from None

    def progress(self) -> float:
        if self._raw.closed:
            return 0.0
        return min(self._raw.tell() / self.size, 1.0)

    def close(self) -> None:
        self._book.close()
        self._raw.close()


class SheetSource(Source):
    """XLS, XLSB and ODS through python-calamine, which holds the sheet while it is read."""

    def __init__(self, path: Path):
        from python_calamine import CalamineWorkbook

        try:
            self._book = CalamineWorkbook.from_path(str(path))
            if not self._book.sheet_names:
                raise UnreadableFile(_("Berkas lembar kerja tidak berisi sheet."))
            self._sheet = self._book.get_sheet_by_index(0)
        except UnreadableFile:
            raise
        except Exception as error:  # calamine raises its own types for every kind of damage
            raise _unreadable(error) from None
        self._height = max(self._sheet.total_height, 1)
        self._done = 0

    def rows(self) -> Iterator[Row]:
        # iter_rows starts at the sheet's first row (blank rows above the data included), so
        # the position is the row number Excel shows.
        for number, cells in enumerate(self._sheet.iter_rows(), 1):
            self._done = number
            yield Row(number, cells)

    def progress(self) -> float:
        return min(self._done / self._height, 1.0)

    def close(self) -> None:
        self._book.close()


def _is_xlsx(path: Path) -> bool:
    """An Office Open XML workbook (XLSX/XLSM), not the binary XLSB nor an ODS."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False  # calamine reports the damage
    return "[Content_Types].xml" in names and "xl/workbook.bin" not in names


def open_source(path: Path) -> Source:
    path = Path(path)
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic == _ZIP_MAGIC and _is_xlsx(path):
        return XlsxSource(path)
    if magic in (_ZIP_MAGIC, _OLE_MAGIC):
        return SheetSource(path)
    if b"\x00" in magic:
        raise UnreadableFile(_("Berkas bukan CSV atau XLSX (berisi data biner)."))
    return CsvSource(path)
