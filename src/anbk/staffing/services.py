"""Every write of the staffing app (S-4, S-7): rooms, proctor servers and their passwords,
officials, assignments (manual and planned), training and the integrity pledge.

Each service checks the actor's scope and the rules first, raises a ValidationError in
Indonesian when anything is wrong, and only then writes, in one transaction, with an audit
entry: bad input changes nothing.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.accounts.models import User
from anbk.core.audit import audit_record
from anbk.core.resources import (
    MIN_TECHNICIANS_PER_SCHOOL,
    PROCTORS_PER_ROOM,
    ROOM_MAX_CLIENTS,
)
from anbk.core.scoping import school_q
from anbk.core.staffing import (
    MAX_PROCTOR_SERVERS_PER_SCHOOL,
    MAX_ROOMS_PER_SCHOOL,
    PLEDGE_VERSION,
    ROOM_NAME_MAX_LENGTH,
    proctor_id,
)
from anbk.registry.models import Person, School, Service
from anbk.staffing import passwords, planner
from anbk.staffing.models import (
    Assignment,
    Official,
    Pledge,
    ProctorServer,
    Room,
    StaffRole,
)
from anbk.staffing.slots import SessionSlot, participant_schools, session_slots_by_school


def _in_scope(actor, school: School) -> None:
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        raise PermissionDenied(_("Sekolah ini di luar wilayah kewenangan Anda."))


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("Anda tidak berwenang melakukan ini."))


# ---------------------------------------------------------------------------------------------
# Rooms and proctor servers (S-4)

def _clean_room(*, school: School, name: str, clients, room: Room | None = None) -> str:
    name = " ".join(str(name or "").split())
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Nama ruang wajib diisi.")
    elif len(name) > ROOM_NAME_MAX_LENGTH:
        errors["name"] = _("Nama ruang paling panjang %(n)d karakter.") % {
            "n": ROOM_NAME_MAX_LENGTH}
    elif Room.objects.filter(school=school, name__iexact=name).exclude(
            pk=room.pk if room else None).exists():
        errors["name"] = _("Ruang dengan nama ini sudah ada di sekolah ini.")
    if isinstance(clients, bool) or not isinstance(clients, int):
        errors["clients"] = _("Jumlah komputer klien harus bilangan bulat.")
    elif not 1 <= clients <= ROOM_MAX_CLIENTS:
        errors["clients"] = _("Satu ruang berisi 1 sampai %(max)d komputer klien (S-4); "
                              "bagi komputer yang lebih banyak ke beberapa ruang.") % {
            "max": ROOM_MAX_CLIENTS}
    if errors:
        raise ValidationError(errors)
    return name


@transaction.atomic
def room_create(*, actor, school: School, name: str, clients: int) -> Room:
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, school)
    name = _clean_room(school=school, name=name, clients=clients)
    if Room.objects.filter(school=school).count() >= MAX_ROOMS_PER_SCHOOL:
        raise ValidationError({"name": _("Satu sekolah paling banyak %(max)d ruang.")
                               % {"max": MAX_ROOMS_PER_SCHOOL}})
    room = Room.objects.create(school=school, name=name, clients=clients)
    audit_record(actor=actor, action="staffing.room_create", obj=room,
                 summary={"school": school.npsn, "name": name, "clients": clients})
    return room


@transaction.atomic
def room_update(*, actor, room: Room, name: str, clients: int) -> Room:
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, room.school)
    room.name = _clean_room(school=room.school, name=name, clients=clients, room=room)
    room.clients = clients
    room.save(update_fields=["name", "clients", "updated_at"])
    audit_record(actor=actor, action="staffing.room_update", obj=room,
                 summary={"school": room.school.npsn, "name": room.name, "clients": clients})
    return room


@transaction.atomic
def room_delete(*, actor, room: Room) -> None:
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, room.school)
    if ProctorServer.objects.filter(room=room).exists():
        raise ValidationError(_("Ruang ini masih memiliki server proktor; hapus server "
                                "proktornya dulu."))
    summary = {"school": room.school.npsn, "name": room.name,
               "assignments": room.assignments.count()}
    audit_record(actor=actor, action="staffing.room_delete", obj=room, summary=summary)
    room.delete()


@transaction.atomic
def proctor_server_create(*, actor, room: Room, computer_name: str = "") -> ProctorServer:
    """Register the proctor server of a room and give it the next ID proktor. It has no
    password until the Daftar ID Proktor is printed (proctor_passwords_issue)."""
    _require(actor, "staffing.manage_staffing")
    school = School.objects.select_for_update().get(pk=room.school_id)
    _in_scope(actor, school)
    if ProctorServer.objects.filter(room=room).exists():
        raise ValidationError(_("Ruang ini sudah memiliki server proktor (S-4: satu server "
                                "proktor per ruang)."))
    last = ProctorServer.objects.filter(school=school).aggregate(n=Max("number"))["n"] or 0
    if last >= MAX_PROCTOR_SERVERS_PER_SCHOOL:
        raise ValidationError(_("Nomor server proktor sekolah ini sudah habis."))
    server = ProctorServer.objects.create(
        school=school, room=room, number=last + 1, proctor_id=proctor_id(school.npsn, last + 1),
        computer_name=" ".join(computer_name.split())[:60])
    audit_record(actor=actor, action="staffing.proctor_server_create", obj=server,
                 summary={"school": school.npsn, "proctor_id": server.proctor_id,
                          "room": room.name})
    return server


@transaction.atomic
def proctor_server_delete(*, actor, server: ProctorServer) -> None:
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, server.school)
    audit_record(actor=actor, action="staffing.proctor_server_delete", obj=server,
                 summary={"school": server.school.npsn, "proctor_id": server.proctor_id})
    server.delete()


@dataclass(frozen=True)
class IssuedPassword:
    server: ProctorServer
    password: str  # exists only in the printout; never stored in clear


@transaction.atomic
def proctor_passwords_issue(*, actor, school: School,
                            servers: Iterable[ProctorServer] | None = None
                            ) -> list[IssuedPassword]:
    """A new password for each of the school's proctor servers (or the ones given): the
    "Daftar ID Proktor" prints them; every earlier password stops working at once."""
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, school)
    rows = ProctorServer.objects.select_for_update().filter(school=school).select_related(
        "room")
    if servers is not None:
        wanted = {s.pk for s in servers}
        rows = rows.filter(pk__in=wanted)
    rows = list(rows.order_by("number"))
    if not rows:
        raise ValidationError(_("Belum ada server proktor untuk dicetak."))
    now = timezone.now()
    issued = []
    for server in rows:
        password = passwords.new_password()
        server.password_salt = passwords.new_salt()
        server.password_hash = passwords.password_hash(password, server.password_salt)
        server.password_issued_at = now
        server.password_issues += 1
        issued.append(IssuedPassword(server, password))
    ProctorServer.objects.bulk_update(rows, ["password_salt", "password_hash",
                                             "password_issued_at", "password_issues"])
    audit_record(actor=actor, action="staffing.proctor_passwords_issue", obj=school,
                 summary={"proctor_ids": [s.proctor_id for s in rows]})
    return issued


def verify_proctor_server_login(proctor_id: str, password: str) -> ProctorServer | None:
    """The proctor application's login: the server when ID and current password match."""
    server = ProctorServer.objects.filter(proctor_id=str(proctor_id).strip()).select_related(
        "school", "room").first()
    if server is None:
        # Spend the same work as a real check, so timing does not reveal which IDs exist.
        passwords.password_matches(password, "0" * 32, "0" * 64)
        return None
    if passwords.password_matches(password, server.password_salt, server.password_hash):
        return server
    return None


