"""Rows of the scoping matrix and the permission table for the staffing app (S-4, S-7)."""

from anbk.accounts.models import Role, User
from anbk.registry.models import Person, Position, Service
from anbk.staffing import services
from tests.matrix import DATA, SEES_SD, SEES_SD_JATENG, Detail, Page
from tests.people import make_school, make_user

TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
OFFICIALS = {Role.PROCTOR, Role.TECHNICIAN, Role.SUPERVISOR}

WHO = {
    "staffing.manage_staffing": TEAMS | {Role.SCHOOL_OPERATOR},
    "staffing.assign_supervisors": TEAMS,
    "staffing.record_training": TEAMS,
    "staffing.sign_pledge": OFFICIALS,
}

TEAM_PEOPLE = DATA - {"operator", "operator_outsider"}
# The teams of our region that see the SD, and theirs that see the SD of Jawa Tengah.
TEAMS_SEE_SD = SEES_SD - {"operator"}
TEAMS_SEE_SD_JATENG = SEES_SD_JATENG - {"operator_outsider"}


def _room(school, name):
    return services.room_create(actor=_centre(), school=school, name=name, clients=15)


def _centre():
    return User.objects.get(username="pusat")


def _person(school, nik, name):
    person = Person.objects.create(nik=nik, name=name, sex="L", employment_status="pns")
    Service.objects.create(person=person, school=school, position=Position.TEACHER)
    return person


def _official(world, whose: str, role: str = "proctor", account=None):
    school = world.sd if whose == "ours" else world.sd_jateng
    nik = {"ours": "3204090101800001", "theirs": "3302090101800001"}[whose]
    person = Person.objects.filter(nik=nik).first() or _person(
        school, nik, f"Petugas Uji {whose}")
    return services.official_create(actor=_centre(), person=person, role=role,
                                    home_school=school, account=account)


def _assignment(world, whose: str):
    school = world.sd if whose == "ours" else world.sd_jateng
    official = _official(world, whose)
    room = _room(school, f"Ruang Tugas {whose}")
    return services.staff_assign(actor=_centre(), official=official, school=school,
                                 room=room)[0]


def _supervisor_post(world, whose: str):
    """A supervisor from another school placed in a room of the SD: the person is listed."""
    if whose == "ours":
        school, home, nik = world.sd, world.smp, "3204090101800009"
    else:  # Jawa Tengah has one school in the world: add a neighbour
        school, nik = world.sd_jateng, "3302090101800009"
        home = make_school("20300002", "SD Negeri 2 Purwokerto", "SD", world.banyumas)
    person = _person(home, nik, f"Pengawas Silang {whose}")
    official = services.official_create(actor=_centre(), person=person, role="supervisor",
                                        home_school=home)
    room = _room(school, f"Ruang Pengawas {whose}")
    services.staff_assign(actor=_centre(), official=official, school=school, room=room)
    return person


def _pledge(world, whose: str):
    account = world.proctor if whose == "ours" else make_user(
        "proktor.jateng.pakta", Role.PROCTOR, school=world.sd_jateng)
    official = _official(world, whose, account=account)
    return services.pledge_sign(actor=account, official=official, ip="10.0.0.1")


def _server(world, whose: str):
    school = world.sd if whose == "ours" else world.sd_jateng
    return services.proctor_server_create(actor=_centre(),
                                          room=_room(school, f"Ruang Server {whose}"))


MAKERS = {
    "room": lambda world: _room(world.sd, "Ruang Uji"),
    "room_jateng": lambda world: _room(world.sd_jateng, "Ruang Uji"),
    "proctor_server": lambda world: _server(world, "ours"),
    "proctor_server_jateng": lambda world: _server(world, "theirs"),
    "official": lambda world: _official(world, "ours"),
    "official_jateng": lambda world: _official(world, "theirs"),
    "assignment": lambda world: _assignment(world, "ours"),
    "assignment_jateng": lambda world: _assignment(world, "theirs"),
    "supervisor_post": lambda world: _supervisor_post(world, "ours"),
    "supervisor_post_jateng": lambda world: _supervisor_post(world, "theirs"),
    "pledge": lambda world: _pledge(world, "ours"),
    "pledge_jateng": lambda world: _pledge(world, "theirs"),
}


def _school_post(data=None, **sees) -> Detail:
    return Detail("sd", "npsn", method="post", data=data or {}, **sees)


MATRIX = {
    "staffing:school_list": Page(DATA, lists="sd", shows="name"),
    "staffing:gaps": Page(DATA, lists="sd", shows="name"),
    "staffing:supervisors": Page(TEAM_PEOPLE, lists="supervisor_post", shows="name"),
    "staffing:pledge": Page(frozenset({"proctor", "technician", "supervisor"})),
    # The signer, and who sees the school of the official.
    "staffing:pledge_pdf": Detail("pledge", "pk", sees_ours=SEES_SD | {"proctor"}),
    "staffing:school": Detail("sd", "npsn"),
    "staffing:room_create": _school_post({"name": "Lab Baru", "clients": "12"}),
    "staffing:official_create": _school_post(),
    "staffing:assign": _school_post(),
    "staffing:training": _school_post(sees_ours=TEAMS_SEE_SD,
                                      sees_theirs=TEAMS_SEE_SD_JATENG),
    "staffing:proctor_list_pdf": _school_post(),
    "staffing:server_create": Detail("room", "pk", method="post"),
    "staffing:room_update": Detail("room", "pk", method="post",
                                   data={"name": "Lab Ubah", "clients": "10"}),
    "staffing:room_delete": Detail("room", "pk", method="post"),
    "staffing:server_delete": Detail("proctor_server", "pk", method="post"),
    "staffing:official_account": Detail("official", "pk", method="post", data={"account": ""}),
    "staffing:official_delete": Detail("official", "pk", method="post"),
    "staffing:unassign": Detail("assignment", "pk", method="post"),
}
