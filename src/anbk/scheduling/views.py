"""Thin views of scheduling: every read through selectors, every write through services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.accounts.models import SCHOOL_ROLES
from anbk.core.schedule import (
    SECTION_LABELS,
    SESSION_TIMES,
    TEST_DAYS,
)
from anbk.portal.access import permission_required_404
from anbk.portal.lists import render_list
from anbk.scheduling import selectors, services
from anbk.scheduling.forms import CalendarEntryForm, CalendarFilterForm
from anbk.scheduling.models import CredentialKind

calendar_viewer = permission_required_404("scheduling.view_calendar")
calendar_editor = permission_required_404("scheduling.edit_calendar")
credential_keeper = permission_required_404("scheduling.manage_credentials")


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
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
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
    return render(request, "scheduling/school_schedule.html", {
        "school": school,
        "entries": selectors.school_calendar(actor=request.user, school=school),
        "days": _day_plan(school.level),
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
