"""`anbk demo` step for scheduling: sessions, placement and logins at the demo school.

It builds on the steps above it (sampling, readiness, staffing): participants and rooms
they made are used as they are; only what is still missing is made here, through the owning
apps' services (a district sampling run, two computer rooms), so the schedule has something
to seat. One room gets its proctor server and one does not, so "Cek Kelengkapan Data" has a
gap to show.
"""

from anbk.core.schedule import LEVEL_WAVES
from anbk.portal.demo import demo_school
from anbk.sampling import services as sampling
from anbk.scheduling import selectors, services, sources
from anbk.scheduling.models import Session
from anbk.staffing import services as staffing

DEMO_ROOMS = (("Lab Komputer 1", 15), ("Lab Komputer 2", 15))


def load_demo(*, users: dict) -> None:
    school = demo_school()
    if school is None or Session.objects.filter(school=school).exists():
        return
    district = users[f"kab{school.district.code.replace('.', '')}"]
    operator = users[f"op{school.npsn}"]
    if not sources.participants_of([school]).exists():
        sampling.run_sampling(actor=district)
    if not sources.host_rooms(school).exists():
        first = None
        for name, clients in DEMO_ROOMS:
            room = staffing.room_create(actor=operator, school=school, name=name,
                                        clients=clients)
            first = first or room
        staffing.proctor_server_create(actor=operator, room=first)
    host = sources.host_of(school)
    if host.pk != school.pk:
        return
    for level in sources.levels_at(school):
        per_day = selectors.suggested_sessions(school, level)
        if not per_day:
            continue
        services.sessions_set(actor=operator, school=school, level=level,
                              wave=LEVEL_WAVES[level][0], per_pair={1: per_day})
        services.placement_run(actor=operator, school=school, level=level)
    services.credentials_issue_educators(actor=operator, school=school)
