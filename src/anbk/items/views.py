"""Item bank pages: items, review, preview, stimuli, forms and panels. Thin: forms parse,
services write, selectors read (only the instrument team reads anything, D-7)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from anbk.core.instruments import ITEM_TYPES, ItemType, Stage
from anbk.items import selectors, services
from anbk.items.forms import (
    FormFilterForm,
    ItemFilterForm,
    ItemForm,
    ItemStartForm,
    ModuleItemsForm,
    ReviewForm,
    StimulusFilterForm,
    StimulusForm,
    TestFormForm,
    parse_ranges,
)
from anbk.items.models import Design, FormStatus, Module, VersionStatus
from anbk.items.render import render_item
from anbk.portal.access import permission_required_404
from anbk.portal.lists import render_list

bank_reader = permission_required_404("items.view_bank")
author_only = permission_required_404("items.author_items")
reviewer_only = permission_required_404("items.review_items")


def _errors_to_form(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


def _post_action(guard, back):
    """A POST-only step on an object: a service's refusal becomes a message on the object's
    page (back: a URL name taking the view's keywords, or a function of them giving the
    URL), not an error page."""

    def decorator(view):
        @guard
        @require_POST
        @wraps(view)
        def wrapped(request, **kwargs):
            try:
                return view(request, **kwargs)
            except ValidationError as refused:
                for problem in refused.messages:
                    messages.error(request, problem)
                return redirect(back(**kwargs) if callable(back) else reverse(back, kwargs=kwargs))

        return wrapped

    return decorator


def asset_url(asset) -> str:
    return reverse("items:asset", kwargs={"pk": asset.pk})


# --- items --------------------------------------------------------------------------------------

@bank_reader
def item_list_view(request):
    form = ItemFilterForm(request.GET)
    rows = selectors.item_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "items/item_list.html", form, rows)


@bank_reader
def review_queue_view(request):
    rows = selectors.review_queue(actor=request.user)
    return render_list(request, "items/review_queue.html", None, rows)


def _stimuli_for(request, bank: str, shown=None):
    """The newest version of every stimulus, and the one the edited version shows (an
    approved item may show an older version; its next version moves to the newest)."""
    if bank not in ("akm", "practice"):
        return ()
    stimuli = list(selectors.stimulus_list(actor=request.user))
    if shown is not None and shown not in stimuli:
        stimuli.append(shown)
    return stimuli


@author_only
@never_cache
def item_create_view(request):
    start = ItemStartForm(request.GET or None)
    if not start.is_valid():
        return render(request, "items/item_start.html", {"form": start})
    bank, item_type = start.cleaned_data["bank"], start.cleaned_data["item_type"]
    form = ItemForm(request.POST or None, bank=bank, item_type=item_type, creating=True,
                    stimuli=_stimuli_for(request, bank))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.item_create(actor=request.user, code=form.cleaned_data["code"],
                                           bank=bank, item_type=item_type,
                                           **form.service_kwargs())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Soal %(code)s tersimpan sebagai draf.")
                             % {"code": version.item.code})
            return redirect("items:item_detail", pk=version.pk)
    return render(request, "items/item_form.html",
                  {"form": form, "bank_label": dict(start.fields["bank"].choices)[bank],
                   "type_label": dict(start.fields["item_type"].choices)[item_type]})


@author_only
@never_cache
def item_edit_view(request, pk):
    version = selectors.item_version_get(actor=request.user, pk=pk)
    form = ItemForm(request.POST or None, initial=ItemForm.initial_from(version),
                    bank=version.item.bank, item_type=version.item_type, creating=False,
                    stimuli=_stimuli_for(request, version.item.bank, version.stimulus))
    if request.method == "POST" and form.is_valid():
        seen = parse_datetime(form.cleaned_data.get("updated_at") or "")
        try:
            saved = services.item_edit(actor=request.user, version=version,
                                       expected_updated_at=seen, **form.service_kwargs())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            if saved.pk != version.pk:
                messages.success(request, _("Versi %(old)s terkunci; perubahan disimpan "
                                            "sebagai versi %(new)s (draf).")
                                 % {"old": version.number, "new": saved.number})
            else:
                messages.success(request, _("Perubahan tersimpan."))
            return redirect("items:item_detail", pk=saved.pk)
    return render(request, "items/item_form.html",
                  {"form": form, "version": version,
                   "bank_label": version.item.get_bank_display(),
                   "type_label": version.get_item_type_display()})


@bank_reader
def item_detail_view(request, pk):
    version = selectors.item_version_get(actor=request.user, pk=pk)
    return render(request, "items/item_detail.html", {
        "version": version, "history": selectors.item_versions(actor=request.user,
                                                               code=version.item.code),
        "review_form": ReviewForm(), "auto_scored": ITEM_TYPES[
            ItemType(version.item_type)].auto_scored,
        "may_edit": version.status != VersionStatus.SUBMITTED,
    })


@bank_reader
def item_preview_view(request, pk):
    """Exactly the exam client's markup and style (items/render.py), with a bar on top."""
    version = selectors.item_version_get(actor=request.user, pk=pk)
    return render(request, "items/preview.html", {
        "version": version, "item_html": render_item(version, asset_url=asset_url, number=1)})


