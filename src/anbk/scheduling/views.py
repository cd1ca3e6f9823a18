"""Thin views of scheduling: every read through selectors, every write through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.accounts.models import SCHOOL_ROLES
from anbk.core.schedule import (
    DAY_PAIRS,
    LEVEL_WAVES,
    SECTION_LABELS,
    SESSION_TIMES,
    TEST_DAYS,
    max_sessions_per_day,
)
from anbk.portal.access import permission_required_404
from anbk.portal.lists import PAGE_SIZE, render_list
from anbk.scheduling import selectors, services, sources
from anbk.scheduling.checklist import LABELS, ORDER, checklists
from anbk.scheduling.forms import (
    CalendarEntryForm,
    CalendarFilterForm,
    ChecklistFilterForm,
    PlacementForm,
    SessionsForm,
)
from anbk.scheduling.models import CredentialKind
from anbk.scheduling.planner import Slot

calendar_viewer = permission_required_404("scheduling.view_calendar")
calendar_editor = permission_required_404("scheduling.edit_calendar")
credential_keeper = permission_required_404("scheduling.manage_credentials")


def _form_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@calendar_viewer
def home(request):
    """A school's people see their school's schedule; the teams the calendar."""
    if request.user.role in SCHOOL_ROLES:
        return _school_schedule(request, request.user.school.npsn)
    return calendar(request)


@calendar_viewer
def calendar(request):
    form = CalendarFilterForm(request.GET)
    entries = selectors.calendar_list(**form.selector_kwargs())
    return render_list(request, "scheduling/calendar.html", form, entries)


@calendar_editor
def calendar_edit(request, pk):
    entry = selectors.calendar_entry_get(pk=pk)
    form = CalendarEntryForm(request.POST or None, initial=CalendarEntryForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_entry_update(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Kalender diperbarui: %(title)s %(level)s.")
                             % {"title": entry.title, "level": entry.level})
            return redirect("scheduling:calendar")
    return render(request, "scheduling/calendar_edit.html", {"form": form, "entry": entry})


def _day_plan(level: str) -> list[dict]:
    """J-2 and J-3 for one level: each test day's sections, minutes and session times."""
    return [{"day": index + 1,
             "sections": [(SECTION_LABELS[section], minutes) for section, minutes in day.sections],
             "minutes": day.minutes,
             "times": [t.label() for t in SESSION_TIMES[level][index]]}
            for index, day in enumerate(TEST_DAYS[level])]


@calendar_viewer
def school_schedule(request, npsn):
    return _school_schedule(request, npsn)


