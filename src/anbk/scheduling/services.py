"""Every write of scheduling: the calendar, login credentials, sessions and placement.
Keyword-only, atomic, audited; bad input raises a ValidationError in Indonesian and changes
nothing."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.resources import ROOM_MAX_CLIENTS
from anbk.core.schedule import (
    ASSESSMENT_DAYS,
    DAY_PAIRS,
    LEVEL_WAVES,
    CalendarKind,
    calendar_days,
    max_sessions_per_day,
)
from anbk.core.scoping import school_q
from anbk.registry.models import Position, School, Service, Student
from anbk.scheduling import sources
from anbk.scheduling.credentials import derive_password, password_digest
from anbk.scheduling.models import (
    CalendarEntry,
    Credential,
    CredentialKind,
    Placement,
    Session,
)
from anbk.scheduling.planner import RoomSeats, Seat, Sitter, Slot, plan_placement
from anbk.staffing.models import Assignment, StaffRole


def _require(actor, permission: str, message: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(message)


def _require_school(actor, school: School, permission: str) -> None:
    _require(actor, permission, _("Anda tidak berwenang mengubah data ini."))
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        raise PermissionDenied(_("Sekolah ini di luar wilayah Anda."))


@transaction.atomic
def calendar_entry_update(*, actor, entry: CalendarEntry, title: str, start: datetime.date,
                          end: datetime.date,
                          excluded: list[datetime.date] | tuple = ()) -> CalendarEntry:
    """The centre moves a window of the national calendar (J-1)."""
    _require(actor, "scheduling.edit_calendar",
             _("Hanya pusat yang dapat mengubah kalender nasional."))
    title = title.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Judul wajib diisi.")
    if end < start:
        errors["end"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    elif outside := sorted(day for day in excluded if not start <= day <= end):
        errors["excluded"] = _("Tanggal %(days)s di luar rentang kegiatan.") % {
            "days": ", ".join(day.isoformat() for day in outside)}
    elif entry.kind == CalendarKind.ASSESSMENT:
        days = calendar_days(start, end, excluded)
        if len(days) != ASSESSMENT_DAYS:
            errors["end"] = _("Pelaksanaan AN berlangsung tepat %(n)d hari (J-1); rentang ini "
                              "memuat %(got)d hari.") % {"n": ASSESSMENT_DAYS, "got": len(days)}
    if errors:
        raise ValidationError(errors)
    before = {"title": entry.title, "start": entry.start, "end": entry.end,
              "excluded": list(entry.excluded)}
    entry.title, entry.start, entry.end = title, start, end
    entry.excluded = sorted({day.isoformat() for day in excluded})
    entry.save()
    audit_record(actor=actor, action="calendar.update", obj=entry, summary={
        "level": entry.level, "wave": entry.wave, "kind": entry.kind, "before": before,
        "after": {"title": title, "start": start, "end": end, "excluded": entry.excluded}})
    return entry


# --- login credentials (J-7) ---------------------------------------------------------------

PARTICIPANT_PREFIX = "P"
EDUCATOR_PREFIX = "G"


def participant_username(student: Student) -> str:
    return f"{PARTICIPANT_PREFIX}{student.nisn}"


def _new_credential(*, username: str, kind: str, school: School, **holder) -> Credential:
    version = 1
    return Credential(username=username, kind=kind, school=school, version=version,
                      digest=password_digest(username, derive_password(username, version)),
                      **holder)


@transaction.atomic
def credentials_issue_participants(*, actor, school: School, students) -> list[Credential]:
    """A login for each of these students of the school that has none; an existing one is
    kept (and made active again), so its printed card still works. Returns the new ones."""
    _require_school(actor, school, "scheduling.manage_credentials")
    students = list(students)
    foreign = [s.nisn for s in students if s.school_id != school.pk]
    if foreign:
        raise ValidationError(_("Peserta didik %(nisn)s bukan dari sekolah ini.")
                              % {"nisn": ", ".join(foreign)})
    new = _issue_for_students([(student, school) for student in students])
    audit_record(actor=actor, action="credential.issue_participants", obj=school,
                 summary={"npsn": school.npsn, "issued": len(new),
                          "kept": len(students) - len(new)})
    return new


@transaction.atomic
def credentials_withdraw_participants(*, actor, school: School, students) -> int:
    """Switch off the logins of students who are no longer participants (P-9: a main
    participant replaced by a reserve keeps no login). The row stays, so re-adding the
    student later gives back the same card."""
    _require_school(actor, school, "scheduling.manage_credentials")
    count = Credential.objects.filter(school=school, student__in=list(students),
                                      is_active=True).update(is_active=False)
    audit_record(actor=actor, action="credential.withdraw_participants", obj=school,
                 summary={"npsn": school.npsn, "withdrawn": count})
    return count


@transaction.atomic
def credentials_issue_educators(*, actor, school: School) -> list[Credential]:
    """A login for every active teacher and principal serving the school (J-7, P-8: one per
    school served) who has none yet. Usernames are G + NPSN + a running number."""
    _require_school(actor, school, "scheduling.manage_credentials")
    services = list(Service.objects.filter(school=school, is_active=True,
                                           credential__isnull=True)
                    .order_by("position", "person__name", "pk"))
    taken = Credential.objects.filter(school=school, kind=CredentialKind.EDUCATOR).count()
    new = []
    for number, service in enumerate(services, start=taken + 1):
        new.append(_new_credential(username=f"{EDUCATOR_PREFIX}{school.npsn}{number:03d}",
                                   kind=CredentialKind.EDUCATOR, school=school,
                                   service=service))
    Credential.objects.bulk_create(new)
    audit_record(actor=actor, action="credential.issue_educators", obj=school,
                 summary={"npsn": school.npsn, "issued": len(new),
                          "principals": sum(s.position == Position.PRINCIPAL for s in services)})
    return new


@transaction.atomic
def credential_revoke(*, actor, credential: Credential) -> Credential:
    """The printed password stops working; the next card printed shows a new one."""
    _require_school(actor, credential.school, "scheduling.manage_credentials")
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    credential.version += 1
    credential.digest = password_digest(credential.username,
                                        derive_password(credential.username, credential.version))
    credential.revoked_at = timezone.now()
    credential.save(update_fields=["version", "digest", "revoked_at"])
    audit_record(actor=actor, action="credential.revoke", obj=credential,
                 summary={"username": credential.username, "version": credential.version})
    return credential


# --- sessions and placement (J-4) ------------------------------------------------------------

def _require_host(actor, school: School) -> None:
    """Sessions and seats are the host's to set, for its guests too (S-2)."""
    _require_school(actor, school, "scheduling.manage_sessions")
    host = sources.host_of(school)
    if host.pk != school.pk:
        raise ValidationError(_("%(school)s menumpang di %(host)s: sesi dan tempat duduk "
                                "diatur oleh sekolah induk.")
                              % {"school": school.name, "host": host.name})


