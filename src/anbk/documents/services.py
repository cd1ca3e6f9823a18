"""Every write of the documents app: print log entries and signed-scan uploads (J-5, J-6).
Each is audited (anbk.core.audit)."""

import hashlib
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.schedule import DAYS_PER_PARTICIPANT
from anbk.core.scoping import school_q
from anbk.documents import scans
from anbk.documents.models import PrintKind, PrintLog, ScanKind, ScanUpload
from anbk.registry.models import School
from anbk.staffing.models import Room

SCAN_FOLDER = "scans"


def _in_scope(actor, school: School) -> None:
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        raise PermissionDenied(_("Sekolah ini di luar wilayah Anda."))


@transaction.atomic
def print_log_record(*, actor, school: School, kind: str, items: int,
                     detail: str = "") -> PrintLog:
    """Record that `actor` downloaded a printable document of `school` (J-6)."""
    _in_scope(actor, school)
    if kind not in PrintKind.values:
        raise ValueError(kind)
    entry = PrintLog.objects.create(school=school, kind=kind, items=items,
                                    detail=detail[:200], actor=actor)
    audit_record(actor=actor, action="documents.print", obj=entry,
                 summary={"school": school.npsn, "kind": kind, "items": items,
                          "detail": entry.detail})
    return entry


def scan_path(scan: ScanUpload) -> Path:
    return Path(settings.PRIVATE_ROOT) / SCAN_FOLDER / scan.stored_name


def _read_limited(upload, limit: int) -> bytes:
    """The upload's bytes, refusing (without reading on) one that grows past the limit:
    a client may lie about its size."""
    chunks, total = [], 0
    for chunk in upload.chunks():
        total += len(chunk)
        scans.check_size(total, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def scan_upload(*, actor, session, room_id: int, day: int, kind: str, upload) -> ScanUpload:
    """Check a signed scan by content and store it under PRIVATE_ROOT with a generated
    name; it becomes the current scan of that kind for the session's room and test day.
    upload: a Django UploadedFile. A refused file raises ScanRejected and leaves nothing
    behind."""
    if kind not in ScanKind.values:
        raise scans.ScanRejected(_("Jenis dokumen tidak dikenal."))
    if not actor.has_perm("documents.upload_scans"):
        raise PermissionDenied(_("Anda tidak berwenang mengunggah pindaian."))
    school = session.school
    _in_scope(actor, school)
    if not 1 <= day <= DAYS_PER_PARTICIPANT:
        raise scans.ScanRejected(_("Hari ke-%(day)d tidak ada dalam sesi ini.") % {"day": day})
    if not Room.objects.filter(pk=room_id, school=school).exists():
        raise PermissionDenied(_("Ruang ini bukan milik sekolah penyelenggara sesi."))
    limit = settings.ANBK_SCAN_MAX_BYTES
    scans.check_name(upload.name or "")
    scans.check_size(upload.size or 0, limit)
    data = _read_limited(upload, limit)
    scans.check_size(len(data), limit)
    found = scans.check_content(data)
    stored_name = f"{uuid.uuid4().hex}.{found.extension}"
    folder = Path(settings.PRIVATE_ROOT) / SCAN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{stored_name}.part"
    temporary.write_bytes(data)
    os.replace(temporary, folder / stored_name)
    try:
        return _record_scan(actor=actor, school=school, sheet={
            "session": session, "room_id": room_id, "day": day, "kind": kind},
            original=upload.name, stored_name=stored_name, content_type=found.content_type,
            data=data)
    except BaseException:
        (folder / stored_name).unlink(missing_ok=True)  # nothing stored for a failed write
        raise


@transaction.atomic
def _record_scan(*, actor, school, sheet: dict, original, stored_name, content_type,
                 data) -> ScanUpload:
    previous = list(ScanUpload.objects.select_for_update().filter(**sheet, is_current=True))
    ScanUpload.objects.filter(pk__in=[p.pk for p in previous]).update(is_current=False)
    try:
        with transaction.atomic():
            scan = ScanUpload.objects.create(
                school=school, **sheet,
                original_name=get_valid_filename(original)[:255] or "pindaian",
                stored_name=stored_name, content_type=content_type, size=len(data),
                sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor)
    except IntegrityError as clash:
        raise scans.ScanRejected(_("Unggahan lain untuk sesi ini baru saja disimpan; muat "
                                   "ulang halaman dan periksa lagi.")) from clash
    audit_record(actor=actor, action="documents.scan_upload", obj=scan, summary={
        "school": school.npsn, "session": scan.session_id, "room": scan.room_id,
        "day": scan.day, "kind": scan.kind, "size": scan.size, "sha256": scan.sha256,
        "replaces": [p.pk for p in previous]})
    return scan
