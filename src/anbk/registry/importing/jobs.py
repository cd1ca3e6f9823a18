"""Imports from the portal run as background jobs (django-tasks, `anbk worker`).

The upload is kept under settings.PRIVATE_ROOT. A job's fine-grained progress goes to a small
JSON file in its folder rather than to its database row: while the import writes, its one
transaction holds the row's changes back from other connections (and on SQLite holds the only
write lock), so a file is the one place the web process can see the bar move. The job's
outcome is written to its row inside the import's own transaction.

The progress file is also the worker's heartbeat: a thread of the worker touches it every few
seconds while the job runs. A running job whose file has gone quiet for longer than
settings.ANBK_IMPORT_STALE_SECONDS lost its worker (killed, server restarted) before its
transaction committed, so nothing was saved: it is marked stopped and may be run again. Each
run is an attempt with its own number and folder; a worker records its outcome only while its
attempt is the job's current, running one, so a late worker of an old attempt can never
overwrite a newer result (and its own writes roll back).
"""

import datetime
import json
import logging
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
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

    job_id, attempt = job.pk, job.attempt
    # After commit: the worker must find the job row when it picks the task up.
    transaction.on_commit(lambda: run_import_job.enqueue(job_id, attempt))


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
    if not job_file_kept(job):
        raise PermissionDenied(_("Berkas impor ini sudah dihapus dari server; unggah lagi."))
    retry = ImportJob.objects.create(
        kind=job.kind, actor=actor, file_name=job.file_name, upload_path=job.upload_path,
        work_dir=_new_work_dir(), size=job.size, valid_only=True, retry_of=job,
        client_ip=client_address.get())
    audit_record(actor=actor, action="import.retry_valid_only", obj=retry,
                 summary={"kind": job.kind, "file": job.file_name, "retry_of": job.pk})
    _enqueue(retry)
    return retry


def import_job_run(*, job_id: int, attempt: int = 1) -> ImportJob:
    """Run one attempt of a queued job (the task's body). A job that is not queued, or queued
    for another attempt, is left alone, so a task delivered twice imports once."""
    claimed = ImportJob.objects.filter(
        pk=job_id, attempt=attempt, status=ImportStatus.QUEUED,
    ).update(status=ImportStatus.RUNNING, started_at=timezone.now())
    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    if not claimed:
        return job
    _write_progress(job, "validate", 0.0, 0)
    # The worker has no request: the audit entry carries the uploader's address.
    token = client_address.set(job.client_ip)
    try:
        with _Heartbeat(_private(job.work_dir) / PROGRESS_FILE):
            return _run(job)
    finally:
        client_address.reset(token)


class _Superseded(Exception):
    """This attempt was declared stopped (and maybe run again) while it was still running."""


def _run(job: ImportJob) -> ImportJob:
    def finish_inside_transaction(result: ImportResult) -> None:
        # Raising here rolls the whole import back: a superseded attempt saves nothing.
        _record_outcome(job, result, ImportStatus.DONE)

    try:
        result = import_file(
            actor=job.actor, kind=job.kind, path=_private(job.upload_path),
            file_name=job.file_name, valid_only=job.valid_only, audit_obj=job,
            progress=lambda phase, fraction, rows: _write_progress(job, phase, fraction, rows),
            on_written=finish_inside_transaction)
    except _Superseded:
        return _superseded(job)
    except PermissionDenied as denied:
        job.message = str(denied)
        return _finish(job, None, ImportStatus.FAILED)
    except Exception:
        log.exception("import job %s failed", job.pk)
        job.message = _("Terjadi kesalahan di server saat mengimpor. Tidak ada data yang "
                        "disimpan; hubungi admin pusat.")
        return _finish(job, None, ImportStatus.FAILED)
    _write_errors(job, result)
    if not result.written:
        return _finish(job, result, ImportStatus.INVALID)
    return job


