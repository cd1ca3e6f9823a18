"""Reads for the QTI pages. Test content is secret (D-7): only the centre's instrument team
(items.view_bank) reads imports, forms and item versions; anyone else reads nothing."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from anbk.items.models import ItemVersion, TestForm
from anbk.items.package_models import QtiImport


def _sees_bank(actor) -> bool:
    return actor is not None and actor.has_perm("items.view_bank")


def import_list(*, actor) -> QuerySet[QtiImport]:
    qs = QtiImport.objects.select_related("actor")
    return qs if _sees_bank(actor) else qs.none()


def import_get(*, actor, pk: int) -> QtiImport:
    return get_object_or_404(import_list(actor=actor), pk=pk)


def exportable_forms(*, actor) -> QuerySet[TestForm]:
    qs = TestForm.objects.order_by("code")
    return qs if _sees_bank(actor) else qs.none()


def form_get(*, actor, code: str) -> TestForm:
    return get_object_or_404(exportable_forms(actor=actor), code=code)


def version_get(*, actor, code: str, number: int) -> ItemVersion:
    qs = ItemVersion.objects.select_related("item", "stimulus__image")
    return get_object_or_404(qs if _sees_bank(actor) else qs.none(), item__code=code,
                             number=number)
