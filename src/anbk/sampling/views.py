"""Participant pages: sampling runs, DNS/DNT per school, eligibility, flags, reserves, SLB
respondents. Reads go through the actor-scoped selectors (outside the scope: 404); writes
through the services, whose refusals come back as messages on the page they were made from.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.portal.access import permission_required_404
from anbk.portal.lists import render_list
from anbk.registry.selectors import district_choices, region_list
from anbk.sampling import exports, pdfs, selectors, services
from anbk.sampling.authority import authority_of, finalises_school, samples_school
from anbk.sampling.forms import (
    AssessmentForm,
    EligibilityFilterForm,
    FlagForm,
    ReasonForm,
    ReserveForm,
    ResolveForm,
    RespondentFilterForm,
    RunForm,
    SampleFilterForm,
)
from anbk.sampling.models import Stage, Verification
from anbk.sampling.timing import reserve_deadline

view_required = permission_required_404("sampling.view_participants")


def _refusal_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _action(permission: str):
    """A POST-only write: the service's refusal (no authority, wrong state, bad input)
    becomes an error message and the person returns to the page they came from."""

    def decorator(view):
        @permission_required_404(permission)
        @require_POST
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except (PermissionDenied, ValidationError, services.SamplingRefused) as refused:
                messages.error(request, _refusal_text(refused))
                return redirect(request.POST.get("next") or _back(request, kwargs))

        return wrapped

    return decorator


def _back(request, kwargs) -> str:
    if "npsn" in kwargs:
        return reverse("sampling:school_detail", args=[kwargs["npsn"]])
    if "pk" in kwargs and request.resolver_match.url_name.startswith("participant"):
        participant = selectors.participant_get(actor=request.user, pk=kwargs["pk"])
        return reverse("sampling:school_detail", args=[participant.school.npsn])
    return reverse("sampling:overview")


# ---------------------------------------------------------------------------------------------
# Sampling runs

@permission_required_404("sampling.run_sampling")
def overview(request):
    authority = authority_of(request.user)
    runs = selectors.run_list(actor=request.user)
    return render_list(request, "sampling/overview.html", RunForm(), runs, {
        "authority": authority,
        "unsampled": selectors.unsampled_schools(actor=request.user).count(),
        "assessment": selectors.current_assessment(),
    })


@_action("sampling.run_sampling")
def run_start(request):
    form = RunForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors["seed"])
    run = services.run_sampling(actor=request.user, seed=form.cleaned_data["seed"])
    messages.success(request, _("Sampling selesai: %(schools)d sekolah, %(main)d peserta "
                                "utama, %(reserve)d cadangan (seed %(seed)d).")
                     % {"schools": run.schools, "main": run.main_count,
                        "reserve": run.reserve_count, "seed": run.seed})
    return redirect("sampling:run_detail", pk=run.pk)


@permission_required_404("sampling.view_participants")
def run_detail(request, pk):
    run = selectors.run_get(actor=request.user, pk=pk)
    rows = selectors.run_schools(actor=request.user, run=run)
    return render_list(request, "sampling/run_detail.html", None, rows, {"run": run})


@permission_required_404("sampling.set_assessment_dates")
def assessment(request):
    current = selectors.current_assessment()
    initial = {"starts_at": current.starts_at, "ends_on": current.ends_on} if current else {}
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_set_dates(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Waktu asesmen disimpan."))
            return redirect("sampling:overview")
    return render(request, "sampling/assessment.html", {"form": form,
                                                        "assessment": current})


# ---------------------------------------------------------------------------------------------
# DNS / DNT per school

@view_required
def school_list(request):
    form = SampleFilterForm(request.GET, actor=request.user)
    rows = selectors.sample_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "sampling/school_list.html", form, rows, {
        "may_finalise": request.user.has_perm("sampling.finalise_dnt"),
        "districts": district_choices(actor=request.user)
        if request.user.has_perm("sampling.run_sampling") else []})


@view_required
def school_detail(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    sample = selectors.school_sample(actor=request.user, school=school)
    user = request.user
    return render(request, "sampling/school_detail.html", {
        "school": school,
        "sample": sample,
        "participants": selectors.participant_list(actor=user, school=school),
        "removed": selectors.participant_list(actor=user, school=school,
                                              include_removed=True)
        .filter(removed_at__isnull=False),
        "blockers": services.dnt_blockers(sample) if sample else None,
        "may_verify": (sample is not None and sample.stage == Stage.DNS
                       and user.has_perm("sampling.verify_dns")),
        "may_resolve": (sample is not None and sample.stage == Stage.DNS
                        and user.has_perm("sampling.resolve_dns")
                        and samples_school(user, school)),
        "may_finalise": (sample is not None and sample.stage == Stage.DNS
                         and user.has_perm("sampling.finalise_dnt")
                         and finalises_school(user, school)),
        "flag_form": FlagForm(),
        "reason_form": ReasonForm(),
        "flagged": Verification.FLAGGED,
    })


@view_required
def eligibility(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    form = EligibilityFilterForm(request.GET)
    only = form.cleaned_data["only"] if form.is_valid() else ""
    rows = selectors.eligibility_rows(actor=request.user, school=school, only=only)
    return render_list(request, "sampling/eligibility.html", form, rows, {
        "school": school, "eligible": sum(1 for r in rows if r["verdict"].eligible)})


@_action("sampling.verify_dns")
def participant_confirm(request, pk):
    participant = selectors.participant_get(actor=request.user, pk=pk)
    services.participant_confirm(actor=request.user, participant=participant)
    return redirect("sampling:school_detail", npsn=participant.school.npsn)


@_action("sampling.verify_dns")
def participant_flag(request, pk):
    participant = selectors.participant_get(actor=request.user, pk=pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Pilih alasan dan tuliskan catatan."))
    services.participant_flag(actor=request.user, participant=participant,
                              **form.cleaned_data)
    messages.success(request, _("%(name)s ditandai; tim kabupaten/kota akan "
                                "menindaklanjuti.") % {"name": participant.student.name})
    return redirect("sampling:school_detail", npsn=participant.school.npsn)


@permission_required_404("sampling.resolve_dns")
def participant_resolve(request, pk):
    participant = selectors.participant_get(actor=request.user, pk=pk)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == ResolveForm.KEEP:
                services.flag_resolve_keep(actor=request.user, participant=participant,
                                           note=form.cleaned_data["note"],
                                           corrections=form.corrections())
                messages.success(request, _("Peserta tetap; data disimpan."))
            else:
                joined = services.flag_resolve_remove(actor=request.user,
                                                      participant=participant,
                                                      note=form.cleaned_data["note"])
                messages.success(request, _("Peserta dihapus; penggantinya %(name)s.")
                                 % {"name": joined.student.name} if joined else
                                 _("Peserta dihapus; tidak ada calon pengganti lagi."))
            return redirect("sampling:school_detail", npsn=participant.school.npsn)
        except (PermissionDenied, ValidationError) as refused:
            form.add_error(None, _refusal_text(refused))
    return render(request, "sampling/participant_resolve.html",
                  {"participant": participant, "form": form})


@_action("sampling.verify_dns")
def confirm_all(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    count = services.dns_confirm_all(actor=request.user, school=school)
    messages.success(request, _("%(n)d peserta dikonfirmasi.") % {"n": count})
    return redirect("sampling:school_detail", npsn=npsn)


@_action("sampling.run_sampling")
def resample(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run = services.school_resample(actor=request.user, school=school, reason=reason)
    messages.success(request, _("Sampling ulang selesai (seed %(seed)d).") % {"seed": run.seed})
    return redirect("sampling:school_detail", npsn=npsn)


@_action("sampling.finalise_dnt")
def finalise(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    services.dnt_finalise(actor=request.user, school=school)
    messages.success(request, _("DNT %(school)s ditetapkan; nomor peserta diberikan.")
                     % {"school": school.name})
    return redirect("sampling:school_detail", npsn=npsn)


@_action("sampling.finalise_dnt")
def finalise_ready(request):
    done, blocked = services.dnt_finalise_ready(actor=request.user)
    messages.success(request, _("DNT ditetapkan untuk %(done)d sekolah; %(blocked)d sekolah "
                                "masih menunggu verifikasi.")
                     % {"done": done, "blocked": blocked})
    return redirect("sampling:school_list")


# ---------------------------------------------------------------------------------------------
# Reserves (P-9) and SLB respondents (P-8)

@permission_required_404("sampling.activate_reserves")
def reserves(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    sample = selectors.school_sample(actor=request.user, school=school)
    if request.method == "POST":
        form = ReserveForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Tuliskan alasan peserta utama berhalangan."))
            absent = selectors.participant_get(actor=request.user,
                                               pk=form.cleaned_data["absent"])
            if absent.school_id != school.pk:
                raise Http404
            activation = services.reserve_activate(actor=request.user, absent=absent,
                                                   reason=form.cleaned_data["reason"])
        except (PermissionDenied, ValidationError) as refused:
            messages.error(request, _refusal_text(refused))
        else:
            messages.success(request, _("%(reserve)s menggantikan %(absent)s untuk kedua "
                                        "hari.") % {"reserve": activation.reserve.student.name,
                                                   "absent": absent.student.name})
        return redirect("sampling:reserves", npsn=npsn)
    return render(request, "sampling/reserves.html", {
        "school": school, "sample": sample, "deadline": reserve_deadline(school),
        **selectors.reserve_board(actor=request.user, school=school)})


@view_required
def respondents(request):
    form = RespondentFilterForm(request.GET, actor=request.user)
    rows = selectors.respondents(actor=request.user, **form.selector_kwargs())
    return render_list(request, "sampling/respondents.html", form, rows)


# ---------------------------------------------------------------------------------------------
# Files: DNS/DNT as CSV or PDF, the district DNS, parent letters (P-7, P-10)

def _file(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@view_required
def export(request, npsn, kind, fmt):
    if kind not in exports.KINDS or fmt not in exports.FORMATS:
        raise Http404
    school = selectors.school_get(actor=request.user, npsn=npsn)
    sample = selectors.school_sample(actor=request.user, school=school)
    participants = selectors.participant_list(actor=request.user, school=school, stage=kind)
    try:
        content, name = exports.export_file(kind=kind, fmt=fmt, school=school, sample=sample,
                                            participants=participants)
    except exports.ExportRefused as refused:
        messages.error(request, str(refused))
        return redirect("sampling:school_detail", npsn=npsn)
    return _file(content, name, fmt)


@permission_required_404("sampling.run_sampling")
def district_dns(request, code):
    district = get_object_or_404(region_list(actor=request.user).filter(parent__isnull=False),
                                 code=code)
    participants = selectors.district_participants(actor=request.user, district=district)
    content = pdfs.district_dns_pdf(district=district, participants=participants)
    return _file(content, f"dns-{district.code}.pdf", "pdf")


@view_required
def parent_letters(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    sample = selectors.school_sample(actor=request.user, school=school)
    if not pdfs.stage_ready(sample, Stage.DNT):
        messages.error(request, _("Surat orang tua dicetak setelah DNT ditetapkan."))
        return redirect("sampling:school_detail", npsn=npsn)
    assessment = sample.assessment
    content = pdfs.parent_letters_pdf(
        school=school, sample=sample,
        participants=selectors.participant_list(actor=request.user, school=school),
        starts_on=timezone.localtime(assessment.starts_at).date()
        if assessment.starts_at else None, ends_on=assessment.ends_on)
    return _file(content, f"surat-orang-tua-{school.npsn}.pdf", "pdf")