def _finish(job: ImportJob, result: ImportResult | None, status: str) -> ImportJob:
    try:
        _record_outcome(job, result, status)
    except _Superseded:
        return _superseded(job)
    return job


def _superseded(job: ImportJob) -> ImportJob:
    log.warning("import job %s: attempt %s ended after it was declared stopped; its outcome "
                "was discarded", job.pk, job.attempt)
    job.refresh_from_db()
    return job


def _record_outcome(job: ImportJob, result: ImportResult | None, status: str) -> None:
    """Store the attempt's outcome, only while it is the job's current, running attempt."""
    fields = {"status": status, "finished_at": timezone.now(), "message": job.message}
    if result is not None:
        fields.update(rows=result.rows, valid_rows=result.valid_rows,
                      error_count=result.errors.count,
                      counts={k: v for k, v in result.counts.items() if v})
    current = ImportJob.objects.filter(pk=job.pk, attempt=job.attempt,
                                       status=ImportStatus.RUNNING)
    if not current.update(**fields):
        raise _Superseded
    for name, value in fields.items():
        setattr(job, name, value)


class _Heartbeat:
    """Touches the progress file every few seconds from a thread of its own, so the file's
    time shows the worker is alive even while one long SQL statement runs."""

    def __init__(self, path: Path):
        self.path = path
        self.every = min(10.0, max(0.1, settings.ANBK_IMPORT_STALE_SECONDS / 4))
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="import-heartbeat", daemon=True)

    def _beat(self) -> None:
        while not self.done.wait(self.every):
            try:
                os.utime(self.path)
            except OSError:
                pass  # between two progress writes the file is briefly replaced

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()


def job_heartbeat(job: ImportJob) -> datetime.datetime | None:
    """When the job's worker last showed it was alive: the progress file's time, else the
    time it claimed the job."""
    try:
        touched = (_private(job.work_dir) / PROGRESS_FILE).stat().st_mtime
    except OSError:
        return job.started_at
    return datetime.datetime.fromtimestamp(touched, tz=datetime.UTC)


def job_is_stale(job: ImportJob, *, now: datetime.datetime | None = None) -> bool:
    """A running job whose worker has been silent for longer than the stale interval."""
    if job.status != ImportStatus.RUNNING:
        return False
    beat = job_heartbeat(job)
    if beat is None:
        return False
    silent = (now or timezone.now()) - beat
    return silent > datetime.timedelta(seconds=settings.ANBK_IMPORT_STALE_SECONDS)


def import_job_stop_stale(*, job: ImportJob) -> ImportJob:
    """Mark the job stopped if its worker is gone; returns it as stored. Idempotent, and safe
    against a worker that comes back: only the same running attempt is marked, and a worker
    that finishes first leaves nothing to mark."""
    if not job_is_stale(job):
        return job
    with transaction.atomic():
        marked = ImportJob.objects.filter(
            pk=job.pk, attempt=job.attempt, status=ImportStatus.RUNNING,
        ).update(status=ImportStatus.STOPPED, finished_at=timezone.now())
        if marked:
            beat = job_heartbeat(job)
            audit_record(actor=None, action="import.stopped", obj=job, summary={
                "kind": job.kind, "file": job.file_name, "attempt": job.attempt,
                "heartbeat": beat.isoformat() if beat else None,
                "stale_seconds": settings.ANBK_IMPORT_STALE_SECONDS})
    job.refresh_from_db()
    return job


def import_jobs_stop_stale(*, jobs) -> None:
    """import_job_stop_stale for each running job of a list (a page of the history)."""
    for job in jobs:
        if job.status == ImportStatus.RUNNING:
            import_job_stop_stale(job=job)


