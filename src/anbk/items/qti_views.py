"""Portal pages of QTI 3.0 import and export (/instrumen/qti/). Import: item authors; export:
the instrument team (authors and reviewers). Everyone else gets a 404 (D-7)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.items.qti import bank, selectors
from anbk.items.qti.errors import QtiError
from anbk.items.qti.forms import QtiImportForm
from anbk.portal.access import permission_required_404

PAGE_SIZE = 20
ZIP = "application/zip"


def _home(request, form, problems=(), status=200):
    page = Paginator(selectors.import_list(actor=request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "items/qti/home.html",
                  {"form": form, "problems": problems, "page": page,
                   "forms": selectors.exportable_forms(actor=request.user)}, status=status)


@permission_required_404("items.view_bank")
def qti_home(request):
    return _home(request, QtiImportForm())


@permission_required_404("items.author_items")
@require_POST
def qti_import(request):
    form = QtiImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _home(request, form, status=400)
    try:
        record = bank.qti_import(actor=request.user, upload=form.cleaned_data["file"],
                                 defaults=form.defaults())
    except QtiError as refused:
        return _home(request, form, problems=refused.problems, status=400)
    messages.success(request, _("Impor berhasil: %(n)s soal masuk sebagai draf.")
                     % {"n": len(record.items)})
    return redirect("items:qti_import_detail", pk=record.pk)


@permission_required_404("items.view_bank")
def qti_import_detail(request, pk: int):
    record = selectors.import_get(actor=request.user, pk=pk)
    return render(request, "items/qti/import.html",
                  {"record": record, "pending": bank.pending_items(record)})


@permission_required_404("items.author_items")
@require_POST
def qti_import_fill(request, pk: int):
    record = selectors.import_get(actor=request.user, pk=pk)
    try:
        bank.qti_import_fill_forms(actor=request.user, record=record)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Modul paket diisi dengan soal yang sudah disetujui."))
    return redirect("items:qti_import_detail", pk=record.pk)


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=ZIP)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required_404("items.view_bank")
def qti_export_item(request, code: str, number: int):
    version = selectors.version_get(actor=request.user, code=code, number=number)
    data = bank.export_versions(actor=request.user, versions=[version],
                                identifier=f"anbk-{version.item.code}-v{version.number}")
    return _download(data, f"qti-{version.item.code}-v{version.number}.zip")


@permission_required_404("items.view_bank")
def qti_export_form(request, code: str):
    form = selectors.form_get(actor=request.user, code=code)
    return _download(bank.export_form(actor=request.user, form=form), f"qti-{form.code}.zip")
