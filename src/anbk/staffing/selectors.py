"""Every read of the staffing app takes the acting user and is filtered to their scope.

Gaps (S-4, S-7) are computed here in bulk for a page of schools: a room without a proctor
server, a room and slot without a proctor or supervisor, a slot without a technician, an
official without a signed pledge or training, and conflicts a later change caused (a
supervisor who now serves at a school seated in the room, a placement outside the school's
current slots).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from anbk.core.resources import MIN_TECHNICIANS_PER_SCHOOL
from anbk.core.scoping import school_q
from anbk.registry.models import School, Service
from anbk.staffing.models import Assignment, Official, ProctorServer, Room, StaffRole
from anbk.staffing.slots import SessionSlot, participant_schools, session_slots_by_school


def school_list(*, actor, search: str = "", district_code: str = "") -> QuerySet[School]:
    qs = (School.objects.filter(school_q(actor)).select_related("district")
          .annotate(room_count=Count("rooms", distinct=True),
                    server_count=Count("proctor_servers", distinct=True),
                    official_count=Count("officials", distinct=True)))
    if search:
        qs = qs.filter(Q(npsn__startswith=search.strip()) | Q(name__icontains=search.strip()))
    if district_code:
        qs = qs.filter(district__code=district_code)
    return qs.order_by("npsn")


def school_get(*, actor, npsn: str) -> School:
    return get_object_or_404(School.objects.filter(school_q(actor)), npsn=npsn)


def room_get(*, actor, pk: int) -> Room:
    return get_object_or_404(Room.objects.filter(school_q(actor, "school__"))
                             .select_related("school"), pk=pk)


def server_get(*, actor, pk: int) -> ProctorServer:
    return get_object_or_404(ProctorServer.objects.filter(school_q(actor, "school__"))
                             .select_related("school", "room"), pk=pk)


def official_get(*, actor, pk: int) -> Official:
    """An official is visible from their home school's scope."""
    return get_object_or_404(Official.objects.filter(school_q(actor, "home_school__"))
                             .select_related("person", "home_school", "account"), pk=pk)


def assignment_get(*, actor, pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.filter(school_q(actor, "school__"))
                             .select_related("school", "room", "official__person"), pk=pk)


def officials_for_school(*, actor, school: School) -> QuerySet[Official]:
    """Officials of the school's own staff and those placed at it from elsewhere."""
    placed = Assignment.objects.filter(school=school).values("official_id")
    visible = Q(school_q(actor, "home_school__")) | Q(pk__in=placed)
    return (Official.objects.filter(visible).filter(Q(home_school=school) | Q(pk__in=placed))
            .select_related("person", "home_school", "account", "pledge").distinct()
            .order_by("role", "person__name"))


def assignable_officials(*, actor, school: School) -> QuerySet[Official]:
    """Who the actor may place at this school: its own proctors and technicians, anyone's
    in the actor's scope (borrowing, S-7), and — for the teams — supervisors of the scope."""
    qs = Official.objects.filter(school_q(actor, "home_school__"))
    if not actor.has_perm("staffing.assign_supervisors"):
        qs = qs.exclude(role=StaffRole.SUPERVISOR)
    return qs.select_related("person", "home_school").order_by("role", "person__name")


def candidate_people(*, actor, school: School) -> QuerySet[Service]:
    """People serving at the school, to appoint as officials."""
    return (Service.objects.filter(school_q(actor, "school__"), school=school, is_active=True)
            .select_related("person").order_by("person__name"))


def accounts_for(*, school: School, role: str):
    from anbk.accounts.models import User

    return User.objects.filter(school=school, role=role, is_active=True).order_by("username")


def assignment_grid(*, school: School) -> dict:
    """Rows of (slot, room) with the proctor and supervisor placed, and technicians by slot."""
    slots = session_slots_by_school([school])[school.pk]
    rooms = list(Room.objects.filter(school=school).select_related("proctor_server")
                 .order_by("name"))
    placed = defaultdict(list)
    technicians = defaultdict(list)
    for a in (Assignment.objects.filter(school=school)
              .select_related("official__person", "official__home_school")):
        if a.role == StaffRole.TECHNICIAN:
            technicians[(a.day, a.session)].append(a)
        else:
            placed[(a.day, a.session, a.room_id, a.role)].append(a)
    rows = []
    for slot in slots:
        for room in rooms:
            rows.append({"slot": slot, "room": room,
                         "proctor": placed[(slot.day, slot.session, room.pk,
                                            StaffRole.PROCTOR)][:1],
                         "supervisor": placed[(slot.day, slot.session, room.pk,
                                               StaffRole.SUPERVISOR)][:1]})
    return {"slots": slots, "rooms": rooms, "rows": rows,
            "technicians": [(slot, technicians[(slot.day, slot.session)]) for slot in slots]}


def supervisor_assignments(*, actor, district_code: str = "") -> QuerySet[Assignment]:
    qs = (Assignment.objects.filter(school_q(actor, "school__"), role=StaffRole.SUPERVISOR)
          .select_related("school", "room", "official__person", "official__home_school"))
    if district_code:
        qs = qs.filter(school__district__code=district_code)
    return qs.order_by("school__npsn", "day", "session", "room__name")