@dataclass(frozen=True)
class SessionsOutcome:
    sessions: list[Session]
    seats: int  # seats over all sessions
    participants: int
    warnings: list[str]


@transaction.atomic
def sessions_set(*, actor, school: School, level: str, wave: int,
                 per_pair: dict[int, int]) -> SessionsOutcome:
    """The host sets how many sessions a day it holds for one level, per day pair, and the
    wave where the level has waves (J-1, J-4). Bad input changes nothing."""
    _require_host(actor, school)
    levels = sources.levels_at(school)
    if level not in levels:
        raise ValidationError({"level": _("Tidak ada peserta jenjang %(level)s di sekolah ini "
                                          "atau sekolah yang menumpang.") % {"level": level}})
    errors: dict[str, str] = {}
    if wave not in LEVEL_WAVES[level]:
        errors["wave"] = _("Gelombang %(wave)s tidak ada untuk jenjang %(level)s.") % {
            "wave": wave, "level": level}
    most = max_sessions_per_day(level)
    for pair, count in per_pair.items():
        if pair not in range(1, DAY_PAIRS + 1):
            errors[f"pair_{pair}"] = _("Pasangan hari %(pair)s tidak ada.") % {"pair": pair}
        elif not 0 <= count <= most:
            errors[f"pair_{pair}"] = _(
                "Paling banyak %(most)d sesi per hari untuk jenjang %(level)s (J-4, S-3); "
                "diminta %(count)d.") % {"most": most, "level": level, "count": count}
    if not errors and sum(per_pair.values()) == 0:
        errors["pair_1"] = _("Tetapkan paling sedikit satu sesi.")
    rooms = list(sources.host_rooms(school))
    per_session = sum(min(room.clients, ROOM_MAX_CLIENTS) for room in rooms)
    if not per_session:
        errors.setdefault("pair_1", _("Sekolah ini belum memiliki ruang dengan komputer klien: "
                                      "kapasitas sesi nol. Daftarkan ruang lebih dulu."))
    wanted = {(pair, n) for pair, count in per_pair.items() for n in range(1, count + 1)}
    existing = {(s.pair, s.number): s for s in Session.objects.select_for_update()
                .filter(school=school, level=level)}
    dropping = [s for key, s in existing.items() if key not in wanted]
    busy = [s for s in dropping if s.placements.exists()]
    if busy and not errors:
        errors["pair_1"] = _(
            "Sesi %(sessions)s masih berisi peserta: pindahkan peserta atau jalankan ulang "
            "penempatan sebelum sesi dikurangi.") % {
            "sessions": ", ".join(session_label(s) for s in busy)}
    if errors:
        raise ValidationError(errors)
    Session.objects.filter(pk__in=[s.pk for s in dropping]).delete()
    Session.objects.bulk_create([Session(school=school, level=level, wave=wave, pair=p, number=n)
                                 for p, n in sorted(wanted - set(existing))])
    Session.objects.filter(school=school, level=level).update(wave=wave)
    sessions = list(Session.objects.filter(school=school, level=level))
    participants = sources.participants_at(school, level).count()
    seats = per_session * len(sessions)
    warnings = []
    if seats < participants:
        warnings.append(_("Kapasitas %(seats)d kursi untuk %(n)d peserta: %(short)d peserta "
                          "belum mendapat tempat. Tambah sesi atau ruang.")
                        % {"seats": seats, "n": participants, "short": participants - seats})
    audit_record(actor=actor, action="session.set", obj=school, summary={
        "npsn": school.npsn, "level": level, "wave": wave,
        "per_pair": {str(k): v for k, v in sorted(per_pair.items())},
        "seats": seats, "participants": participants})
    return SessionsOutcome(sessions=sessions, seats=seats, participants=participants,
                           warnings=warnings)


