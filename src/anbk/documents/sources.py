"""Adapters: the documents' plain dataclasses built from the apps they print — scheduling's
placement rows and credentials (docs/scheduling.md), sampling's reserve activations (P-9),
staffing's rooms, proctor servers and officials. Each takes the acting user and reads only
through scoped selectors, or for a school/session the caller already holds in scope.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils import formats
from django.utils.translation import gettext as _

from anbk.core.schedule import DAYS_PER_PARTICIPANT
from anbk.documents.cards import CardRow, SurveyCardRow, render_login_cards, render_survey_cards
from anbk.documents.models import PrintKind, ScanKind
from anbk.documents.sheets import (
    AttendanceSheet,
    Recap,
    RecapSection,
    ReserveActivation,
    Seat,
    SessionInfo,
    SessionReport,
    render_attendance,
    render_session_report,
)
from anbk.registry.models import Position, School
from anbk.sampling.models import ParticipantType
from anbk.sampling.models import ReserveActivation as Activation
from anbk.scheduling import selectors as scheduling
from anbk.scheduling.models import CredentialKind, Session
from anbk.scheduling.sources import host_of
from anbk.staffing.models import Room


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "l, j-n-Y") if day else _("tanggal belum ditetapkan")


def _room_label(room: str, proctor_id: str) -> str:
    return f"{room} (ID proktor {proctor_id})" if proctor_id else room


def assessment_year() -> int:
    from anbk.sampling.selectors import current_assessment

    assessment = current_assessment()
    return assessment.year if assessment else datetime.date.today().year


# The test days of a session (J-1: each participant sits 2 days).
SESSION_DAYS = tuple(range(1, DAYS_PER_PARTICIPANT + 1))


def session_dates(session: Session) -> list[tuple[int, datetime.date | None]]:
    """(test day, its date) of a session; the date is None while the calendar has none."""
    return [(day.day, day.date) for day in scheduling.session_days(session)]


def sheets_expected(school_ids) -> dict[int, int]:
    """Per host school: how many signed scans its sessions owe — each room of each
    session, on each test day, an attendance list and a session report."""
    from anbk.scheduling.models import Placement

    pairs = Counter(school for school, _session, _room in Placement.objects.filter(
        session__school_id__in=list(school_ids)).values_list(
        "session__school_id", "session_id", "room_id").distinct())
    return {school: n * len(SESSION_DAYS) * len(ScanKind.values)
            for school, n in pairs.items()}


def card_rows(*, actor, school: School, session_id: int | None = None) -> list[CardRow]:
    """Login cards of a school's placed participants with a login (J-5), optionally of one
    session; in NISN order."""
    rows = scheduling.placements_for_cards(actor=actor, school=school)
    return [CardRow(
        name=r.name, nisn=r.nisn, an_number=r.an_number, school=r.school,
        username=r.username, password=r.password,
        days=(f"{_date(r.day1)} · {_('Sesi')} {r.session} · {r.time_day1}",
              f"{_date(r.day2)} · {_('Sesi')} {r.session} · {r.time_day2}"),
        room=_room_label(f"{r.room} · {r.host}" if r.host_npsn != r.npsn else r.room,
                         r.proctor_id),
        seat=f"{r.seat:02d}")
        for r in rows if r.username and (session_id is None or r.session_id == session_id)]


def survey_rows(*, actor, school: School) -> list[SurveyCardRow]:
    """SLB cards of the school's teachers and principal (J-7, P-8)."""
    window = survey_window(school)
    positions = dict(Position.choices)
    return [SurveyCardRow(
        name=r.name, role=str(positions.get(r.position, r.position)),
        id_label="NUPTK", id_value=r.identifier, school=f"{r.school} ({r.npsn})",
        username=r.username, password=r.password, window=window)
        for r in scheduling.credential_rows(actor=actor, school=school,
                                            kind=CredentialKind.EDUCATOR)]


def survey_window(school: School) -> str:
    """The school's four assessment days (J-7: the SLB is filled within them)."""
    host = host_of(school)
    session = Session.objects.filter(school=host, level=school.level).first()
    days = scheduling.assessment_days(school.level, session.wave if session else 0)
    if not days:
        return _("tanggal belum ditetapkan")
    return f"{formats.date_format(days[0], 'j F Y')} – {formats.date_format(days[-1], 'j F Y')}"