# ---------------------------------------------------------------------------------------------
# Officials (S-7)

def _serving_schools(person_ids: Iterable[int]) -> dict[int, set[int]]:
    """Every school each person actively serves at (P-8: one person may serve several)."""
    result: dict[int, set[int]] = defaultdict(set)
    for person_id, school_id in Service.objects.filter(
            person_id__in=list(person_ids), is_active=True).values_list("person_id",
                                                                          "school_id"):
        result[person_id].add(school_id)
    return result


@transaction.atomic
def official_create(*, actor, person: Person, role: str, home_school: School,
                    account: User | None = None) -> Official:
    """Appoint a person of the registry as proctor, technician or supervisor candidate. A
    school appoints its own people; the teams may appoint anyone in their scope."""
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, home_school)
    if role not in StaffRole.values:
        raise ValidationError({"role": _("Tugas tidak dikenal.")})
    if not Service.objects.filter(person=person, school=home_school, is_active=True).exists():
        raise ValidationError({"person": _("%(name)s tidak bertugas aktif di %(school)s.")
                               % {"name": person.name, "school": home_school.name}})
    if Official.objects.filter(person=person, role=role).exists():
        raise ValidationError({"person": _("%(name)s sudah terdaftar sebagai %(role)s.")
                               % {"name": person.name, "role": StaffRole(role).label}})
    if account is not None and (account.role != role or account.school_id != home_school.pk):
        raise ValidationError({"account": _("Akun harus akun %(role)s di sekolah asal.")
                               % {"role": StaffRole(role).label}})
    official = Official.objects.create(person=person, role=role, home_school=home_school,
                                       account=account, created_by=actor)
    audit_record(actor=actor, action="staffing.official_create", obj=official,
                 summary={"nik": person.nik, "role": role, "school": home_school.npsn,
                          "account": account.username if account else None})
    return official


