"""The session slots a school's rooms need staff for, and whose participants sit in a room.

Until the scheduling app holds real sessions, a school's slots are days 1..TEST_DAYS ×
sessions 1..n, where n is the level's S-3 maximum sessions per day limited by need: no more
sessions than it takes to seat the school's participants (its own and its guests', as the
readiness app's moda/status decisions name them) at its client computers.
`session_slots_by_school` is the one place the scheduling app will point at real sessions;
`session_slots(school)` is its single-school form.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext

from anbk.core.resources import LEVEL_RESOURCES
from anbk.core.rules import TARGET_GRADE, Level
from anbk.core.staffing import TEST_DAYS
from anbk.registry.models import School, Student


@dataclass(frozen=True, order=True)
class SessionSlot:
    day: int
    session: int

    def __str__(self) -> str:
        return gettext("hari ke-%(day)d sesi %(session)d") % {"day": self.day,
                                                             "session": self.session}


def participant_schools(host_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The schools whose participants sit in each school's rooms (S-2, as the readiness
    app's moda/status decisions say): its guests, and itself unless it is a guest elsewhere."""
    from anbk.readiness.selectors import guests_of, host_of

    return {school.pk: frozenset({guest.pk for guest in guests_of(school)}
                                 | ({school.pk} if host_of(school).pk == school.pk else set()))
            for school in School.objects.filter(pk__in=list(host_ids))}


def participant_counts(school_ids: Iterable[int]) -> dict[int, int]:
    """Participants per school: its active students of the P-2 grade (an upper bound of the
    sample, so the slots never fall short)."""
    ids = list(school_ids)
    grade_match = Q()
    for level, grade in TARGET_GRADE.items():
        grade_match |= Q(school__level=level, grade=grade)
    rows = (Student.objects.filter(grade_match, school_id__in=ids, is_active=True)
            .values("school_id").annotate(n=Count("id")))
    return {row["school_id"]: row["n"] for row in rows}


def sessions_needed(level: str, participants: int, clients: int) -> int:
    """S-3: at most the level's sessions per day, no more than seating everyone takes."""
    most = LEVEL_RESOURCES[Level(level)].max_sessions_per_day
    if participants <= 0 or clients <= 0:
        return 0
    return min(most, math.ceil(participants / clients))


def session_slots_by_school(schools: Iterable[School]) -> dict[int, list[SessionSlot]]:
    """The slots of each school in which its rooms need a proctor and a supervisor."""
    schools = list(schools)
    ids = [s.pk for s in schools]
    clients = dict(School.objects.filter(pk__in=ids).annotate(n=Sum("rooms__clients"))
                   .values_list("pk", "n"))
    seated = participant_schools(ids)
    counts = participant_counts({i for group in seated.values() for i in group})
    scheduled = _scheduled_slots(ids)
    result: dict[int, list[SessionSlot]] = defaultdict(list)
    for school in schools:
        if school.pk in scheduled:
            result[school.pk] = scheduled[school.pk]
            continue
        participants = sum(counts.get(i, 0) for i in seated[school.pk])
        n = sessions_needed(school.level, participants, clients.get(school.pk) or 0)
        result[school.pk] = [SessionSlot(day, session) for day in range(1, TEST_DAYS + 1)
                             for session in range(1, n + 1)]
    return dict(result)


def _scheduled_slots(school_ids: list[int]) -> dict[int, list[SessionSlot]]:
    """The sessions hosts have set in the scheduling app, as slots."""
    from anbk.scheduling.models import Session
    from anbk.scheduling.planner import Slot

    slots: dict[int, set[SessionSlot]] = defaultdict(set)
    for school_id, pair, number in (Session.objects.filter(school_id__in=school_ids)
                                    .values_list("school_id", "pair", "number")):
        for day in Slot(pair, number).days:
            slots[school_id].add(SessionSlot(day, number))
    return {school_id: sorted(found) for school_id, found in slots.items()}


def session_slots(school: School) -> list[SessionSlot]:
    return session_slots_by_school([school])[school.pk]
