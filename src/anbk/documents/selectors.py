"""Every read of the documents app, scoped to the acting user (anbk.core.scoping)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from anbk.core.scoping import school_q
from anbk.documents.models import PrintKind, PrintLog, ScanUpload
from anbk.registry.models import School


def scan_list(*, actor, school_id: int | None = None,
              session_ids=None, current_only: bool = True) -> QuerySet[ScanUpload]:
    qs = ScanUpload.objects.filter(school_q(actor, "school__")).select_related(
        "school", "uploaded_by")
    if school_id is not None:
        qs = qs.filter(school_id=school_id)
    if session_ids is not None:
        qs = qs.filter(session_id__in=list(session_ids))
    if current_only:
        qs = qs.filter(is_current=True)
    return qs


def scan_get(*, actor, pk: int) -> ScanUpload:
    """404 for a scan outside the actor's scope: its existence is not revealed."""
    return get_object_or_404(ScanUpload.objects.filter(school_q(actor, "school__")), pk=pk)


def scan_status(*, actor, session_ids) -> dict[tuple[int, str], ScanUpload]:
    """(session id, kind) → the current scan, for the upload status of a list of sessions."""
    return {(scan.session_id, scan.kind): scan
            for scan in scan_list(actor=actor, session_ids=session_ids)}


def print_log_list(*, actor, school_id: int | None = None) -> QuerySet[PrintLog]:
    qs = PrintLog.objects.filter(school_q(actor, "school__")).select_related("school", "actor")
    return qs if school_id is None else qs.filter(school_id=school_id)


def schools_without_printed_cards(*, actor, school_ids) -> set[int]:
    """Of these schools (within the actor's scope), those whose participants' login cards
    were never printed: a gap of the "Cek Kelengkapan Data" checklist (J-6)."""
    wanted = set(School.objects.filter(school_q(actor), pk__in=list(school_ids))
                 .values_list("pk", flat=True))
    printed = set(PrintLog.objects.filter(
        school_q(actor, "school__"), school_id__in=wanted, kind=PrintKind.LOGIN_CARDS,
    ).values_list("school_id", flat=True).distinct())
    return wanted - printed
