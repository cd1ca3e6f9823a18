"""Column headers: each import kind names its columns with aliases; a header matches when it
is equal after dropping case, spaces and punctuation ("Kode Kabupaten/Kota" = "kode kab kota"
is not, but "KODE KABUPATEN / KOTA" is)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_HEADER_SCAN_ROWS = 20  # Dapodik exports put a title and a few notes above the header


def header_key(text) -> str:
    return re.sub(r"[\W_]+", "", str(text).replace("\ufeff", "")).casefold()


@dataclass(frozen=True)
class Column:
    key: str  # field name used by the importer
    label: str  # the documented header
    parse: Callable  # raw cell → value, or raises values.Invalid
    aliases: tuple[str, ...] = ()
    required: bool = True  # must be in the header; optional columns may be left out
    allow_blank: bool | None = None  # may a cell be empty? default: only in optional columns
    default: Any = None  # the value of an empty cell, where one is allowed

    def blank_allowed(self) -> bool:
        return not self.required if self.allow_blank is None else self.allow_blank

    def keys(self) -> set[str]:
        return {header_key(self.label), *(header_key(a) for a in self.aliases)}


@dataclass
class Header:
    row_number: int
    index: dict[str, int]  # column key → cell index
    labels: dict[str, str]  # column key → the header as written in the file
    missing: list[Column]
    duplicated: list[str]
    unknown: list[str]

    def plan(self, columns: tuple[Column, ...]) -> list[tuple[Column, int]]:
        """The columns present in the file with their cell index, worked out once a file."""
        cached = self.__dict__.get("_plan")
        if cached is None or cached[0] is not columns:
            cached = (columns, [(c, self.index[c.key]) for c in columns if c.key in self.index])
            self.__dict__["_plan"] = cached
        return cached[1]


def match_header(cells: list, columns: tuple[Column, ...], row_number: int) -> Header:
    by_key = {k: col for col in columns for k in col.keys()}
    index, labels, duplicated, unknown = {}, {}, [], []
    for position, cell in enumerate(cells):
        written = " ".join(str(cell).replace("\ufeff", "").split())
        if not written:
            continue
        column = by_key.get(header_key(written))
        if column is None:
            unknown.append(written)
        elif column.key in index:
            duplicated.append(written)
        else:
            index[column.key] = position
            labels[column.key] = written
    missing = [c for c in columns if c.required and c.key not in index]
    return Header(row_number, index, labels, missing, duplicated, unknown)


def find_header(rows, columns: tuple[Column, ...]) -> Header | None:
    """The header is the first row naming at least two known columns among the leading rows
    (Dapodik exports put a title above it); failing that, the first non-blank row, so the
    missing columns are reported against it. None for a file with no text at all. Rows are
    consumed from the iterator up to and including the header."""
    first = None
    for scanned, row in enumerate(rows, 1):
        if any(str(c).strip() for c in row.cells):
            header = match_header(row.cells, columns, row.number)
            if len(header.index) >= 2 or not header.missing:
                return header
            first = first or header
        if scanned >= _HEADER_SCAN_ROWS:
            break
    return first
