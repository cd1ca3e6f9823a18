"""Readiness pages: thin, every read through the actor-scoped selectors, every write through a
service; a school outside the actor's scope is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.portal.access import permission_required_404
from anbk.portal.lists import render_list
from anbk.readiness import selectors, services
from anbk.readiness.decree import decree_pdf
from anbk.readiness.forms import (
    DecisionForm,
    OverviewFilterForm,
    PolicyForm,
    ReportForm,
    TechMemberForm,
    VerifyForm,
)
from anbk.readiness.sharing import Policy

PREVIEW_LIMIT = 500  # suggested pairs shown on one page; the rest after accepting these


def _errors_to_form(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def _refusal(request, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


@permission_required_404("readiness.view_readiness")
def overview(request):
    form = OverviewFilterForm(request.GET, actor=request.user)
    rows = selectors.school_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "readiness/overview.html", form, rows)


@permission_required_404("readiness.view_readiness")
def school_detail(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    report = selectors.report_of(actor=request.user, school=school)
    context = {
        "school": school, "report": report,
        "req": selectors.requirement(actor=request.user, school=school),
        "events": selectors.report_events(actor=request.user, school=school),
        "decision": selectors.decision_of(actor=request.user, school=school),
        "guests": selectors.guests_of(school),
        "verify_form": VerifyForm(initial={"version": report.version}) if report else None,
    }
    return render(request, "readiness/school.html", context)


@permission_required_404("readiness.report_readiness")
def report_edit(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    report = selectors.report_of(actor=request.user, school=school)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.REPORT_FIELDS}
        try:
            services.readiness_report_save(actor=request.user, school=school, data=data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Laporan kesiapan disimpan sebagai draf. Kirim untuk "
                                        "diverifikasi bila sudah lengkap."))
            return redirect("readiness:school_detail", npsn=school.npsn)
    return render(request, "readiness/report_form.html", {"school": school, "form": form,
                                                          "report": report})


@require_POST
@permission_required_404("readiness.report_readiness")
def report_submit(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    version = request.POST.get("version")
    try:
        services.readiness_report_submit(actor=request.user, school=school,
                                         version=int(version) if version else None)
    except (ValidationError, ValueError) as error:
        _refusal(request, error if isinstance(error, ValidationError)
                 else ValidationError(_("Versi laporan tidak valid.")))
    else:
        messages.success(request, _("Laporan dikirim ke tim teknis untuk diverifikasi."))
    return redirect("readiness:school_detail", npsn=school.npsn)


@require_POST
@permission_required_404("readiness.verify_readiness")
def report_verify(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih hasil verifikasi."))
        return redirect("readiness:school_detail", npsn=school.npsn)
    approve = form.cleaned_data["verdict"] == "approve"
    try:
        services.readiness_report_verify(actor=request.user, school=school, approve=approve,
                                         notes=form.cleaned_data["notes"],
                                         version=form.cleaned_data["version"])
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Laporan disetujui.") if approve
                         else _("Laporan dikembalikan ke sekolah dengan catatan."))
    return redirect("readiness:school_detail", npsn=school.npsn)


@permission_required_404("readiness.decide_moda")
def decide(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    decision = selectors.decision_of(actor=request.user, school=school)
    req = selectors.requirement(actor=request.user, school=school)
    initial = ({"moda": decision.moda, "status": decision.status, "reason": decision.reason,
                "host_npsn": decision.host.npsn if decision.host else ""} if decision else
               {"moda": req.suggested_moda or "", "status": req.suggested_status,
                "reason": " ".join(req.reasons)})
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        host = None
        if data["host_npsn"]:
            host = selectors.host_candidate(actor=request.user, school=school,
                                            npsn=data["host_npsn"])
            if host is None:
                form.add_error("host_npsn", _("Sekolah dengan NPSN ini tidak ditemukan di "
                                              "wilayah Anda."))
        if not form.errors:
            try:
                services.moda_decide(actor=request.user, school=school, moda=data["moda"],
                                     status=data["status"], host=host, reason=data["reason"])
            except ValidationError as error:
                if hasattr(error, "error_dict") and "host" in error.error_dict:
                    error = ValidationError({("host_npsn" if k == "host" else k): v
                                             for k, v in error.error_dict.items()})
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Moda dan status %(school)s ditetapkan.")
                                 % {"school": school})
                return redirect("readiness:school_detail", npsn=school.npsn)
    return render(request, "readiness/decide.html", {
        "school": school, "form": form, "decision": decision, "req": req,
        "nearby": selectors.nearby_hosts(actor=request.user, school=school)})


@permission_required_404("readiness.view_readiness")
def decision_list(request):
    form = OverviewFilterForm(request.GET, actor=request.user)
    district = form.selector_kwargs().get("district_code", "")
    rows = selectors.decision_list(actor=request.user, district_code=district)
    return render_list(request, "readiness/decisions.html", form, rows)


@permission_required_404("readiness.decide_moda")
def decree(request):
    form = OverviewFilterForm(request.GET, actor=request.user)
    district = form.selector_kwargs().get("district_code", "")
    decisions = list(selectors.decision_list(actor=request.user, district_code=district))
    if not decisions:
        messages.error(request, _("Belum ada penetapan moda dan status untuk dicetak."))
        return redirect("readiness:decision_list")
    response = HttpResponse(decree_pdf(actor=request.user, decisions=decisions),
                            content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="sk-penetapan-moda-status.pdf"'
    return response


@permission_required_404("readiness.share_resources")
def sharing(request):
    submitted = "max_km" in request.GET
    form = PolicyForm(request.GET if submitted else None, initial=PolicyForm.initial_values())
    values = PolicyForm.initial_values()
    if submitted and form.is_valid():
        values = form.cleaned_data
    plan = None
    if not submitted or form.is_valid():
        plan = selectors.sharing_plan(actor=request.user, policy=Policy(**values))
    placements, unplaced = [], []
    if plan is not None:
        placements = [(p, plan.schools[p.guest], plan.schools[p.host])
                      for p in plan.result.placements[:PREVIEW_LIMIT]]
        unplaced = [(plan.schools[key], why) for key, why in plan.result.unplaced.items()]
    return render(request, "readiness/sharing.html", {
        "form": form, "plan": plan, "limit": PREVIEW_LIMIT, "placements": placements,
        "unplaced": unplaced})


@require_POST
@permission_required_404("readiness.share_resources")
def sharing_accept(request):
    pairs = []
    try:
        for value in request.POST.getlist("pair"):
            guest_npsn, _sep, host_npsn = value.partition(":")
            guest = selectors.school_get(actor=request.user, npsn=guest_npsn)
            host = selectors.host_candidate(actor=request.user, school=guest, npsn=host_npsn)
            if host is None:
                raise Http404
            pairs.append((guest, host))
        services.sharing_accept(
            actor=request.user, pairs=pairs,
            moda_of={host.pk: selectors.host_moda(host) for _guest, host in pairs},
            reason=request.POST.get("reason", "").strip()
            or _("Usulan berbagi sumber daya diterima"))
    except (ValidationError, PermissionDenied) as error:
        _refusal(request, error)
    else:
        messages.success(request, _("%(n)d pasangan sekolah menumpang ditetapkan.")
                         % {"n": len(pairs)})
    back = request.POST.get("back", "")
    return redirect(back if back.startswith(reverse("readiness:sharing")) else
                    "readiness:sharing")


@permission_required_404("readiness.view_tech_teams")
def tech_team(request):
    regions = selectors.team_regions(actor=request.user)
    form = TechMemberForm(regions=regions) if regions else None
    return _tech_page(request, form)


def _tech_page(request, form):
    members = list(selectors.tech_team_list(actor=request.user))
    kept = {m.pk for m in members if services.may_manage_team(request.user, m.region, m.agency)}
    return render(request, "readiness/tech_team.html", {"members": members, "form": form,
                                                        "kept": kept})


@require_POST
@permission_required_404("readiness.manage_tech_teams")
def tech_add(request):
    regions = selectors.team_regions(actor=request.user)
    form = TechMemberForm(request.POST, regions=regions)
    if form.is_valid():
        data = form.cleaned_data
        region = next(r for r in regions if r.code == data["region"])
        agency = request.user.agency
        try:
            services.tech_member_add(actor=request.user, region=region, agency=agency,
                                     name=data["name"], phone=data["phone"],
                                     position=data["position"], email=data["email"],
                                     office=data["office"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Anggota tim teknis ditambahkan."))
            return redirect("readiness:tech_team")
    return _tech_page(request, form)


@require_POST
@permission_required_404("readiness.manage_tech_teams")
def tech_remove(request, pk):
    member = selectors.tech_member_get(actor=request.user, pk=pk)
    try:
        services.tech_member_remove(actor=request.user, member=member)
    except PermissionDenied as error:
        # Visible (the province's team, to a district) but not the actor's to keep.
        raise Http404 from error
    messages.success(request, _("Anggota tim teknis dihapus."))
    return redirect("readiness:tech_team")