@transaction.atomic
def official_set_account(*, actor, official: Official, account: User | None) -> Official:
    """Link the portal account the official signs the pledge with."""
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, official.home_school)
    if account is not None and (account.role != official.role
                                or account.school_id != official.home_school_id):
        raise ValidationError({"account": _("Akun harus akun %(role)s di sekolah asal.")
                               % {"role": official.get_role_display()}})
    official.account = account
    official.save(update_fields=["account"])
    audit_record(actor=actor, action="staffing.official_set_account", obj=official,
                 summary={"account": account.username if account else None})
    return official


@transaction.atomic
def official_delete(*, actor, official: Official) -> None:
    _require(actor, "staffing.manage_staffing")
    _in_scope(actor, official.home_school)
    audit_record(actor=actor, action="staffing.official_delete", obj=official,
                 summary={"nik": official.person.nik, "role": official.role,
                          "assignments": official.assignments.count()})
    official.delete()


@transaction.atomic
def training_record(*, actor, officials: Iterable[Official], trained_on, note: str = ""
                    ) -> int:
    """Record that these officials attended the technical training (POS BAB IV K)."""
    _require(actor, "staffing.record_training")
    officials = list(officials)
    if trained_on is None:
        raise ValidationError({"trained_on": _("Tanggal pelatihan wajib diisi.")})
    if trained_on > timezone.localdate():
        raise ValidationError({"trained_on": _("Tanggal pelatihan tidak boleh di masa depan.")})
    if not officials:
        raise ValidationError(_("Pilih petugas yang hadir."))
    for official in officials:
        _in_scope(actor, official.home_school)
        official.trained_on, official.training_note = trained_on, note.strip()[:200]
    Official.objects.bulk_update(officials, ["trained_on", "training_note"])
    audit_record(actor=actor, action="staffing.training_record", obj=None,
                 summary={"officials": [o.pk for o in officials], "date": trained_on,
                          "note": note.strip()[:200]})
    return len(officials)


@transaction.atomic
def pledge_sign(*, actor, official: Official, ip: str) -> Pledge:
    """The official signs the integrity pledge (pakta integritas) with their own account."""
    _require(actor, "staffing.sign_pledge")
    if official.account_id != actor.pk:
        raise PermissionDenied(_("Pakta integritas hanya dapat ditandatangani oleh petugas "
                                 "yang bersangkutan."))
    if Pledge.objects.filter(official=official).exists():
        raise ValidationError(_("Pakta integritas ini sudah ditandatangani."))
    pledge = Pledge.objects.create(official=official, signed_by=actor, signed_at=timezone.now(),
                                   ip=ip[:64], text_version=PLEDGE_VERSION)
    audit_record(actor=actor, action="staffing.pledge_sign", obj=pledge,
                 summary={"official": official.pk, "role": official.role,
                          "version": PLEDGE_VERSION}, ip=ip)
    return pledge


# ---------------------------------------------------------------------------------------------
# Assignments (S-4, S-7)

def _need(role: str, school: School) -> int:
    if role == StaffRole.PROCTOR:
        return Room.objects.filter(school=school).count() * PROCTORS_PER_ROOM
    return MIN_TECHNICIANS_PER_SCHOOL


def _check_borrowing(official: Official, school: School) -> None:
    """S-7: proctors and technicians come from the school itself; another school's only
    while the school has fewer of its own than it needs."""
    if official.home_school_id == school.pk:
        return
    own = Official.objects.filter(home_school=school, role=official.role).count()
    if own >= _need(official.role, school):
        raise ValidationError(
            _("%(school)s sudah memiliki cukup %(role)s sendiri; petugas dari sekolah lain "
              "hanya boleh ditugaskan bila sekolah kekurangan.")
            % {"school": school.name, "role": official.get_role_display().lower()})