# --- a session's paperwork: per session, room and test day (J-5, D-8) ------------------------

@dataclass(frozen=True)
class SessionRoom:
    """One room of a host's session: its attendance list and report are printed and
    uploaded for each of the session's two test days."""

    session: Session
    room_id: int
    room: str
    proctor_id: str
    seated: int

    @property
    def label(self) -> str:
        from anbk.scheduling.services import session_label

        return f"{self.session.get_level_display()} · {session_label(self.session)}"


def session_rooms(*, actor, school: School) -> list[SessionRoom]:
    """The (session, room) pairs a host holds, in session order, with how many sit there."""
    rows = scheduling.host_placements(actor=actor, school=school)
    sessions = {s.pk: s for s in scheduling.school_sessions(actor=actor, school=school)}
    seated: Counter = Counter((r.session_id, r.room_id) for r in rows)
    first = {}
    for r in rows:
        first.setdefault((r.session_id, r.room_id), r)
    return [SessionRoom(sessions[sid], rid, first[(sid, rid)].room, first[(sid, rid)].proctor_id,
                        count)
            for (sid, rid), count in seated.items() if sid in sessions]


def _tests(level: str, day: int) -> str:
    from anbk.core.schedule import SECTION_LABELS, TEST_DAYS, Section

    sections = TEST_DAYS[level][day - 1].sections
    return ", ".join(_(SECTION_LABELS[s]) for s, _m in sections if s != Section.PRACTICE)


def _officials(session: Session, room_id: int, day: int) -> dict[str, str]:
    from anbk.staffing.models import Assignment

    return {a.role: a.person.name for a in Assignment.objects.filter(
        school=session.school, room_id=room_id, day=day, session=session.number,
    ).select_related("person")}


def _info(session: Session, room_id: int, day: int, rows) -> SessionInfo:
    school = session.school
    first = rows[0] if rows else None
    date = (first.day1 if day == 1 else first.day2) if first else None
    time = (first.time_day1 if day == 1 else first.time_day2) if first else ""
    room = Room.objects.select_related("proctor_server").get(pk=room_id)
    server = getattr(room, "proctor_server", None)
    region = ", ".join(r.name for r in (school.district, school.province) if r is not None)
    return SessionInfo(
        school=school.name, npsn=school.npsn, region=region,
        room=_room_label(room.name, server.proctor_id if server else ""),
        day=f"{_('Hari')} {day} · {_date(date)}",
        session=f"{_('Sesi')} {session.number}" + (f" · {time}" if time else ""),
        tests=_tests(session.level, day), year=assessment_year())


def _place_date(school: School, rows, day: int) -> str:
    first = rows[0] if rows else None
    date = (first.day1 if day == 1 else first.day2) if first else None
    place = school.district.name if school.district_id else school.country
    return f"{place}, {formats.date_format(date, 'j F Y')}" if date else ""


def attendance_sheet(*, actor, session: Session, room_id: int, day: int) -> AttendanceSheet:
    rows = scheduling.session_roster(actor=actor, session=session, room=room_id)
    officials = _officials(session, room_id, day)
    return AttendanceSheet(
        info=_info(session, room_id, day, rows),
        seats=tuple(Seat(seat=f"{r.seat:02d}", an_number=r.an_number, nisn=r.nisn, name=r.name,
                         username=r.username,
                         is_reserve=r.participant_type == ParticipantType.RESERVE,
                         school=r.school if r.npsn != session.school.npsn else "")
                    for r in rows),
        proctor=officials.get("proctor", ""), supervisor=officials.get("supervisor", ""),
        place_date=_place_date(session.school, rows, day))


def session_report(*, actor, session: Session, room_id: int, day: int) -> SessionReport:
    """The berita acara, with what is known before the session: who sits there, the reserves
    activated for absent main participants (P-9) and so their names; counts of who came are
    written in by hand."""
    from anbk.registry.selectors import school_principal

    rows = scheduling.session_roster(actor=actor, session=session, room=room_id)
    ids = [r.participant_id for r in rows]
    activations = Activation.objects.filter(reserve_id__in=ids).select_related(
        "reserve__student", "absent__student")
    officials = _officials(session, room_id, day)
    principal = school_principal(actor=actor, school=session.school)
    return SessionReport(
        info=_info(session, room_id, day, rows), scheduled=len(rows),
        absent=tuple(a.absent.student.name for a in activations),
        reserves=tuple(ReserveActivation(a.reserve.student.name, a.absent.student.name)
                       for a in activations),
        proctor=officials.get("proctor", ""), supervisor=officials.get("supervisor", ""),
        principal=principal.person.name if principal else "",
        place_date=_place_date(session.school, rows, day))


