"""Staffing services (rules S-4, S-7): rooms and proctor servers, passwords, officials,
assignments, the supervisor plan, training and the pledge — and that bad input changes
nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anbk.core.models import AuditEntry
from anbk.staffing import services
from anbk.staffing.models import Assignment, Official, Pledge, ProctorServer, Room
from anbk.staffing.slots import SessionSlot, session_slots, sessions_needed
from tests.people import make_school, make_user
from tests.staffing.factories import participants, place, school_with_room, supervisor, teacher


@pytest.fixture
def sd2(world):
    """Another SD of Kab. Bandung under the district Dinas."""
    return make_school("20200021", "SD Negeri 2 Soreang", "SD", world.kab_bandung)


@pytest.fixture
def room(world):
    return services.room_create(actor=world.operator, school=world.sd, name="Lab Komputer 1",
                                clients=15)


def _count(model):
    return model.objects.count()


# --- Rooms and proctor servers (S-4) ---------------------------------------------------------

def test_a_school_registers_a_room_and_its_proctor_server_gets_an_id(world, room):  # rule S-4
    server = services.proctor_server_create(actor=world.operator, room=room,
                                            computer_name="  PC   Proktor 1 ")
    assert server.proctor_id == "20200001-001" and server.computer_name == "PC Proktor 1"
    room2 = services.room_create(actor=world.district, school=world.sd, name="Lab 2",
                                 clients=10)
    assert services.proctor_server_create(actor=world.district, room=room2).proctor_id == \
        "20200001-002"
    assert not server.has_password  # no password until the list is printed
    assert AuditEntry.objects.filter(action="staffing.proctor_server_create").count() == 2


@pytest.mark.parametrize("clients", [0, -3, 16, 1000, "15", 2.5, None, True])
def test_absurd_client_counts_are_refused_and_nothing_is_saved(world, clients):  # rule S-4
    with pytest.raises(ValidationError) as refused:
        services.room_create(actor=world.operator, school=world.sd, name="Lab", clients=clients)
    assert "clients" in refused.value.message_dict
    assert _count(Room) == 0 and not AuditEntry.objects.filter(
        action="staffing.room_create").exists()


def test_room_names_are_required_and_unique_per_school(world, room):  # rule S-4
    for name in ("", "   ", "lab  komputer 1", "x" * 61):
        with pytest.raises(ValidationError):
            services.room_create(actor=world.operator, school=world.sd, name=name, clients=5)
    # The same name at another school is fine.
    services.room_create(actor=world.centre, school=world.smp, name="Lab Komputer 1", clients=5)
    assert _count(Room) == 2


def test_a_room_holds_one_proctor_server(world, room):  # rule S-4
    services.proctor_server_create(actor=world.operator, room=room)
    with pytest.raises(ValidationError, match="sudah memiliki server proktor"):
        services.proctor_server_create(actor=world.operator, room=room)
    with pytest.raises(ValidationError, match="masih memiliki server proktor"):
        services.room_delete(actor=world.operator, room=room)
    assert _count(ProctorServer) == 1 and _count(Room) == 1


def test_nobody_registers_rooms_outside_their_school_or_region(world):  # rule S-4, S-8
    for actor, school in ((world.operator, world.smp), (world.operator_outsider, world.sd),
                          (world.district_outsider, world.sd), (world.district, world.sma)):
        with pytest.raises(PermissionDenied):
            services.room_create(actor=actor, school=school, name="Lab", clients=5)
    with pytest.raises(PermissionDenied):  # a proctor has no staffing pages or writes
        services.room_create(actor=world.proctor, school=world.sd, name="Lab", clients=5)
    assert _count(Room) == 0


def test_printing_issues_passwords_and_a_reprint_revokes_the_old_ones(world, room):  # rule S-4
    server = services.proctor_server_create(actor=world.operator, room=room)
    [first] = services.proctor_passwords_issue(actor=world.operator, school=world.sd)
    assert len(first.password) == 12
    server.refresh_from_db()
    assert first.password not in (server.password_hash, server.password_salt)
    assert services.verify_proctor_server_login("20200001-001", first.password) == server
    [second] = services.proctor_passwords_issue(actor=world.operator, school=world.sd)
    assert second.password != first.password
    assert services.verify_proctor_server_login("20200001-001", first.password) is None
    assert services.verify_proctor_server_login(" 20200001-001 ", second.password) == server
    server.refresh_from_db()
    assert server.password_issues == 2


def test_a_wrong_or_unknown_proctor_login_gets_nothing(world, room):  # rule S-4
    services.proctor_server_create(actor=world.operator, room=room)
    # Before the first print there is no password at all.
    assert services.verify_proctor_server_login("20200001-001", "") is None
    services.proctor_passwords_issue(actor=world.operator, school=world.sd)
    assert services.verify_proctor_server_login("20200001-001", "salah") is None
    assert services.verify_proctor_server_login("99999999-001", "salah") is None


def test_printing_without_servers_or_out_of_scope_is_refused(world, room):  # rule S-4
    with pytest.raises(ValidationError):
        services.proctor_passwords_issue(actor=world.operator, school=world.sd)
    services.proctor_server_create(actor=world.operator, room=room)
    with pytest.raises(PermissionDenied):
        services.proctor_passwords_issue(actor=world.operator_outsider, school=world.sd)
    assert not ProctorServer.objects.get().has_password


# --- Session slots -------------------------------------------------------------------------

def test_sessions_are_limited_by_the_level_and_by_need():  # rule S-3
    assert sessions_needed("SD", 100, 15) == 2  # SD at most 2 a day
    assert sessions_needed("SMP", 100, 15) == 3
    assert sessions_needed("SMP", 20, 15) == 2
    assert sessions_needed("SMA", 15, 15) == 1
    assert sessions_needed("SMA", 0, 15) == 0 and sessions_needed("SMA", 10, 0) == 0


def test_a_schools_slots_are_two_days_of_its_sessions(world, room):  # rule S-3
    assert session_slots(world.sd) == [SessionSlot(1, 1), SessionSlot(2, 1)]
    participants(world.sd, 20, 700000000)  # 21 participants, 15 clients: two sessions
    assert session_slots(world.sd) == [SessionSlot(1, 1), SessionSlot(1, 2), SessionSlot(2, 1),
                                       SessionSlot(2, 2)]
    assert session_slots(world.smp) == []  # no room, no participants: nothing to staff


# --- Officials and assignments (S-7) -----------------------------------------------------------

def test_a_school_appoints_its_own_proctor_and_places_them_in_every_session(world, room):
    # rule S-7
    person = teacher(world.sd, "Asep Saepudin")
    official = services.official_create(actor=world.operator, person=person, role="proctor",
                                        home_school=world.sd, account=world.proctor)
    made = services.staff_assign(actor=world.operator, official=official, school=world.sd,
                                 room=room)
    assert [(a.day, a.session) for a in made] == [(1, 1), (2, 1)]
    tech = services.official_create(actor=world.operator, person=teacher(world.sd),
                                    role="technician", home_school=world.sd)
    assert len(services.staff_assign(actor=world.operator, official=tech, school=world.sd)) == 2


def test_an_official_must_serve_at_their_school_and_is_appointed_once(world):  # rule S-7
    stranger = teacher(world.smp, "Bukan Guru SD")
    with pytest.raises(ValidationError, match="tidak bertugas aktif"):
        services.official_create(actor=world.operator, person=stranger, role="proctor",
                                 home_school=world.sd)
    person = teacher(world.sd)
    services.official_create(actor=world.operator, person=person, role="proctor",
                             home_school=world.sd)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.official_create(actor=world.operator, person=person, role="proctor",
                                 home_school=world.sd)
    with pytest.raises(ValidationError, match="Akun harus"):
        services.official_create(actor=world.operator, person=person, role="technician",
                                 home_school=world.sd, account=world.proctor)
    with pytest.raises(ValidationError):
        services.official_create(actor=world.operator, person=person, role="kepala",
                                 home_school=world.sd)
    assert _count(Official) == 1


def test_another_schools_proctor_only_when_the_school_has_too_few(world, room, sd2):
    # rule S-7
    helper = services.official_create(actor=world.district, person=teacher(sd2),
                                      role="proctor", home_school=sd2)
    # The SD has no proctor of its own: borrowing is allowed.
    services.staff_assign(actor=world.district, official=helper, school=world.sd, room=room)
    Assignment.objects.all().delete()
    services.official_create(actor=world.operator, person=teacher(world.sd), role="proctor",
                             home_school=world.sd)
    with pytest.raises(ValidationError, match="cukup proktor sendiri"):
        services.staff_assign(actor=world.district, official=helper, school=world.sd,
                              room=room)
    assert _count(Assignment) == 0


def test_a_person_cannot_be_in_two_places_in_one_session(world, room):  # rule S-7
    person = teacher(world.sd, "Dua Tempat")
    proctor = services.official_create(actor=world.operator, person=person, role="proctor",
                                       home_school=world.sd)
    technician = services.official_create(actor=world.operator, person=person,
                                          role="technician", home_school=world.sd)
    services.staff_assign(actor=world.operator, official=proctor, school=world.sd, room=room)
    before = _count(Assignment)
    with pytest.raises(ValidationError, match="sudah bertugas pada hari ke-1 sesi 1"):
        services.staff_assign(actor=world.operator, official=technician, school=world.sd)
    assert _count(Assignment) == before


def test_a_room_has_one_proctor_per_session(world, room):  # rule S-4
    first = services.official_create(actor=world.operator, person=teacher(world.sd),
                                     role="proctor", home_school=world.sd)
    second = services.official_create(actor=world.operator, person=teacher(world.sd),
                                      role="proctor", home_school=world.sd)
    services.staff_assign(actor=world.operator, official=first, school=world.sd, room=room,
                          slots=[SessionSlot(1, 1)])
    with pytest.raises(ValidationError, match="sudah memiliki proktor"):
        services.staff_assign(actor=world.operator, official=second, school=world.sd,
                              room=room)
    services.staff_assign(actor=world.operator, official=second, school=world.sd, room=room,
                          slots=[SessionSlot(2, 1)])
    with pytest.raises(ValidationError, match="tidak ada"):
        services.staff_assign(actor=world.operator, official=second, school=world.sd,
                              room=room, slots=[SessionSlot(3, 1)])
    assert _count(Assignment) == 2


def test_a_supervisor_is_never_placed_at_their_own_school(world, room, sd2):  # rule S-7
    own = supervisor(world.district, world.sd, "Guru SD Sendiri")
    with pytest.raises(ValidationError, match="ditugaskan silang"):
        services.staff_assign(actor=world.district, official=own, school=world.sd, room=room)
    # Serving at the SD as well as the MI (P-8) counts too.
    both = supervisor(world.district, sd2, "Guru Dua Sekolah", world.sd)
    with pytest.raises(ValidationError, match="ditugaskan silang"):
        services.staff_assign(actor=world.district, official=both, school=world.sd, room=room)
    assert _count(Assignment) == 0
    other = supervisor(world.district, sd2, "Guru SD 2")
    assert len(services.staff_assign(actor=world.district, official=other, school=world.sd,
                                     room=room)) == 2


def test_only_the_teams_place_supervisors(world, room, sd2):  # rule S-7
    other = supervisor(world.district, sd2, "Guru SD 2")
    with pytest.raises(PermissionDenied):
        services.staff_assign(actor=world.operator, official=other, school=world.sd, room=room)
    with pytest.raises(PermissionDenied):
        services.supervisors_plan(actor=world.operator)
    assert _count(Assignment) == 0


def test_a_technician_serves_the_school_not_a_room(world, room):  # rule S-4
    tech = services.official_create(actor=world.operator, person=teacher(world.sd),
                                    role="technician", home_school=world.sd)
    with pytest.raises(ValidationError):
        services.staff_assign(actor=world.operator, official=tech, school=world.sd, room=room)
    proctor = services.official_create(actor=world.operator, person=teacher(world.sd),
                                       role="proctor", home_school=world.sd)
    with pytest.raises(ValidationError, match="Pilih ruang"):
        services.staff_assign(actor=world.operator, official=proctor, school=world.sd)
    assert _count(Assignment) == 0


# --- The supervisor plan (S-7) -----------------------------------------------------------------

@pytest.fixture
def district_rooms(world, sd2):
    """Three SDs of Kab. Bandung with a room each and a supervisor pool from four schools."""
    d = world.kab_bandung
    a, room_a = school_with_room("20201001", "SD Negeri 1 Banjaran", d, world.district,
                                 -7.045, 107.59, 800000000)
    b, room_b = school_with_room("20201002", "SD Negeri 1 Ciparay", d, world.district,
                                 -7.035, 107.71, 800000100)
    c, room_c = school_with_room("20201003", "SD Negeri 1 Majalaya", d, world.district,
                                 -7.05, 107.75, 800000200)
    pool = [supervisor(world.district, a, "Pengawas Banjaran"),
            supervisor(world.district, b, "Pengawas Ciparay"),
            supervisor(world.district, c, "Pengawas Majalaya"),
            supervisor(world.district, place(sd2, -7.03, 107.60), "Pengawas Soreang")]
    return (a, b, c), (room_a, room_b, room_c), pool


def test_the_plan_covers_every_room_crosswise_and_near(world, district_rooms):  # rule S-7
    schools, rooms, pool = district_rooms
    outcome = services.supervisors_plan(actor=world.district)
    # 20 participants per 15-client room: two sessions a day, two days.
    assert outcome.seats == 12 and outcome.placed == 12 and outcome.unfilled == 0
    placed = Assignment.objects.filter(role="supervisor").select_related("official")
    assert placed.count() == 12
    for a in placed:
        assert a.official.home_school_id != a.school_id
    keys = [(a.person_id, a.day, a.session) for a in placed]
    assert len(keys) == len(set(keys))
    # Banjaran's nearest outsider is SD 2 Soreang next door, not Majalaya across the district.
    at_banjaran = {a.official.person.name for a in placed if a.school_id == schools[0].pk}
    assert at_banjaran == {"Pengawas Soreang"}


def test_a_rerun_replaces_automatic_placements_and_keeps_manual_ones(world, district_rooms):
    # rule S-7
    schools, rooms, pool = district_rooms
    services.supervisors_plan(actor=world.district)
    manual = Assignment.objects.get(room=rooms[1], role="supervisor", day=1, session=1)
    manual.delete()
    services.staff_assign(actor=world.district, official=pool[0], school=schools[1],
                          room=rooms[1], slots=[SessionSlot(1, 1)])
    outcome = services.supervisors_plan(actor=world.district)
    assert outcome.kept == 1 and outcome.unfilled == 0
    kept = Assignment.objects.get(room=rooms[1], role="supervisor", day=1, session=1)
    assert kept.official == pool[0] and not kept.automatic
    assert Assignment.objects.filter(role="supervisor").count() == 12


def test_the_plan_leaves_rooms_empty_and_says_so_when_the_pool_is_short(world):  # rule S-7
    a, _room = school_with_room("20201001", "SD Negeri 1 Banjaran", world.kab_bandung,
                                world.district, -7.045, 107.59, 800000000)
    supervisor(world.district, a, "Hanya Guru Sendiri")
    outcome = services.supervisors_plan(actor=world.district)
    assert outcome.placed == 0 and outcome.unfilled == 4
    assert _count(Assignment) == 0


def test_a_supervisor_busy_as_a_proctor_elsewhere_is_not_planned_then(world, district_rooms,
                                                                      sd2):
    # rule S-7: one place per person per session
    schools, rooms, pool = district_rooms
    person = pool[3].person
    proctor = services.official_create(actor=world.district, person=person, role="proctor",
                                       home_school=sd2)
    own_room = services.room_create(actor=world.district, school=sd2, name="Lab", clients=15)
    participants(sd2, 5, 800000300)
    services.staff_assign(actor=world.district, official=proctor, school=sd2, room=own_room,
                          slots=[SessionSlot(1, 1)])
    services.supervisors_plan(actor=world.district)
    slots = list(Assignment.objects.filter(person=person).values_list("day", "session"))
    assert len(slots) == len(set(slots)) and (1, 1) in slots
    assert Assignment.objects.get(person=person, day=1, session=1).role == "proctor"


# --- Training and the pledge (S-7) ---------------------------------------------------------------

def test_an_official_signs_the_pledge_once_with_their_own_account(world):  # rule S-7
    official = services.official_create(actor=world.operator, person=teacher(world.sd),
                                        role="proctor", home_school=world.sd,
                                        account=world.proctor)
    pledge = services.pledge_sign(actor=world.proctor, official=official, ip="10.1.2.3")
    assert pledge.ip == "10.1.2.3" and pledge.signed_at <= timezone.now()
    assert AuditEntry.objects.get(action="staffing.pledge_sign").ip == "10.1.2.3"
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.pledge_sign(actor=world.proctor, official=official, ip="10.1.2.3")
    other = make_user("proktor.lain", "proctor", school=world.sd)
    with pytest.raises(PermissionDenied):
        services.pledge_sign(actor=other, official=official, ip="10.1.2.4")
    with pytest.raises(PermissionDenied):  # the operator cannot sign for them
        services.pledge_sign(actor=world.operator, official=official, ip="10.1.2.5")
    assert _count(Pledge) == 1


def test_the_teams_record_training_attendance(world):  # rule S-7
    official = services.official_create(actor=world.operator, person=teacher(world.sd),
                                        role="technician", home_school=world.sd)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.training_record(actor=world.district, officials=[official],
                                 trained_on=today + datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.training_record(actor=world.operator, officials=[official], trained_on=today)
    with pytest.raises(PermissionDenied):
        services.training_record(actor=world.district_outsider, officials=[official],
                                 trained_on=today)
    official.refresh_from_db()
    assert official.trained_on is None
    services.training_record(actor=world.district, officials=[official], trained_on=today,
                             note="Bimtek Kab. Bandung")
    official.refresh_from_db()
    assert official.trained_on == today and official.training_note == "Bimtek Kab. Bandung"


def test_an_sma_room_is_the_provinces_not_the_districts(world):  # scoping, rule S-1
    sma_room = services.room_create(actor=world.province, school=world.sma, name="Lab",
                                    clients=15)
    assert sma_room.school == world.sma
    smk = make_school("20209999", "SMK Negeri 1 Soreang", "SMK", world.kab_bandung)
    with pytest.raises(PermissionDenied):
        services.room_create(actor=world.district, school=smk, name="Lab", clients=15)


def _guest(world, guest, host):
    """A readiness decision that `guest` rides along at `host` (S-2), as the readiness app
    stores it; its own rules are tested in tests/readiness."""
    from anbk.readiness.models import HostingStatus, ModaDecision

    return ModaDecision.objects.create(school=guest, moda="online", status=HostingStatus.GUEST,
                                       host=host, reason="uji", decided_by=world.district)


def test_a_guest_schools_teacher_never_supervises_the_host(world, room, sd2):  # S-2, S-7
    _guest(world, sd2, world.sd)
    guest_teacher = supervisor(world.district, sd2, "Guru Sekolah Menumpang")
    with pytest.raises(ValidationError, match="ditugaskan silang"):
        services.staff_assign(actor=world.district, official=guest_teacher, school=world.sd,
                              room=room)
    outcome = services.supervisors_plan(actor=world.district)
    assert outcome.placed == 0 and outcome.unfilled == 2
    assert _count(Assignment) == 0


def test_guests_participants_count_towards_the_hosts_sessions(world, room, sd2):  # S-2, S-3
    participants(sd2, 20, 900000000)
    assert len(session_slots(world.sd)) == 2  # its own participant alone: one a day
    _guest(world, sd2, world.sd)
    assert len(session_slots(world.sd)) == 4  # 21 participants at 15 clients: two a day


def test_a_guest_schools_own_rooms_seat_nobody(world, room, sd2):  # rules S-2, S-3
    participants(sd2, 20, 900000000)
    services.room_create(actor=world.district, school=sd2, name="Lab", clients=15)
    assert len(session_slots(sd2)) == 4
    _guest(world, sd2, world.sd)
    assert session_slots(sd2) == []  # its participants sit at the host
    assert len(session_slots(world.sd)) == 4