def _check_supervisor(official: Official, school: School) -> None:
    """S-7: never a supervisor from a school whose participants sit there (guests too)."""
    seated = participant_schools([school.pk])[school.pk]
    serves = _serving_schools([official.person_id])[official.person_id] | {
        official.home_school_id}
    if serves & seated:
        raise ValidationError(
            _("%(name)s bertugas di sekolah yang pesertanya diuji di %(school)s; pengawas "
              "harus dari sekolah lain (ditugaskan silang).")
            % {"name": official.person.name, "school": school.name})


def _place_label(assignment: Assignment) -> str:
    where = assignment.school.name
    if assignment.room_id:
        where = f"{where}, {assignment.room.name}"
    return f"{assignment.get_role_display()} — {where}"


@transaction.atomic
def staff_assign(*, actor, official: Official, school: School, room: Room | None = None,
                 slots: Iterable[SessionSlot] | None = None) -> list[Assignment]:
    """Place an official at a school (a proctor or supervisor in a room, a technician for
    the school) in the given slots, by default all of the school's session slots.

    Everything is checked before anything is written: the person is free in every slot, the
    room has no one of that role yet, a supervisor is crosswise, a borrowed proctor or
    technician is needed."""
    _require(actor, "staffing.manage_staffing")
    if official.role == StaffRole.SUPERVISOR:
        _require(actor, "staffing.assign_supervisors")
    _in_scope(actor, school)
    if official.role == StaffRole.TECHNICIAN:
        if room is not None:
            raise ValidationError({"room": _("Teknisi ditugaskan untuk sekolah, bukan ruang.")})
    elif room is None or room.school_id != school.pk:
        raise ValidationError({"room": _("Pilih ruang di sekolah ini.")})
    if official.role == StaffRole.SUPERVISOR:
        _check_supervisor(official, school)
    else:
        _check_borrowing(official, school)
    available = session_slots_by_school([school])[school.pk]
    wanted = sorted(set(available if slots is None else slots))
    if not wanted:
        raise ValidationError(_("%(school)s belum memiliki sesi: daftarkan ruang dan pastikan "
                                "ada peserta.") % {"school": school.name})
    outside = [s for s in wanted if s not in set(available)]
    if outside:
        raise ValidationError(_("Sesi %(slot)s tidak ada di %(school)s.")
                              % {"slot": outside[0], "school": school.name})
    errors = []
    slot_q = Q()
    for slot in wanted:
        slot_q |= Q(day=slot.day, session=slot.session)
    elsewhere = (Assignment.objects.filter(slot_q, person_id=official.person_id)
                 .select_related("school", "room"))
    errors += [_("%(name)s sudah bertugas pada %(slot)s sebagai %(place)s.")
               % {"name": official.person.name, "place": _place_label(a),
                  "slot": SessionSlot(a.day, a.session)} for a in elsewhere]
    if room is not None:
        occupied = Assignment.objects.filter(slot_q, room=room, role=official.role)
        errors += [_("%(room)s sudah memiliki %(role)s pada %(slot)s.")
                   % {"room": room.name, "role": official.get_role_display().lower(),
                      "slot": SessionSlot(a.day, a.session)} for a in occupied]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            made = Assignment.objects.bulk_create([
                Assignment(official=official, person_id=official.person_id, role=official.role,
                           school=school, room=room, day=slot.day, session=slot.session,
                           created_by=actor) for slot in wanted])
    except IntegrityError as clash:
        # Someone else placed the same person or room a moment ago.
        raise ValidationError(_("Data berubah saat disimpan (penugasan bentrok); muat ulang "
                                "halaman dan coba lagi.")) from clash
    audit_record(actor=actor, action="staffing.assign", obj=official,
                 summary={"school": school.npsn, "room": room.name if room else None,
                          "role": official.role, "slots": [(s.day, s.session) for s in wanted]})
    return made


@transaction.atomic
def assignment_remove(*, actor, assignment: Assignment) -> None:
    _require(actor, "staffing.manage_staffing")
    if assignment.role == StaffRole.SUPERVISOR:
        _require(actor, "staffing.assign_supervisors")
    _in_scope(actor, assignment.school)
    audit_record(actor=actor, action="staffing.unassign", obj=assignment.official,
                 summary={"school": assignment.school.npsn, "role": assignment.role,
                          "slot": (assignment.day, assignment.session),
                          "room": assignment.room.name if assignment.room_id else None})
    assignment.delete()