# --- recap (J-5: per school, proctor server, room and participant) -------------------------

def recap(*, actor, school: School) -> Recap:
    rows = scheduling.host_placements(actor=actor, school=school)
    unplaced = scheduling.unplaced_participants(actor=actor, school=school)
    by_school: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        by_school[(r.npsn, r.school)][r.participant_type] += 1
    for p in unplaced:
        by_school[(p.school.npsn, p.school.name)]["unplaced"] += 1
    by_room: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        by_room[(r.room, r.proctor_id)][r.session] += 1
    numbers = sorted({r.session for r in rows})
    return Recap(
        title=f"{school.name} ({school.npsn})",
        lines=((_("Peserta ditempatkan"), len(rows)), (_("Belum ditempatkan"), len(unplaced)),
               (_("Ruang / ID proktor"), len(by_room)),
               (_("Sesi"), len(scheduling.school_sessions(actor=actor, school=school)))),
        sections=(
            RecapSection(_("Per satuan pendidikan"),
                         (_("NPSN"), _("Satuan pendidikan"), _("Utama"), _("Cadangan"),
                          _("Belum ditempatkan")),
                         tuple((npsn, name, c["main"], c["reserve"], c["unplaced"])
                               for (npsn, name), c in sorted(by_school.items()))),
            RecapSection(_("Per ruang dan ID proktor"),
                         (_("Ruang"), _("ID proktor"),
                          *[_("Sesi %(n)d") % {"n": n} for n in numbers]),
                         tuple((room, proctor or "–", *[c[n] for n in numbers])
                               for (room, proctor), c in sorted(by_room.items()))),
            RecapSection(_("Per peserta"),
                         (_("Nama"), _("NISN"), _("Sekolah"), _("Sesi"), _("Ruang"),
                          _("Kursi"), _("Username")),
                         tuple((r.name, r.nisn, r.npsn, r.session, r.room, r.seat, r.username)
                               for r in rows)),
        ),
        year=assessment_year())


# --- one school's file of a district batch -------------------------------------------------

@dataclass(frozen=True)
class SchoolDocument:
    file_name: str
    items: int
    write: Callable[[BinaryIO], None]


def school_document(*, actor, school: School, kind: str) -> SchoolDocument | None:
    """A school's PDF of `kind` for a batch zip; None when it has nothing of that kind."""
    year = assessment_year()
    note = f"{school.name} ({school.npsn})"
    if kind == PrintKind.LOGIN_CARDS:
        cards = card_rows(actor=actor, school=school)
        return SchoolDocument(f"{school.npsn}-kartu-login.pdf", len(cards), lambda out:
                              render_login_cards(cards, out, year=year, footer_note=note)
                              ) if cards else None
    if kind == PrintKind.SURVEY_CARDS:
        cards = survey_rows(actor=actor, school=school)
        return SchoolDocument(f"{school.npsn}-kartu-slb.pdf", len(cards), lambda out:
                              render_survey_cards(cards, out, year=year, footer_note=note)
                              ) if cards else None
    rooms = session_rooms(actor=actor, school=school)
    if not rooms:
        return None
    if kind == PrintKind.ATTENDANCE:
        sheets = [attendance_sheet(actor=actor, session=r.session, room_id=r.room_id, day=d)
                  for r in rooms for d in SESSION_DAYS]
        return SchoolDocument(f"{school.npsn}-daftar-hadir.pdf", sum(len(s.seats) for s in sheets),
                              lambda out: out.write(render_attendance(*sheets)))
    if kind == PrintKind.SESSION_REPORT:
        reports = [session_report(actor=actor, session=r.session, room_id=r.room_id, day=d)
                   for r in rooms for d in SESSION_DAYS]
        return SchoolDocument(f"{school.npsn}-berita-acara.pdf", len(reports),
                              lambda out: out.write(render_session_report(*reports)))
    raise ValueError(kind)