def session_label(session: Session) -> str:
    if DAY_PAIRS == 1:
        return _("Sesi %(n)d") % {"n": session.number}
    return _("Hari %(days)s sesi %(n)d") % {
        "days": "–".join(str(d) for d in Slot(session.pair, session.number).days),
        "n": session.number}


@dataclass(frozen=True)
class PlacementOutcome:
    placed: int
    unplaced: int
    kept_manual: int
    dropped_manual: int
    credentials_issued: int


def _issue_for_students(pairs: list[tuple[Student, School]]) -> list[Credential]:
    """A login for each (student, school) without one; switched-off ones come back on."""
    students = [student for student, _school in pairs]
    have = set(Credential.objects.filter(student__in=students).values_list("student_id",
                                                                           flat=True))
    Credential.objects.filter(student__in=students, is_active=False).update(is_active=True)
    new = [_new_credential(username=participant_username(student),
                           kind=CredentialKind.PARTICIPANT, school=school, student=student)
           for student, school in pairs if student.pk not in have]
    Credential.objects.bulk_create(new)
    return new


@transaction.atomic
def placement_run(*, actor, school: School, level: str) -> PlacementOutcome:
    """Seat every participant (main and reserve) of this host and level: its own and its
    guests' (J-4, S-2). Manual moves stay where they are; the rest is planned afresh."""
    _require_host(actor, school)
    School.objects.select_for_update().filter(pk=school.pk).first()  # one run per host
    sessions = {Slot(s.pair, s.number): s for s in
                Session.objects.filter(school=school, level=level)}
    if not sessions:
        raise ValidationError(_("Tetapkan sesi jenjang %(level)s lebih dulu.") % {"level": level})
    rooms = list(sources.host_rooms(school))
    participants = list(sources.participants_at(school, level))
    sitters = [Sitter(p.pk, p.school_id, sources.sitting_order(p)) for p in participants]
    current = list(Placement.objects.filter(session__in=sessions.values())
                   .select_related("session"))
    manual = {p.participant_id: Seat(Slot(p.session.pair, p.session.number), p.room_id, p.seat)
              for p in current if p.manual}
    plan = plan_placement(slots=list(sessions), rooms=[RoomSeats(r.pk, r.clients) for r in rooms],
                          sitters=sitters, fixed=manual)
    wanted = {s.participant_id for s in sitters}
    # Manual seats the planner kept; every other placement in these sessions goes (also
    # those of participants who left: removed, or now seated at another host).
    kept = {pid for pid, seat in manual.items() if plan.seats.get(pid) == seat}
    Placement.objects.filter(session__in=sessions.values()).exclude(
        participant_id__in=kept).delete()
    Placement.objects.filter(participant_id__in=wanted).exclude(
        session__in=sessions.values()).delete()
    Placement.objects.bulk_create([
        Placement(participant_id=pid, session=sessions[seat.slot], room_id=seat.room_id,
                  seat=seat.seat)
        for pid, seat in plan.seats.items() if pid not in kept])
    # The host places its guests, so it issues their logins too (not through the scoped
    # service: a host's operator does not reach the guest school).
    issued = len(_issue_for_students([(p.student, p.school) for p in participants
                                      if p.pk in plan.seats]))
    outcome = PlacementOutcome(placed=len(plan.seats), unplaced=len(plan.unplaced),
                               kept_manual=len(kept), dropped_manual=len(plan.dropped_fixed),
                               credentials_issued=issued)
    audit_record(actor=actor, action="placement.run", obj=school, summary={
        "npsn": school.npsn, "level": level, **outcome.__dict__,
        "split_schools": plan.split_schools(sitters)})
    return outcome