@_post_action(author_only, "items:item_detail")
def item_submit_view(request, pk):
    version = selectors.item_version_get(actor=request.user, pk=pk)
    services.item_submit(actor=request.user, version=version)
    messages.success(request, _("Soal diajukan untuk ditelaah."))
    return redirect("items:item_detail", pk=pk)


@_post_action(reviewer_only, "items:item_detail")
def item_review_view(request, pk):
    version = selectors.item_version_get(actor=request.user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    services.item_review(actor=request.user, version=version, approve=approve,
                         notes=request.POST.get("notes", ""))
    messages.success(request, _("Soal disetujui.") if approve
                     else _("Soal dikembalikan kepada penulis."))
    return redirect("items:item_detail", pk=pk)


# --- stimuli and images -----------------------------------------------------------------------

@bank_reader
def stimulus_list_view(request):
    form = StimulusFilterForm(request.GET)
    rows = selectors.stimulus_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "items/stimulus_list.html", form, rows)


def _image(request, form):
    upload = form.cleaned_data.get("image")
    if upload is None:
        return None
    return services.asset_create(actor=request.user, name=upload.name, data=upload.read())


@author_only
@never_cache
def stimulus_create_view(request):
    form = StimulusForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stimulus = services.stimulus_create(actor=request.user, image=_image(request, form),
                                                **form.service_kwargs())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Stimulus tersimpan."))
            return redirect("items:stimulus_detail", pk=stimulus.pk)
    return render(request, "items/stimulus_form.html", {"form": form})


@author_only
@never_cache
def stimulus_edit_view(request, pk):
    stimulus = selectors.stimulus_get(actor=request.user, pk=pk)
    initial = {"kind": stimulus.kind, "title": stimulus.title, "body": stimulus.body,
               "table": StimulusForm.table_text(stimulus.table),
               "image_alt": stimulus.image_alt, "content_area": stimulus.content_area}
    form = StimulusForm(request.POST or None, request.FILES or None, initial=initial,
                        editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            image = _image(request, form) or stimulus.image
            saved = services.stimulus_edit(actor=request.user, stimulus=stimulus, image=image,
                                           **form.service_kwargs())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Stimulus tersimpan sebagai versi %(n)s.")
                             % {"n": saved.version} if saved.pk != stimulus.pk
                             else _("Perubahan tersimpan."))
            return redirect("items:stimulus_detail", pk=saved.pk)
    return render(request, "items/stimulus_form.html", {"form": form, "stimulus": stimulus})


@bank_reader
def stimulus_detail_view(request, pk):
    stimulus = selectors.stimulus_get(actor=request.user, pk=pk)
    return render(request, "items/stimulus_detail.html", {
        "stimulus": stimulus,
        "versions": stimulus.item_versions.select_related("item").order_by("item__code")})


