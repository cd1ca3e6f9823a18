"""`anbk demo` step for staffing: rooms, proctor servers, proctors and technicians, a
crosswise supervisor plan, training and some pledges for the demo school and its district
neighbours, all through the services (S-4, S-7)."""

import datetime
import math

from django.utils import timezone

from anbk.core.resources import ROOM_MAX_CLIENTS
from anbk.core.scoping import school_q
from anbk.core.staffing import TEST_DAYS
from anbk.registry.models import Region, School, Service
from anbk.staffing import services
from anbk.staffing.models import Official, StaffRole
from anbk.staffing.slots import participant_counts, participant_schools

DEMO_DISTRICT = "32.04"
NEIGHBOURS = 11
SUPERVISORS_PER_SCHOOL = 2
MAX_DEMO_ROOMS = 2


def load_demo(*, users: dict) -> None:
    from anbk.portal.demo import demo_school

    home = demo_school()
    district_team = users.get("kab" + DEMO_DISTRICT.replace(".", ""))
    if home is None or district_team is None or Official.objects.exists():
        return
    region = Region.objects.get(code=DEMO_DISTRICT)
    others = list(School.objects.filter(school_q(district_team), district=region)
                  .exclude(pk=home.pk).filter(latitude__isnull=False).order_by("npsn")
                  [:NEIGHBOURS])
    counts = participant_counts([s.pk for s in [home, *others]])
    seated = participant_schools([s.pk for s in [home, *others]])
    # Only schools whose own participants sit there have sessions to staff (not guests).
    schools = [s for s in [home, *others] if s.pk in seated[s.pk] and counts.get(s.pk)]
    accounts = {StaffRole.PROCTOR: users.get(f"proktor{home.npsn}"),
                StaffRole.TECHNICIAN: users.get(f"teknisi{home.npsn}"),
                StaffRole.SUPERVISOR: users.get(f"pengawas{home.npsn}")}
    operator = users.get(f"op{home.npsn}") or district_team
    staff = []
    for school in schools:
        actor = operator if school == home else district_team
        staff += _school(school, actor, counts.get(school.pk, 0),
                         accounts if school == home else {})
    services.supervisors_plan(actor=district_team, district=region)
    # Training took place for all but the last few appointed: their gap shows.
    today = timezone.localdate()
    services.training_record(actor=district_team, officials=staff[:-3],
                             trained_on=today - datetime.timedelta(days=14),
                             note="Bimtek proktor dan teknisi Kab. Bandung")
    for role in (StaffRole.PROCTOR, StaffRole.TECHNICIAN):
        account = accounts[role]
        official = Official.objects.filter(account=account).first() if account else None
        if official is not None:
            services.pledge_sign(actor=account, official=official, ip="127.0.0.1")


def _school(school, actor, participants: int, accounts: dict) -> list[Official]:
    """Rooms for the school's participants (at most two), their servers with passwords
    issued, a proctor per room and a technician from its own teachers placed in every
    session, and the supervisors it proposes for other schools."""
    rooms = []
    needed = min(MAX_DEMO_ROOMS, math.ceil(participants / (ROOM_MAX_CLIENTS * TEST_DAYS)))
    for n in range(1, needed + 1):
        room = services.room_create(actor=actor, school=school, name=f"Lab Komputer {n}",
                                    clients=ROOM_MAX_CLIENTS)
        services.proctor_server_create(actor=actor, room=room, computer_name=f"PROKTOR-{n:02d}")
        rooms.append(room)
    services.proctor_passwords_issue(actor=actor, school=school)
    people = iter(s.person for s in Service.objects.filter(school=school, is_active=True)
                  .select_related("person").order_by("person__nik"))
    linked = dict(accounts)  # the demo accounts go to the first official of their role

    def appoint(role):
        person = next(people, None)
        if person is None:
            return None
        return services.official_create(actor=actor, person=person, role=role,
                                        home_school=school, account=linked.pop(role, None))

    appointed = []
    for room in rooms:
        proctor = appoint(StaffRole.PROCTOR)
        if proctor is not None:
            services.staff_assign(actor=actor, official=proctor, school=school, room=room)
            appointed.append(proctor)
    technician = appoint(StaffRole.TECHNICIAN)
    if technician is not None:
        services.staff_assign(actor=actor, official=technician, school=school)
        appointed.append(technician)
    proposed = [appoint(StaffRole.SUPERVISOR) for _ in range(SUPERVISORS_PER_SCHOOL)]
    return appointed + [o for o in proposed if o is not None]