def _school_schedule(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    host = sources.host_of(school)
    return render(request, "scheduling/school_schedule.html", {
        "school": school, "host": host,
        "entries": selectors.school_calendar(actor=request.user, school=school),
        "days": _day_plan(school.level),
        "sessions": [(s, selectors.session_days(s))
                     for s in selectors.level_sessions(host, school.level)],
    })


@credential_keeper
def credential_list(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    return render(request, "scheduling/credential_list.html", {
        "school": school,
        "credentials": selectors.credential_list(actor=request.user, school=school),
        "kinds": CredentialKind,
    })


@credential_keeper
@require_POST
def credentials_issue_educators(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    try:
        new = services.credentials_issue_educators(actor=request.user, school=school)
    except PermissionDenied as denied:
        messages.error(request, str(denied))
    else:
        messages.success(request, _("%(n)d akun login pendidik/kepala sekolah diterbitkan.")
                         % {"n": len(new)})
    return redirect("scheduling:credential_list", npsn=school.npsn)


@credential_keeper
@require_POST
def credential_revoke(request, pk):
    credential = selectors.credential_get(actor=request.user, pk=pk)
    try:
        services.credential_revoke(actor=request.user, credential=credential)
    except PermissionDenied as denied:
        messages.error(request, str(denied))
    else:
        messages.success(request, _("Kata sandi %(username)s dicabut; cetak ulang kartunya.")
                         % {"username": credential.username})
    return redirect("scheduling:credential_list", npsn=credential.school.npsn)


# --- sessions, placement, checklist (J-4) ----------------------------------------------------

session_keeper = permission_required_404("scheduling.manage_sessions")
checklist_viewer = permission_required_404("scheduling.view_checklist")


def _pair_days(pair: int) -> str:
    return "–".join(str(day) for day in Slot(pair, 1).days)


def _session_forms(school, data=None, only: str = ""):
    forms = []
    for level in sources.levels_at(school):
        sessions = list(selectors.level_sessions(school, level))
        initial = {f"pair_{p}": sum(s.pair == p for s in sessions)
                   for p in range(1, DAY_PAIRS + 1)}
        if sessions:
            initial["wave"] = sessions[0].wave
        else:
            initial["pair_1"] = selectors.suggested_sessions(school, level)
        bound = data if level == only else None
        forms.append(SessionsForm(bound, level=level, waves=LEVEL_WAVES[level],
                                  pairs=DAY_PAIRS, days_of_pair=_pair_days,
                                  most=max_sessions_per_day(level), initial=initial))
    return forms


@session_keeper
def sessions(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    host = sources.host_of(school)
    level = request.POST.get("level", "") if request.method == "POST" else ""
    forms = _session_forms(school, request.POST, only=level) if host == school else []
    status = 200
    if request.method == "POST" and host == school:
        form = next((f for f in forms if f.is_bound), None)
        if form is None:
            messages.error(request, _("Jenjang tidak dikenal."))
            status = 400
        elif form.is_valid():
            try:
                outcome = services.sessions_set(actor=request.user, school=school,
                                                **form.service_kwargs())
            except ValidationError as error:
                _form_errors(form, error)
                status = 400
            else:
                messages.success(request, _("Sesi %(level)s disimpan: %(n)d sesi, %(seats)d "
                                            "kursi untuk %(p)d peserta.")
                                 % {"level": level, "n": len(outcome.sessions),
                                    "seats": outcome.seats, "p": outcome.participants})
                for warning in outcome.warnings:
                    messages.warning(request, warning)
                return redirect("scheduling:placement", npsn=school.npsn)
    return render(request, "scheduling/sessions.html", {
        "school": school, "host": host, "forms": forms,
        "rooms": sources.host_rooms(host)}, status=status)


@session_keeper
def placement(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    host = sources.host_of(school)
    rows = selectors.host_placements(actor=request.user, school=host) if host == school else []
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "scheduling/placement.html", {
        "school": school, "host": host, "page": page,
        "sessions": [(s, services.session_label(s)) for s in
                     selectors.school_sessions(actor=request.user, school=host)]
        if host == school else [],
        "levels": sources.levels_at(host) if host == school else [],
        "unplaced": selectors.unplaced_participants(actor=request.user, school=host)
        if host == school else [],
        "own": selectors.placements_for_cards(actor=request.user, school=school)
        if host != school else [],
    })


@session_keeper
@require_POST
def placement_run(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    try:
        outcome = services.placement_run(actor=request.user, school=school,
                                         level=request.POST.get("level", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _(
            "Penempatan selesai: %(placed)d peserta mendapat tempat (%(kept)d pindahan manual "
            "tetap), %(unplaced)d belum; %(logins)d akun login baru.") % {
            "placed": outcome.placed, "kept": outcome.kept_manual,
            "unplaced": outcome.unplaced, "logins": outcome.credentials_issued})
        if outcome.unplaced:
            messages.warning(request, _("Kursi tidak cukup: tambah sesi atau ruang."))
    return redirect("scheduling:placement", npsn=school.npsn)


@session_keeper
def placement_move(request, pk):
    participant = selectors.movable_participant_get(actor=request.user, pk=pk)
    host = participant.host
    current = selectors.placement_of(participant)
    form = PlacementForm(
        request.POST or None,
        sessions=selectors.level_sessions(host, participant.school.level),
        rooms=sources.host_rooms(host), session_label=services.session_label,
        initial={"session": current.session_id, "room": current.room_id, "seat": current.seat}
        if current else {})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            warnings = services.placement_set(actor=request.user, participant=participant,
                                              **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
            status = 400
        else:
            messages.success(request, _("%(name)s dipindahkan.")
                             % {"name": participant.student.name})
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("scheduling:placement", npsn=host.npsn)
    return render(request, "scheduling/placement_move.html", {
        "participant": participant, "host": host, "current": current, "form": form},
        status=status)


@checklist_viewer
def checklist(request, npsn):
    school = selectors.schedulable_school_get(actor=request.user, npsn=npsn)
    return render(request, "scheduling/checklist.html", {
        "school": school, "host": sources.host_of(school),
        "items": selectors.school_checklist(actor=request.user, school=school)})


@checklist_viewer
def checklist_list(request):
    form = ChecklistFilterForm(request.GET)
    schools = selectors.checklist_schools(actor=request.user, **form.selector_kwargs())
    page = Paginator(schools, PAGE_SIZE).get_page(request.GET.get("page"))
    items = checklists(page.object_list)
    rows = [{"school": school, "items": items[school.pk],
             "open": sum(1 for item in items[school.pk] if not item.ok)} for school in page]
    template = "scheduling/checklist_list.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, {"form": form, "page": page, "rows": rows,
                                      "labels": [LABELS[key] for key in ORDER]})
