"""Every read of the documents app, scoped to the acting user (anbk.core.scoping)."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from anbk.core.scoping import school_q
from anbk.documents.models import DocumentBatch, PrintKind, PrintLog, ScanUpload
from anbk.registry.models import School


def scan_list(*, actor, school_id: int | None = None,
              current_only: bool = True) -> QuerySet[ScanUpload]:
    qs = ScanUpload.objects.filter(school_q(actor, "school__")).select_related(
        "school", "uploaded_by")
    if school_id is not None:
        qs = qs.filter(school_id=school_id)
    if current_only:
        qs = qs.filter(is_current=True)
    return qs


def scan_get(*, actor, pk: int) -> ScanUpload:
    """404 for a scan outside the actor's scope: its existence is not revealed."""
    return get_object_or_404(ScanUpload.objects.filter(school_q(actor, "school__")), pk=pk)


def scan_status(*, actor, school_ids) -> dict[int, dict[str, int]]:
    """Per school (of these, in scope): how many sheets of each kind have a current scan —
    the upload status a district reads."""
    status: dict[int, dict[str, int]] = {}
    for school_id, kind, n in (scan_list(actor=actor).filter(school_id__in=list(school_ids))
                               .values_list("school_id", "kind").annotate(n=Count("id"))
                               .order_by()):
        status.setdefault(school_id, {})[kind] = n
    return status


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


def batch_list(*, actor) -> QuerySet[DocumentBatch]:
    """A batch and its zip belong to whoever asked for it."""
    return DocumentBatch.objects.filter(actor_id=actor.pk) if actor.is_authenticated \
        else DocumentBatch.objects.none()


def batch_get(*, actor, pk: int) -> DocumentBatch:
    return get_object_or_404(batch_list(actor=actor), pk=pk)
