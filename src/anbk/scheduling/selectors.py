"""Every read of scheduling. The national calendar is national data; everything about a
school goes through the actor's scope (anbk.core.scoping.school_q)."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from anbk.core.resources import ROOM_MAX_CLIENTS
from anbk.core.schedule import (
    LEVEL_WAVES,
    NO_WAVE,
    CalendarKind,
    SessionTime,
    max_sessions_per_day,
    session_time,
    time_zone_of,
)
from anbk.core.scoping import school_q
from anbk.registry.models import School
from anbk.scheduling import sources
from anbk.scheduling.checklist import checklists
from anbk.scheduling.credentials import derive_password
from anbk.scheduling.models import CalendarEntry, Credential, Placement, Session
from anbk.scheduling.planner import Slot


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
    if wave is None:  # the wave its host chose for its level
        wave = (Session.objects.filter(school=sources.host_of(school), level=school.level)
                .values_list("wave", flat=True).first())
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


# --- sessions, times, placement (J-1, J-3, J-4) ---------------------------------------------

def assessment_days(level: str, wave: int) -> tuple[datetime.date, ...]:
    """The four assessment days of a level and wave from the (edited) calendar."""
    entry = (CalendarEntry.objects.filter(level=level, kind=CalendarKind.ASSESSMENT,
                                          wave__in=[wave, NO_WAVE])
             .order_by("-wave", "start").first())
    return entry.days if entry is not None else ()


@dataclass(frozen=True)
class SessionDay:
    day: int  # the test day of the participant: 1 or 2
    date: datetime.date | None
    start: datetime.datetime | None
    time: SessionTime


def session_days(session: Session, *, days: tuple[datetime.date, ...] | None = None
                 ) -> list[SessionDay]:
    """When a session runs: test day 1 and day 2 with their date and local start (J-1, J-3);
    date and start are None while the calendar has no assessment week for it."""
    days = assessment_days(session.level, session.wave) if days is None else days
    zone = zoneinfo.ZoneInfo(time_zone_of(session.school.province.code
                                          if session.school.province_id else None))
    result = []
    for test_day, index in enumerate(Slot(session.pair, session.number).days, start=1):
        time = session_time(session.level, test_day, session.number)
        date = days[index - 1] if index <= len(days) else None
        start = (datetime.datetime.combine(date, time.start, tzinfo=zone)
                 if date is not None else None)
        result.append(SessionDay(day=test_day, date=date, start=start, time=time))
    return result


def first_session_start(school: School) -> datetime.datetime | None:
    """The start of the school's first session on day 1 (P-9's reserve deadline counts back
    from it): the earliest session its participants are placed in, else the earliest session
    its host holds for its level; None while there is none or the calendar has no week."""
    placed = (Session.objects.filter(placements__participant__school=school)
              .select_related("school__province").distinct())
    sessions = list(placed) or list(
        Session.objects.filter(school=sources.host_of(school), level=school.level)
        .select_related("school__province"))
    starts = [session_days(s)[0].start for s in sessions]
    starts = [s for s in starts if s is not None]
    return min(starts) if starts else None


def school_sessions(*, actor, school: School, level: str = "") -> QuerySet[Session]:
    """The sessions a host holds (for all its levels, or one), with how many sit in each."""
    qs = (Session.objects.filter(school_q(actor, "school__"), school=school)
          .select_related("school__province").annotate(seated=Count("placements")))
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("level", "pair", "number")


def session_get(*, actor, pk: int) -> Session:
    return get_object_or_404(Session.objects.filter(school_q(actor, "school__"))
                             .select_related("school__province"), pk=pk)


@dataclass(frozen=True)
class PlacementRow:
    """One participant's place and login (what a login card, an attendance list and a
    session roster print). `password` is derived here, never stored."""

    participant_id: int
    name: str
    nisn: str
    an_number: str
    participant_type: str  # "main" or "reserve"
    npsn: str
    school: str
    host_npsn: str
    host: str
    username: str
    password: str
    level: str
    session_id: int
    session: int  # session number of the day
    day1: datetime.date | None
    day2: datetime.date | None
    time_day1: str  # "07.30–09.40"
    time_day2: str
    room_id: int
    room: str
    proctor_id: str  # "" while the room has no proctor server
    seat: int


_ROW_RELATED = ("participant__student", "participant__school", "session__school__province",
                "room__proctor_server")


def _rows(placements) -> list[PlacementRow]:
    placements = list(placements.select_related(*_ROW_RELATED))
    credentials = {c.student_id: c for c in Credential.objects.filter(
        student_id__in=[p.participant.student_id for p in placements], is_active=True)}
    weeks: dict[tuple[str, int], tuple] = {}
    rows = []
    for p in placements:
        session, student = p.session, p.participant.student
        week = weeks.setdefault((session.level, session.wave),
                                assessment_days(session.level, session.wave))
        day1, day2 = session_days(session, days=week)
        credential = credentials.get(student.pk)
        server = getattr(p.room, "proctor_server", None)
        rows.append(PlacementRow(
            participant_id=p.participant_id, name=student.name, nisn=student.nisn,
            an_number=p.participant.an_number, participant_type=p.participant.participant_type,
            npsn=p.participant.school.npsn, school=p.participant.school.name,
            host_npsn=session.school.npsn, host=session.school.name,
            username=credential.username if credential else "",
            password=derive_password(credential.username, credential.version)
            if credential else "",
            level=session.level, session_id=session.pk, session=session.number,
            day1=day1.date, day2=day2.date, time_day1=day1.time.label(),
            time_day2=day2.time.label(), room_id=p.room_id, room=p.room.name,
            proctor_id=server.proctor_id if server else "", seat=p.seat))
    return rows


def placements_for_cards(*, actor, school: School) -> list[PlacementRow]:
    """Every placed participant OF this school (wherever they sit, S-2), for its login
    cards, in NISN order. Scoped: nothing for a school outside the actor's scope."""
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        return []
    return _rows(Placement.objects.filter(participant__school=school)
                 .order_by("participant__student__nisn"))