# ---------------------------------------------------------------------------------------------
# Automatic supervisor assignment (S-7)

@dataclass(frozen=True)
class PlanOutcome:
    seats: int
    placed: int
    kept: int  # manual placements left as they were
    unfilled: int
    total_km: float


def _coords(school: School) -> tuple[float | None, float | None]:
    if school.latitude is None or school.longitude is None:
        return None, None
    return float(school.latitude), float(school.longitude)


def supervisor_problem(*, actor, district=None):
    """The planner's input for the actor's scope (optionally one district): the seats still
    to fill, the pool and who is busy when; and the manual supervisor placements kept."""
    schools = list(School.objects.filter(school_q(actor)).filter(
        **({"district": district} if district is not None else {})).filter(
        rooms__isnull=False).distinct())
    slots = session_slots_by_school(schools)
    seated = participant_schools([s.pk for s in schools])
    rooms = defaultdict(list)
    for room in Room.objects.filter(school__in=schools).order_by("school_id", "name"):
        rooms[room.school_id].append(room)
    manual = set(Assignment.objects.filter(school__in=schools, role=StaffRole.SUPERVISOR,
                                           automatic=False)
                 .values_list("room_id", "day", "session"))
    seats = []
    for school in schools:
        lat, lon = _coords(school)
        for slot in slots[school.pk]:
            for room in rooms[school.pk]:
                if (room.pk, slot.day, slot.session) not in manual:
                    seats.append(planner.Seat(room.pk, (slot.day, slot.session), school.pk,
                                              lat, lon, seated[school.pk]))
    pool = list(Official.objects.filter(school_q(actor, "home_school__"),
                                        role=StaffRole.SUPERVISOR).select_related("home_school"))
    serving = _serving_schools([o.person_id for o in pool])
    candidates = []
    for official in pool:
        lat, lon = _coords(official.home_school)
        candidates.append(planner.Candidate(
            official.pk, frozenset(serving[official.person_id] | {official.home_school_id}),
            lat, lon))
    persons = {o.pk: o.person_id for o in pool}
    official_of_person = {o.person_id: o.pk for o in pool}
    replaced = Q(school__in=schools, role=StaffRole.SUPERVISOR, automatic=True)
    busy = [(official_of_person[p], (d, s)) for p, d, s in Assignment.objects.filter(
        person_id__in=list(persons.values())).exclude(replaced).values_list(
        "person_id", "day", "session")]
    return schools, seats, candidates, busy, len(manual)


@transaction.atomic
def supervisors_plan(*, actor, district=None) -> PlanOutcome:
    """Assign supervisors crosswise to every room and session slot of the actor's scope (or
    one district of it): earlier automatic placements there are replaced, manual ones kept."""
    _require(actor, "staffing.assign_supervisors")
    schools, seats, candidates, busy, kept = supervisor_problem(actor=actor, district=district)
    plan = planner.plan_supervisors(seats, candidates, busy)
    problems = planner.plan_violations(seats, plan, busy)
    if problems:  # the planner's own guarantee; a failure here must not be written
        raise RuntimeError("supervisor plan breaks a rule: " + "; ".join(problems[:5]))
    Assignment.objects.filter(school__in=schools, role=StaffRole.SUPERVISOR,
                              automatic=True).delete()
    officials = Official.objects.in_bulk([p.candidate.person for p in plan.placements])
    try:
        with transaction.atomic():
            Assignment.objects.bulk_create([
                Assignment(official_id=p.candidate.person,
                           person_id=officials[p.candidate.person].person_id,
                           role=StaffRole.SUPERVISOR, school_id=p.seat.school,
                           room_id=p.seat.room, day=p.seat.slot[0], session=p.seat.slot[1],
                           automatic=True, created_by=actor,
                           distance_km=None if p.distance_km is None
                           else round(p.distance_km, 2))
                for p in plan.placements], batch_size=2000)
    except IntegrityError as clash:
        raise ValidationError(_("Penugasan berubah selama perencanaan (bentrok dengan "
                                "penugasan lain); jalankan ulang.")) from clash
    outcome = PlanOutcome(seats=len(seats) + kept, placed=len(plan.placements), kept=kept,
                          unfilled=len(plan.unfilled), total_km=round(plan.total_km, 1))
    audit_record(actor=actor, action="staffing.supervisors_plan", obj=district,
                 summary={"schools": len(schools), **outcome.__dict__})
    return outcome
