"""The import pipeline: validate every row, then write all of them in one transaction.

Pass 1 reads the file once, parses and checks every row (in batches, so database look-ups
are set-based) and spills the parsed records to a temporary file; memory holds only the keys
needed to find duplicates. Nothing is written in pass 1, so a bad file changes nothing.
Pass 2 reads the spilled records back and writes them in one transaction with bulk
statements. Validation runs outside that transaction on purpose: on SQLite the transaction
holds the database's only write lock, and checking a large file takes longer than writing it.
What another writer could change in between is re-checked while writing (Conflict).
"""

import hashlib
import pickle
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.registry.importing.base import Conflict, Importer, Record, RowReader
from anbk.registry.importing.columns import find_header
from anbk.registry.importing.errors import ErrorLog
from anbk.registry.importing.reading import UnreadableFile, open_source

BATCH = 2000
_PROGRESS_EVERY = 0.5  # seconds between progress reports

ProgressFn = Callable[[str, float, int], None]  # phase ("validate"/"write"), fraction, rows


@dataclass
class ImportResult:
    kind: str
    file_name: str
    rows: int = 0  # non-blank data rows in the file
    counts: Counter = field(default_factory=Counter)  # created / updated / unchanged / skipped
    errors: ErrorLog = field(default_factory=ErrorLog)
    written: bool = False
    valid_only: bool = False
    sha256: str = ""

    @property
    def valid_rows(self) -> int:
        """Rows that passed every check (none when the file as a whole is unusable)."""
        return 0 if self.errors.fatal else self.rows - len(self.errors.bad_rows)

    @property
    def ok(self) -> bool:
        return self.written and not self.errors

    def summary(self) -> dict:
        return {"kind": self.kind, "file": self.file_name, "sha256": self.sha256,
                "rows": self.rows, "valid_only": self.valid_only, "errors": self.errors.count,
                **{k: self.counts.get(k, 0) for k in ("created", "updated", "unchanged",
                                                       "skipped", "deactivated")}}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _Throttle:
    def __init__(self, progress: ProgressFn | None):
        self.progress, self.last = progress, 0.0

    def __call__(self, phase: str, fraction: float | Callable[[], float], rows: int,
                 force: bool = False) -> None:
        """`fraction` may be a function, asked only when a report is due: asking a file
        for its position on every row costs more than the report itself."""
        now = time.monotonic()
        if self.progress and (force or now - self.last >= _PROGRESS_EVERY):
            self.last = now
            self.progress(phase, fraction() if callable(fraction) else fraction, rows)


def _validate(importer: Importer, path: Path, result: ImportResult, spill, report) -> int:
    """Pass 1. Returns the number of records spilled."""
    errors = result.errors
    source = open_source(path)
    spilled = 0
    try:
        rows = source.rows()
        header = find_header(rows, importer.columns)
        if header is None:
            errors.file_error(_("Berkas kosong: tidak ada baris judul kolom maupun data."))
            return 0
        importer.header = header
        for column in header.missing:
            errors.add(header.row_number, column.label,
                       _("kolom wajib ini tidak ada di baris judul"))
        for written in header.duplicated:
            errors.add(header.row_number, written, _("kolom ini muncul lebih dari sekali"))
        if errors:
            errors.fatal = True
            return 0
        batch: list[Record] = []

        def check_and_spill() -> None:
            nonlocal spilled
            importer.check(batch)
            good = [r for r in batch if r.row not in errors.bad_rows]
            pickle.dump(good, spill, protocol=pickle.HIGHEST_PROTOCOL)
            spilled += len(good)
            batch.clear()

        for row in rows:
            if not any(c != "" and c is not None and str(c).strip() for c in row.cells):
                continue
            result.rows += 1
            reader = RowReader(row, header, errors)
            record = importer.parse(reader)
            if record is not None and reader.ok:
                batch.append(record)
            if len(batch) >= BATCH:
                check_and_spill()
            report("validate", source.progress, result.rows)
        if batch:
            check_and_spill()
        if result.rows == 0:
            errors.file_error(_("Berkas tidak berisi baris data di bawah judul kolom."))
            return 0
        importer.finish()
        return spilled
    finally:
        source.close()


def _spilled_batches(spill):
    spill.seek(0)
    while True:
        try:
            yield pickle.load(spill)
        except EOFError:
            return


def run_import(*, importer: Importer, path: Path, file_name: str = "", valid_only: bool = False,
               progress: ProgressFn | None = None, audit_obj=None,
               on_written: Callable[[ImportResult], None] | None = None) -> ImportResult:
    """Validate the whole file, then write it in one transaction (or, with valid_only, write
    the rows that passed and skip the rest). on_written runs inside that transaction, so a
    job can record its outcome atomically with the data."""
    if importer.actor is not None and not importer.actor.has_perm(importer.permission):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor data ini."))
    path = Path(path)
    result = ImportResult(kind=importer.kind, file_name=file_name or path.name,
                          errors=importer.errors, valid_only=valid_only, sha256=_sha256(path))
    report = _Throttle(progress)
    with tempfile.TemporaryFile(prefix="anbk-import-") as spill:
        try:
            spilled = _validate(importer, path, result, spill, report)
        except UnreadableFile as problem:
            result.errors.file_error(str(problem))
            return result
        report("validate", 1.0, result.rows, force=True)
        errors = result.errors
        if errors.fatal or (errors and not valid_only):
            return result
        result.counts["skipped"] = len(errors.bad_rows)
        try:
            with transaction.atomic():
                importer.prepare()
                done = 0
                for batch in _spilled_batches(spill):
                    good = [r for r in batch if r.row not in errors.bad_rows]
                    importer.write(good, result.counts)
                    done += len(batch)
                    report("write", done / max(spilled, 1), result.rows)
                importer.flush(result.counts)
                result.written = True
                audit_record(actor=importer.actor, action=f"import.{importer.kind}",
                             obj=audit_obj, summary=result.summary())
                if on_written is not None:
                    on_written(result)
        except (Conflict, IntegrityError) as problem:
            result.written = False
            result.counts.clear()
            detail = str(problem) if isinstance(problem, Conflict) else ""
            errors.file_error(
                _("Data di server berubah selama impor berjalan, jadi tidak ada yang disimpan. "
                  "Jalankan impor sekali lagi. %(detail)s") % {"detail": detail})
        report("write", 1.0, result.rows, force=True)
    return result
