"""Reading import files: CSV (UTF-8 with or without BOM, or Windows-1252; comma, semicolon or
tab separated) and spreadsheets (first sheet of XLSX, also XLS/ODS through calamine).

CSV streams, so memory stays flat however long the file is. A spreadsheet sheet is held by
calamine in compact native form while it is read (its XML has to be unpacked anyway).
Rows are numbered as a spreadsheet shows them: the first line of the file is row 1.
"""

import codecs
import csv
import io
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


class SheetSource(Source):
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
            raise UnreadableFile(_("Berkas lembar kerja tidak dapat dibaca: %(e)s")
                                 % {"e": error}) from None
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


def open_source(path: Path) -> Source:
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic in (_ZIP_MAGIC, _OLE_MAGIC):
        return SheetSource(path)
    if b"\x00" in magic:
        raise UnreadableFile(_("Berkas bukan CSV atau XLSX (berisi data biner)."))
    return CsvSource(path)