@transaction.atomic
def placement_set(*, actor, participant, session: Session, room, seat: int) -> list[str]:
    """Put one participant on a seat by hand (J-4): errors for what cannot be (another
    host's session or room, a seat the room does not have, a seat already taken); warnings
    for what may be unwise (apart from the rest of their school, a room without proctor or
    supervisor yet). Returns the warnings."""
    host = session.school
    _require_host(actor, host)
    errors: dict[str, str] = {}
    if sources.host_of(participant.school).pk != host.pk or participant.school.level \
            != session.level:
        errors["session"] = _("%(name)s tidak duduk di %(host)s jenjang %(level)s.") % {
            "name": participant.student.name, "host": host.name, "level": session.level}
    if room.school_id != host.pk:
        errors["room"] = _("Ruang %(room)s bukan ruang %(host)s.") % {"room": room.name,
                                                                      "host": host.name}
    elif not 1 <= seat <= min(room.clients, ROOM_MAX_CLIENTS):
        errors["seat"] = _("Ruang %(room)s hanya memiliki kursi 1–%(n)d.") % {
            "room": room.name, "n": min(room.clients, ROOM_MAX_CLIENTS)}
    taken = (Placement.objects.filter(session=session, room=room, seat=seat)
             .exclude(participant=participant).select_related("participant__student").first())
    if taken is not None:
        errors["seat"] = _("Kursi %(seat)d di %(room)s, %(session)s sudah ditempati "
                           "%(name)s.") % {"seat": seat, "room": room.name,
                                           "session": session_label(session),
                                           "name": taken.participant.student.name}
    if errors:
        raise ValidationError(errors)
    before = Placement.objects.filter(participant=participant).first()
    try:
        with transaction.atomic():
            Placement.objects.update_or_create(participant=participant, defaults={
                "session": session, "room": room, "seat": seat, "manual": True})
    except IntegrityError:
        raise ValidationError({"seat": _("Kursi ini baru saja ditempati orang lain; muat "
                                         "ulang halaman.")}) from None
    warnings = _move_warnings(participant, session, room)
    audit_record(actor=actor, action="placement.set", obj=participant, summary={
        "nisn": participant.student.nisn, "host": host.npsn,
        "before": None if before is None else {"session": before.session_id,
                                               "room": before.room_id, "seat": before.seat},
        "after": {"session": session.pk, "room": room.pk, "seat": seat},
        "warnings": warnings})
    return warnings


def _move_warnings(participant, session: Session, room) -> list[str]:
    warnings = []
    elsewhere = (Placement.objects.filter(participant__school=participant.school,
                                          session__school=session.school,
                                          session__level=session.level)
                 .exclude(session=session).count())
    if elsewhere:
        warnings.append(_("%(n)d peserta lain dari %(school)s duduk di sesi lain.")
                        % {"n": elsewhere, "school": participant.school.name})
    staffed = set(Assignment.objects.filter(room=room, session=session.number,
                                            day__in=Slot(session.pair, session.number).days)
                  .values_list("role", "day"))
    for role, label in ((StaffRole.PROCTOR, _("proktor")), (StaffRole.SUPERVISOR,
                                                            _("pengawas"))):
        missing = [d for d in Slot(session.pair, session.number).days if (role, d) not in staffed]
        if missing:
            warnings.append(_("Ruang %(room)s belum memiliki %(role)s pada hari %(days)s sesi "
                              "%(n)d.") % {"room": room.name, "role": label,
                                           "days": ", ".join(map(str, missing)),
                                           "n": session.number})
    return warnings