def untrained_officials(*, actor, npsn: str = "") -> QuerySet[Official]:
    qs = (Official.objects.filter(school_q(actor, "home_school__"), trained_on__isnull=True)
          .select_related("person", "home_school"))
    if npsn:
        qs = qs.filter(home_school__npsn=npsn)
    return qs.order_by("home_school__npsn", "role", "person__name")


def pledge_officials(*, actor) -> QuerySet[Official]:
    """The official roles of the signed-in account, with their pledges."""
    return (Official.objects.filter(account=actor).select_related("person", "home_school",
                                                                  "pledge")
            .order_by("role"))


# ---------------------------------------------------------------------------------------------
# Gaps

@dataclass
class SchoolGaps:
    rooms_without_server: list[Room] = field(default_factory=list)
    no_proctor: list[tuple[SessionSlot, Room]] = field(default_factory=list)
    no_supervisor: list[tuple[SessionSlot, Room]] = field(default_factory=list)
    no_technician: list[SessionSlot] = field(default_factory=list)
    unsigned: list[Official] = field(default_factory=list)
    untrained: list[Official] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    no_rooms: bool = False

    @property
    def count(self) -> int:
        return (len(self.rooms_without_server) + len(self.no_proctor)
                + len(self.no_supervisor) + len(self.no_technician) + len(self.unsigned)
                + len(self.untrained) + len(self.conflicts) + int(self.no_rooms))


def gaps_by_school(schools: Iterable[School]) -> dict[int, SchoolGaps]:
    """The gaps of each school (already scoped by the caller), in a handful of queries."""
    schools = list(schools)
    ids = [s.pk for s in schools]
    slots = session_slots_by_school(schools)
    seated = participant_schools(ids)
    rooms = defaultdict(list)
    for room in Room.objects.filter(school_id__in=ids).select_related("proctor_server"):
        rooms[room.school_id].append(room)
    has_server = set(ProctorServer.objects.filter(school_id__in=ids)
                     .values_list("room_id", flat=True))
    assignments = list(Assignment.objects.filter(school_id__in=ids)
                       .select_related("official__person"))
    filled = {(a.room_id, a.day, a.session, a.role) for a in assignments if a.room_id}
    techs = defaultdict(int)
    for a in assignments:
        if a.role == StaffRole.TECHNICIAN:
            techs[(a.school_id, a.day, a.session)] += 1
    serving = defaultdict(set)
    for person_id, school_id in Service.objects.filter(
            person_id__in={a.person_id for a in assignments if a.role == StaffRole.SUPERVISOR},
            is_active=True).values_list("person_id", "school_id"):
        serving[person_id].add(school_id)
    officials = (Official.objects.filter(Q(home_school_id__in=ids)
                                         | Q(assignments__school_id__in=ids))
                 .select_related("person", "pledge").distinct())
    working_at = defaultdict(set)
    for a in assignments:
        working_at[a.official_id].add(a.school_id)

    result = {s.pk: SchoolGaps() for s in schools}
    for school in schools:
        gaps = result[school.pk]
        school_slots = slots[school.pk]
        school_rooms = sorted(rooms[school.pk], key=lambda r: r.name)
        gaps.no_rooms = not school_rooms
        gaps.rooms_without_server = [r for r in school_rooms if r.pk not in has_server]
        for slot in school_slots:
            for room in school_rooms:
                if (room.pk, slot.day, slot.session, StaffRole.PROCTOR) not in filled:
                    gaps.no_proctor.append((slot, room))
                if (room.pk, slot.day, slot.session, StaffRole.SUPERVISOR) not in filled:
                    gaps.no_supervisor.append((slot, room))
            if techs[(school.pk, slot.day, slot.session)] < MIN_TECHNICIANS_PER_SCHOOL:
                gaps.no_technician.append(slot)
    for official in officials:
        for school_id in {official.home_school_id} | working_at[official.pk]:
            if school_id not in result:
                continue
            if not hasattr(official, "pledge"):
                result[school_id].unsigned.append(official)
            if official.trained_on is None:
                result[school_id].untrained.append(official)
    by_id = {s.pk: s for s in schools}
    for a in assignments:
        slot = SessionSlot(a.day, a.session)
        if slot not in slots[a.school_id]:
            result[a.school_id].conflicts.append(
                _("%(name)s (%(role)s) ditugaskan pada %(slot)s, di luar sesi sekolah.")
                % {"name": a.official.person.name, "role": a.get_role_display(),
                   "slot": slot})
        if a.role == StaffRole.SUPERVISOR and (serving[a.person_id]
                                               | {a.official.home_school_id}
                                               ) & seated[a.school_id]:
            result[a.school_id].conflicts.append(
                _("%(name)s mengawasi %(slot)s padahal bertugas di sekolah yang pesertanya "
                  "diuji di %(school)s.")
                % {"name": a.official.person.name, "slot": slot,
                   "school": by_id[a.school_id].name})
    return result

