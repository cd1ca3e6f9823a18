"""XLSX reading alone: python-calamine vs openpyxl read-only vs the import's own reader.

    .venv/bin/python benchmarks/bench_xlsx_read.py FILE.xlsx [FILE.xlsx ...]
    .venv/bin/python benchmarks/bench_xlsx_read.py --shared-strings SOURCE.xlsx OUT.xlsx

Each reader reads every row of the first sheet (values only) in a fresh subprocess, so its
peak RSS (getrusage high-water mark) is its own (Linux carries the forking parent's mark into
the child, but this parent stays far below any reader's figure).

`anbk synth` writes XLSX with inline strings (xlsxwriter's constant_memory mode); Excel and
LibreOffice save text in a shared strings table instead, which every reader holds in memory.
--shared-strings rewrites a file that way, to measure the case districts actually upload.
The decision these figures support is docs/decisions/0005-xlsx-streaming.md.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = sum(1 for _ in book.get_sheet_by_index(0).iter_rows())
    book.close()
    return rows


def _read_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    rows = sum(1 for _ in sheet.iter_rows(values_only=True))
    book.close()
    return rows


def _read_anbk(path: Path) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    import django

    django.setup()
    from anbk.registry.importing.reading import open_source

    source = open_source(path)
    try:
        return sum(1 for _ in source.rows())
    finally:
        source.close()


READERS = {"calamine": _read_calamine, "openpyxl": _read_openpyxl, "anbk": _read_anbk}


def child(reader: str, path: Path) -> None:
    started = time.perf_counter()
    rows = READERS[reader](path)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({"reader": reader, "file": str(path), "rows": rows,
                      "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)}))


def with_shared_strings(source: Path, target: Path) -> None:
    """Copy the first sheet of source, writing text through a shared strings table."""
    import datetime

    import xlsxwriter
    from python_calamine import CalamineWorkbook

    book = xlsxwriter.Workbook(str(target))  # not constant_memory: that forces inline text
    sheet = book.add_worksheet("Data")
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    original = CalamineWorkbook.from_path(str(source))
    for r, cells in enumerate(original.get_sheet_by_index(0).iter_rows()):
        for c, value in enumerate(cells):
            if value == "":
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(r, c, value, dates)
            else:
                sheet.write(r, c, value)
    original.close()
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--readers", default="calamine,openpyxl,anbk")
    parser.add_argument("--shared-strings", nargs=2, type=Path, metavar=("SOURCE", "OUT"))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    if args.shared_strings:
        with_shared_strings(*args.shared_strings)
        return
    for path in args.files:
        for reader in args.readers.split(","):
            load = os.getloadavg()[0]
            proc = subprocess.run([sys.executable, __file__, "--child", reader, str(path)],
                                  capture_output=True, text=True)
            if proc.returncode:
                sys.exit(proc.stdout + proc.stderr)
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            result["loadavg_before"] = round(load, 2)
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
