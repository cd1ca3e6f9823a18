"""Imports from the portal run as background jobs (django-tasks, `anbk worker`).

The upload is kept under settings.PRIVATE_ROOT. A job's fine-grained progress goes to a small
JSON file in its folder rather than to its database row: while the import writes, its one
transaction holds the row's changes back from other connections (and on SQLite holds the only
write lock), so a file is the one place the web process can see the bar move. The job's
outcome is written to its row inside the import's own transaction.
"""

import json
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.context import client_address
from anbk.registry.importing.errors import Problem
from anbk.registry.importing.kinds import kinds_for
from anbk.registry.importing.pipeline import ImportResult
from anbk.registry.importing.services import import_file
from anbk.registry.models import ImportJob, ImportStatus

log = logging.getLogger(__name__)

PROGRESS_FILE = "progress.json"
ERRORS_FILE = "errors.jsonl"
# How the two passes share the bar: checking rows is most of the work.
_PHASE_SPAN = {"validate": (0.0, 0.6), "write": (0.6, 1.0)}


def _private(relative: str) -> Path:
    return Path(settings.PRIVATE_ROOT) / relative


def _new_work_dir() -> str:
    relative = f"imports/{uuid.uuid4().hex}"
    _private(relative).mkdir(parents=True, exist_ok=True)
    return relative


def _enqueue(job: ImportJob) -> None:
    from anbk.registry.importing.tasks import run_import_job

    # After commit: the worker must find the job row when it picks the task up.
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))


@transaction.atomic
def import_job_create(*, actor, kind: str, upload) -> ImportJob:
    """Store an uploaded file and queue its import. upload: a Django UploadedFile."""
    if kind not in kinds_for(actor):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor data ini."))
    work_dir = _new_work_dir()
    upload_path = f"{work_dir}/{get_valid_filename(Path(upload.name).name) or 'berkas'}"
    with open(_private(upload_path), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job = ImportJob.objects.create(kind=kind, actor=actor, file_name=upload.name[:255],
                                   upload_path=upload_path, work_dir=work_dir, size=upload.size,
                                   client_ip=client_address.get())
    audit_record(actor=actor, action="import.upload", obj=job,
                 summary={"kind": kind, "file": job.file_name, "size": job.size})
    _enqueue(job)
    return job


@transaction.atomic
def import_job_retry_valid_only(*, actor, job: ImportJob) -> ImportJob:
    """The explicit choice after a failed check: import the same file, skipping bad rows."""
    if job.actor_id != actor.pk or job.status != ImportStatus.INVALID:
        raise PermissionDenied(_("Impor ini tidak dapat diulang."))
    if not job.valid_rows:
        raise PermissionDenied(_("Tidak ada baris yang valid untuk diimpor."))
    retry = ImportJob.objects.create(
        kind=job.kind, actor=actor, file_name=job.file_name, upload_path=job.upload_path,
        work_dir=_new_work_dir(), size=job.size, valid_only=True, retry_of=job,
        client_ip=client_address.get())
    audit_record(actor=actor, action="import.retry_valid_only", obj=retry,
                 summary={"kind": job.kind, "file": job.file_name, "retry_of": job.pk})
    _enqueue(retry)
    return retry


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued job (the task's body). A job that is not queued is left alone, so a
    task delivered twice imports once."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now())
    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    if not claimed:
        return job
    _write_progress(job, "validate", 0.0, 0)
    # The worker has no request: the audit entry carries the uploader's address.
    token = client_address.set(job.client_ip)
    try:
        return _run(job)
    finally:
        client_address.reset(token)


def _run(job: ImportJob) -> ImportJob:
    def finish_inside_transaction(result: ImportResult) -> None:
        _record_outcome(job, result, ImportStatus.DONE)

    try:
        result = import_file(
            actor=job.actor, kind=job.kind, path=_private(job.upload_path),
            file_name=job.file_name, valid_only=job.valid_only, audit_obj=job,
            progress=lambda phase, fraction, rows: _write_progress(job, phase, fraction, rows),
            on_written=finish_inside_transaction)
    except PermissionDenied as denied:
        job.message = str(denied)
        _record_outcome(job, None, ImportStatus.FAILED)
        return job
    except Exception:
        log.exception("import job %s failed", job.pk)
        job.message = _("Terjadi kesalahan di server saat mengimpor. Tidak ada data yang "
                        "disimpan; hubungi admin pusat.")
        _record_outcome(job, None, ImportStatus.FAILED)
        return job
    _write_errors(job, result)
    if not result.written:
        _record_outcome(job, result, ImportStatus.INVALID)
    return job


def _record_outcome(job: ImportJob, result: ImportResult | None, status: str) -> None:
    job.status, job.finished_at = status, timezone.now()
    if result is not None:
        job.rows, job.valid_rows = result.rows, result.valid_rows
        job.error_count = result.errors.count
        job.counts = {k: v for k, v in result.counts.items() if v}
    job.save(update_fields=["status", "finished_at", "rows", "valid_rows", "error_count",
                            "counts", "message"])


def _write_progress(job: ImportJob, phase: str, fraction: float, rows: int) -> None:
    start, end = _PHASE_SPAN[phase]
    state = {"phase": phase, "percent": round(100 * (start + (end - start) * fraction)),
             "rows": rows}
    target = _private(job.work_dir) / PROGRESS_FILE
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(state))
    os.replace(temporary, target)  # readers never see a half-written file


def job_progress(job: ImportJob) -> dict:
    if job.is_finished:
        return {"phase": "done", "percent": 100, "rows": job.rows}
    try:
        return json.loads((_private(job.work_dir) / PROGRESS_FILE).read_text())
    except (OSError, ValueError):
        return {"phase": "queued", "percent": 0, "rows": 0}


def _write_errors(job: ImportJob, result: ImportResult) -> None:
    if not result.errors:
        return
    with open(_private(job.work_dir) / ERRORS_FILE, "w", encoding="utf-8") as out:
        for problem in result.errors.sorted():
            out.write(json.dumps(problem.as_dict(), ensure_ascii=False) + "\n")


def job_errors(job: ImportJob, limit: int | None = None) -> list[Problem]:
    path = _private(job.work_dir) / ERRORS_FILE
    if not path.exists():
        return []
    found = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            found.append(Problem(**json.loads(line)))
            if limit is not None and len(found) >= limit:
                break
    return found
