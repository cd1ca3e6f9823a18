"""Every read of scheduling. The national calendar is national data; everything about a
school goes through the actor's scope (anbk.core.scoping.school_q)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from anbk.core.schedule import LEVEL_WAVES, NO_WAVE
from anbk.core.scoping import school_q
from anbk.registry.models import School
from anbk.scheduling.credentials import derive_password
from anbk.scheduling.models import CalendarEntry, Credential


def calendar_list(*, level: str = "", wave: int | None = None) -> QuerySet[CalendarEntry]:
    qs = CalendarEntry.objects.all()
    if level:
        qs = qs.filter(level=level)
    if wave is not None:
        qs = qs.filter(wave__in=[wave, NO_WAVE])
    return qs.order_by("start", "level", "wave", "kind")


def calendar_entry_get(*, pk: int) -> CalendarEntry:
    return get_object_or_404(CalendarEntry, pk=pk)


def schedulable_school_get(*, actor, npsn: str) -> School:
    """404 for a school outside the actor's scope."""
    return get_object_or_404(School.objects.filter(school_q(actor)), npsn=npsn)


def school_waves(school: School) -> tuple[int, ...]:
    """The waves a school of this level may be in (only SD level has waves)."""
    return LEVEL_WAVES[school.level]


def school_calendar(*, actor, school: School, wave: int | None = None
                    ) -> QuerySet[CalendarEntry]:
    """The windows of the calendar that concern this school: its level, and its wave once
    it has one (before that, every wave of its level)."""
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        return CalendarEntry.objects.none()
    return calendar_list(level=school.level, wave=wave)


@dataclass(frozen=True)
class CredentialRow:
    username: str
    password: str
    kind: str
    name: str
    identifier: str  # NISN for a participant, NUPTK (else blank) for a teacher/principal
    position: str  # "", or the Position of a teacher/principal
    npsn: str
    school: str
    version: int


def credential_list(*, actor, school: School, kind: str = "") -> QuerySet[Credential]:
    qs = (Credential.objects.filter(school_q(actor, "school__"), school=school)
          .select_related("school", "student", "service__person"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "username")


def credential_get(*, actor, pk: int) -> Credential:
    return get_object_or_404(
        Credential.objects.filter(school_q(actor, "school__")).select_related("school"), pk=pk)


def credential_rows(*, actor, school: School, kind: str = "") -> list[CredentialRow]:
    """What a login card shows, password included (derived, never stored): for the
    documents app's card renderer. Active credentials only."""
    rows = []
    for c in credential_list(actor=actor, school=school, kind=kind).filter(is_active=True):
        if c.student_id:
            name, identifier, position = c.student.name, c.student.nisn, ""
        else:
            person = c.service.person
            name, identifier, position = person.name, person.nuptk, c.service.position
        rows.append(CredentialRow(
            username=c.username, password=derive_password(c.username, c.version), kind=c.kind,
            name=name, identifier=identifier, position=position, npsn=c.school.npsn,
            school=c.school.name, version=c.version))
    return rows