@bank_reader
def asset_view(request, pk):
    asset = selectors.asset_get(actor=request.user, pk=pk)
    response = HttpResponse(bytes(asset.data), content_type=asset.media_type)
    # Secret content (D-7): no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- forms and panels -----------------------------------------------------------------------

@bank_reader
def form_list_view(request):
    form = FormFilterForm(request.GET)
    rows = selectors.form_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "items/form_list.html", form, rows)


@author_only
@never_cache
def form_create_view(request):
    form = TestFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.form_create(
                actor=request.user, code=data["code"], title=data["title"], bank=data["bank"],
                design=data["design"], domain=data["domain"], level=data["level"],
                respondent=data["respondent"], demo_size=data["demo_size"],
                stage2=data["stage2"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Paket %(code)s dibuat.") % {"code": created.code})
            return redirect("items:form_detail", code=created.code)
    return render(request, "items/form_form.html", {"form": form})


@bank_reader
def form_detail_view(request, code):
    form = selectors.form_get(actor=request.user, code=code)
    modules = list(selectors.form_entries(form))
    for module in modules:
        module.items_form = ModuleItemsForm(initial={"codes": "\n".join(
            e.version.item.code for e in module.entries.all())})
    return render(request, "items/form_detail.html", {
        "form": form, "modules": modules, "paths": services.form_paths(form),
        "problems": services.form_problems(form) if form.status == FormStatus.DRAFT else [],
        "editable": form.status == FormStatus.DRAFT,
        "multistage": form.design == Design.MULTISTAGE,
    })


def _module_form_url(pk) -> str:
    code = Module.objects.filter(pk=pk).values_list("form__code", flat=True).first()
    return reverse("items:form_detail", kwargs={"code": code})


@_post_action(author_only, _module_form_url)
def module_items_view(request, pk):
    module = get_object_or_404(Module.objects.filter(
        form__in=selectors.form_list(actor=request.user)).select_related("form"), pk=pk)
    form = ModuleItemsForm(request.POST)
    form.is_valid()
    codes = [c.strip().upper() for c in form.cleaned_data.get("codes", "").splitlines()
             if c.strip()]
    approved = {}
    for version in selectors.approved_versions(actor=request.user, form=module.form).filter(
            item__code__in=codes):
        approved.setdefault(version.item.code, version)  # newest first
    missing = [c for c in codes if c not in approved]
    if missing:
        raise ValidationError(_("Tidak ada versi disetujui yang sesuai paket ini untuk: "
                                "%(codes)s.") % {"codes": ", ".join(missing)})
    services.module_set_items(actor=request.user, module=module,
                              versions=[approved[c] for c in codes])
    messages.success(request, _("Isi modul tersimpan (%(n)s soal).") % {"n": len(codes)})
    return redirect("items:form_detail", code=module.form.code)


@_post_action(author_only, "items:form_detail")
def panel_routes_view(request, code):
    form = selectors.form_get(actor=request.user, code=code)
    difficulties = list(form.modules.filter(stage=Stage.SECOND)
                        .values_list("difficulty", flat=True))
    ranges = parse_ranges(request.POST, difficulties)
    if ranges is None:
        raise ValidationError(_("Isi batas bawah dan atas setiap modul dengan bilangan bulat."))
    services.panel_set_routes(actor=request.user, form=form, ranges=ranges)
    messages.success(request, _("Aturan rute tersimpan."))
    return redirect("items:form_detail", code=code)


def _form_step(service, done: str):
    @_post_action(reviewer_only, "items:form_detail")
    def view(request, code):
        form = selectors.form_get(actor=request.user, code=code)
        service(actor=request.user, form=form)
        messages.success(request, done)
        return redirect("items:form_detail", code=code)

    return view


form_ready_view = _form_step(services.form_mark_ready, gettext_lazy("Paket dinyatakan siap."))
form_reopen_view = _form_step(services.form_reopen,
                              gettext_lazy("Paket dikembalikan ke draf."))
form_lock_view = _form_step(services.form_lock,
                            gettext_lazy("Paket dikunci untuk pelaksanaan."))
