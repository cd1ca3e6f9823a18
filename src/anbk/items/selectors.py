"""Every read of the item bank. Test content is secret (D-7): an actor without
items.view_bank (everyone but the centre's instrument team) reads nothing, and a single
object asked for by such an actor is a 404, as out-of-region data is elsewhere.
"""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from anbk.items.models import Asset, ItemVersion, Stimulus, TestForm, VersionStatus


def _sees_bank(actor) -> bool:
    return actor is not None and actor.has_perm("items.view_bank")


def _scoped(actor, qs: QuerySet) -> QuerySet:
    return qs if _sees_bank(actor) else qs.none()


def item_list(*, actor, search: str = "", bank: str = "", domain: str = "", level: str = "",
              item_type: str = "", status: str = "") -> QuerySet[ItemVersion]:
    """One row per item: its newest version (the one in work, or the last approved)."""
    newest = (ItemVersion.objects.filter(item=OuterRef("item")).order_by("-number")
              .values("number")[:1])
    qs = _scoped(actor, ItemVersion.objects.filter(number=Subquery(newest))
                 .select_related("item", "stimulus", "author"))
    if search:
        qs = qs.filter(Q(item__code__icontains=search.strip())
                       | Q(prompt__icontains=search.strip()))
    for field, value in (("item__bank", bank), ("domain", domain), ("level", level),
                         ("item_type", item_type), ("status", status)):
        if value:
            qs = qs.filter(**{field: value})
    return qs.order_by("item__code")


def review_queue(*, actor) -> QuerySet[ItemVersion]:
    """Versions waiting for a reviewer, oldest submission first."""
    return _scoped(actor, ItemVersion.objects.filter(status=VersionStatus.SUBMITTED)
                   .select_related("item", "author").order_by("submitted_at", "pk"))


def item_version_get(*, actor, pk: int) -> ItemVersion:
    return get_object_or_404(
        _scoped(actor, ItemVersion.objects.select_related("item", "stimulus__image", "author",
                                                          "reviewer", "based_on")), pk=pk)


def item_versions(*, actor, code: str) -> QuerySet[ItemVersion]:
    return _scoped(actor, ItemVersion.objects.filter(item__code=code)
                   .select_related("author", "reviewer").order_by("-number"))


def approved_versions(*, actor, form: TestForm) -> QuerySet[ItemVersion]:
    """Approved versions that fit a form (its bank, domain, level, respondent)."""
    qs = ItemVersion.objects.filter(status=VersionStatus.APPROVED, item__bank=form.bank)
    if form.domain:
        qs = qs.filter(domain=form.domain)
    if form.level:
        qs = qs.filter(level=form.level)
    if form.respondent:
        qs = qs.filter(respondent=form.respondent)
    return _scoped(actor, qs.select_related("item").order_by("item__code", "-number"))


def stimulus_list(*, actor, search: str = "", domain: str = "", level: str = "",
                  latest_only: bool = True) -> QuerySet[Stimulus]:
    qs = Stimulus.objects.all()
    if latest_only:
        newest = (Stimulus.objects.filter(code=OuterRef("code")).order_by("-version")
                  .values("version")[:1])
        qs = qs.filter(version=Subquery(newest))
    if search:
        qs = qs.filter(Q(code__icontains=search.strip()) | Q(title__icontains=search.strip()))
    if domain:
        qs = qs.filter(domain=domain)
    if level:
        qs = qs.filter(level=level)
    return _scoped(actor, qs.order_by("code", "-version"))


def stimulus_get(*, actor, pk: int) -> Stimulus:
    return get_object_or_404(_scoped(actor, Stimulus.objects.select_related("image")), pk=pk)


def asset_get(*, actor, pk: int) -> Asset:
    return get_object_or_404(_scoped(actor, Asset.objects.all()), pk=pk)


def form_list(*, actor, search: str = "", bank: str = "", design: str = "",
              status: str = "") -> QuerySet[TestForm]:
    qs = _scoped(actor, TestForm.objects.all())
    if search:
        qs = qs.filter(Q(code__icontains=search.strip()) | Q(title__icontains=search.strip()))
    for field, value in (("bank", bank), ("design", design), ("status", status)):
        if value:
            qs = qs.filter(**{field: value})
    return qs.order_by("code")


def form_get(*, actor, code: str) -> TestForm:
    return get_object_or_404(_scoped(actor, TestForm.objects.all()), code=code)


def form_entries(form: TestForm):
    """The form's modules with their ordered item versions (for pages, QTI and packages)."""
    return form.modules.prefetch_related("entries__version__item",
                                         "entries__version__stimulus").order_by("stage",
                                                                                "min_correct")
