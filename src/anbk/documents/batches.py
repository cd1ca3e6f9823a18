"""District batches (J-5): all of a team's schools' cards or lists as one zip, built in the
background (django-tasks, `anbk worker`) with a progress bar.

Each school's PDF is rendered straight into its entry of a zip file under
settings.PRIVATE_ROOT, so memory holds one school at a time whatever the district's size.
Progress is the batch row's `done` count, written after each school in its own short
update (the job holds no long transaction, so the web process sees the bar move). Every
school with a file gets a PrintLog entry, as if it had been printed one by one.
"""

import logging
import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.context import client_address
from anbk.core.scoping import school_q
from anbk.documents import sources
from anbk.documents.models import BatchKind, BatchStatus, DocumentBatch
from anbk.documents.services import print_log_record
from anbk.registry.models import School

log = logging.getLogger(__name__)
FOLDER = "batches"
PROGRESS_EVERY = 5  # schools between progress writes


def _private(relative: str) -> Path:
    return Path(settings.PRIVATE_ROOT) / relative


@transaction.atomic
def batch_create(*, actor, kind: str) -> DocumentBatch:
    """Queue a zip of `kind` for every school in the actor's scope."""
    if not actor.has_perm("documents.batch_print"):
        raise PermissionDenied(_("Anda tidak berwenang mencetak dokumen semua sekolah."))
    if kind not in BatchKind.values:
        raise PermissionDenied(_("Jenis dokumen tidak dikenal."))
    ids = list(School.objects.filter(school_q(actor)).order_by("npsn")
               .values_list("pk", flat=True))
    batch = DocumentBatch.objects.create(kind=kind, actor=actor, school_ids=ids,
                                         schools=len(ids), client_ip=client_address.get())
    audit_record(actor=actor, action="documents.batch_create", obj=batch,
                 summary={"kind": kind, "schools": len(ids)})
    batch_id = batch.pk
    from anbk.documents.tasks import run_document_batch

    transaction.on_commit(lambda: run_document_batch.enqueue(batch_id))
    return batch


def batch_run(*, batch_id: int) -> DocumentBatch:
    """The task's body. A batch that is not queued is left alone (a task delivered twice
    builds one zip)."""
    claimed = DocumentBatch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING, started_at=timezone.now())
    batch = DocumentBatch.objects.select_related("actor").get(pk=batch_id)
    if not claimed:
        return batch
    token = client_address.set(batch.client_ip)
    relative = f"{FOLDER}/{batch.pk}-{batch.kind}.zip"
    target = _private(relative)
    partial = target.with_suffix(".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        files, items = _build(batch, partial)
        os.replace(partial, target)
        DocumentBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.DONE, done=batch.schools, files=files, items=items,
            result_path=relative, size=target.stat().st_size, finished_at=timezone.now())
        audit_record(actor=batch.actor, action="documents.batch_done", obj=batch,
                     summary={"kind": batch.kind, "files": files, "items": items})
    except Exception:
        log.exception("document batch %s failed", batch.pk)
        partial.unlink(missing_ok=True)
        DocumentBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, finished_at=timezone.now(),
            message=_("Terjadi kesalahan di server saat menyusun berkas; coba lagi atau "
                      "hubungi admin pusat."))
    finally:
        client_address.reset(token)
    batch.refresh_from_db()
    return batch


def _build(batch: DocumentBatch, path: Path) -> tuple[int, int]:
    actor = batch.actor
    # The asker's scope is checked again at run time: an account moved or locked since
    # gets nothing it may no longer see.
    schools = School.objects.filter(school_q(actor), pk__in=batch.school_ids).order_by("npsn")
    files = items = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index, school in enumerate(schools.iterator(chunk_size=200), start=1):
            document = sources.school_document(actor=actor, school=school, kind=batch.kind)
            if document is not None:
                with archive.open(document.file_name, "w") as entry:
                    document.write(entry)
                files += 1
                items += document.items
                print_log_record(actor=actor, school=school, kind=batch.kind,
                                 items=document.items, detail=_("berkas gabungan #%(n)d")
                                 % {"n": batch.pk})
            if index % PROGRESS_EVERY == 0:
                DocumentBatch.objects.filter(pk=batch.pk).update(done=index)
    return files, items


def batch_file(batch: DocumentBatch) -> Path | None:
    if batch.status != BatchStatus.DONE or not batch.result_path:
        return None
    path = _private(batch.result_path)
    return path if path.is_file() else None