def session_roster(*, actor, session: Session, room=None) -> list[PlacementRow]:
    """Who sits in a session AT this host (guests included), by room and seat: attendance
    lists and berita acara. Scoped on the host."""
    if not School.objects.filter(school_q(actor), pk=session.school_id).exists():
        return []
    qs = Placement.objects.filter(session=session)
    if room is not None:
        qs = qs.filter(room=room)
    return _rows(qs.order_by("room__name", "room_id", "seat"))


def host_placements(*, actor, school: School, level: str = "") -> list[PlacementRow]:
    """Every seat taken at a host, by session, room and seat (the placement page)."""
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        return []
    qs = Placement.objects.filter(session__school=school)
    if level:
        qs = qs.filter(session__level=level)
    return _rows(qs.order_by("session__level", "session__pair", "session__number",
                             "room__name", "room_id", "seat"))


def unplaced_participants(*, actor, school: School, level: str = ""):
    """Participants who sit at this host (its own and its guests') without a seat."""
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        return []
    levels = [level] if level else sources.levels_at(school)
    result = []
    for lv in levels:
        result += list(sources.participants_at(school, lv).filter(placement__isnull=True)
                       .order_by("school__npsn", "participant_type", "student__name"))
    return result


def movable_participant_get(*, actor, pk: int):
    """A participant whose seat the actor may set: one sitting at a host in the actor's
    scope (a host places its guests, S-2); 404 otherwise."""
    from anbk.sampling.models import Participant

    participant = get_object_or_404(
        Participant.objects.filter(removed_at__isnull=True)
        .select_related("student", "school"), pk=pk)
    host = sources.host_of(participant.school)
    if not School.objects.filter(school_q(actor), pk=host.pk).exists():
        raise Http404
    participant.host = host
    return participant


def school_checklist(*, actor, school: School) -> list:
    """"Cek Kelengkapan Data" of one school in the actor's scope."""
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        return []
    return checklists([school])[school.pk]


def checklist_schools(*, actor, search: str = "", district_code: str = "") -> QuerySet[School]:
    """The schools of the district overview: in scope, with participants this assessment."""
    from anbk.sampling.selectors import current_assessment

    qs = (School.objects.filter(school_q(actor), participants__assessment=current_assessment(),
                                participants__removed_at__isnull=True)
          .select_related("district").distinct())
    if search:
        qs = qs.filter(Q(npsn__startswith=search.strip()) | Q(name__icontains=search.strip()))
    if district_code:
        qs = qs.filter(district__code=district_code)
    return qs.order_by("npsn")


def level_sessions(host: School, level: str) -> QuerySet[Session]:
    """A host's sessions of one level (the host was scope-checked by the caller)."""
    return Session.objects.filter(school=host, level=level).select_related("school__province")


def placement_of(participant) -> Placement | None:
    return Placement.objects.filter(participant=participant).first()


def suggested_sessions(host: School, level: str) -> int:
    """Sessions a day that seat everyone of this level at the host, within J-4/S-3."""
    seats = sum(min(room.clients, ROOM_MAX_CLIENTS) for room in sources.host_rooms(host))
    participants = sources.participants_at(host, level).count()
    if not seats or not participants:
        return 0
    return min(max_sessions_per_day(level), -(-participants // seats))