@transaction.atomic
def import_job_rerun(*, actor, job: ImportJob) -> ImportJob:
    """Queue a stopped job again, as its next attempt, in a fresh folder. Only its uploader
    may, and only while the upload is still kept."""
    if job.actor_id != actor.pk:
        raise PermissionDenied(_("Impor ini tidak dapat dijalankan ulang."))
    job = import_job_stop_stale(job=job)
    if job.status != ImportStatus.STOPPED:
        raise PermissionDenied(_("Impor ini tidak dapat dijalankan ulang."))
    if not job_file_kept(job):
        raise PermissionDenied(_("Berkas impor ini sudah dihapus dari server; unggah lagi."))
    requeued = ImportJob.objects.filter(
        pk=job.pk, attempt=job.attempt, status=ImportStatus.STOPPED,
    ).update(attempt=job.attempt + 1, status=ImportStatus.QUEUED, work_dir=_new_work_dir(),
             started_at=None, finished_at=None, rows=0, valid_rows=0, error_count=0,
             counts={}, message="")
    if not requeued:  # another request re-ran it a moment ago
        raise PermissionDenied(_("Impor ini tidak dapat dijalankan ulang."))
    job.refresh_from_db()
    audit_record(actor=actor, action="import.rerun", obj=job,
                 summary={"kind": job.kind, "file": job.file_name, "attempt": job.attempt})
    _enqueue(job)
    return job


def job_file_kept(job: ImportJob) -> bool:
    """False once prune_imports has deleted the upload (the job's row and counts stay)."""
    return _private(job.upload_path).is_file()


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


@dataclass
class PruneReport:
    jobs: int = 0  # finished jobs whose files were deleted
    folders: int = 0  # job folders deleted, those of no job included
    files: int = 0
    bytes: int = 0


def _folder_of(relative: str) -> str:
    """The job folder ("imports/<id>") a path relative to PRIVATE_ROOT lies in."""
    return "/".join(relative.split("/")[:2])


def import_files_prune(*, actor, days: int) -> PruneReport:
    """Delete the uploads, progress and error lists of import jobs that finished more than
    `days` days ago; their rows and counts stay. A folder still used by a newer or unfinished
    job (a "valid rows only" retry shares its upload) is kept. Folders of no job at all (an
    upload whose transaction failed) go once they are as old. Stale running jobs are marked
    stopped first, so a job whose worker died is pruned in its turn.

    Not one transaction on purpose: on SQLite it would hold the only write lock while files
    are deleted. Only jobs finished `days` ago are touched; one that is re-run at the very
    moment its files go fails without saving anything (its file is gone)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    import_jobs_stop_stale(jobs=ImportJob.objects.filter(status=ImportStatus.RUNNING))
    cutoff = timezone.now() - datetime.timedelta(days=days)
    finished = [s for s in ImportStatus.values
                if s not in (ImportStatus.QUEUED, ImportStatus.RUNNING)]
    old = Q(status__in=finished, finished_at__lt=cutoff)
    old_jobs = {pk: {_folder_of(work_dir), _folder_of(upload)} for pk, work_dir, upload
                in ImportJob.objects.filter(old).values_list("pk", "work_dir", "upload_path")}
    keep = {_folder_of(path) for work_dir, upload in ImportJob.objects.exclude(old).values_list(
        "work_dir", "upload_path") for path in (work_dir, upload)}
    pruned = set().union(*old_jobs.values())
    root = _private("imports")
    report, deleted = PruneReport(), set()
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        relative = f"imports/{folder.name}"
        if not folder.is_dir() or relative in keep:
            continue
        age = timezone.now().timestamp() - folder.stat().st_mtime
        if relative not in pruned and age < days * 86400:
            continue  # perhaps an upload whose job is being created right now
        files = [f for f in folder.rglob("*") if f.is_file()]
        report.files += len(files)
        report.bytes += sum(f.stat().st_size for f in files)
        shutil.rmtree(folder)
        deleted.add(relative)
    report.folders = len(deleted)
    report.jobs = sum(1 for folders in old_jobs.values() if folders & deleted)
    if deleted:
        audit_record(actor=actor, action="import.prune", summary={
            "days": days, "jobs": report.jobs, "folders": report.folders,
            "files": report.files, "bytes": report.bytes})
    return report
