"""What scheduling reads from the apps it builds on: participants (sampling, P-5/P-9), hosts
and guests (readiness, S-2), rooms and proctor servers (staffing, S-4).

These helpers take a school the caller has already checked against the actor's scope; they
are not selectors for pages.
"""

from django.db.models import QuerySet

from anbk.readiness.selectors import guests_of
from anbk.readiness.selectors import host_of as readiness_host_of
from anbk.registry.models import School
from anbk.sampling.models import Participant, ParticipantType
from anbk.sampling.selectors import current_assessment
from anbk.staffing.models import Room


def host_of(school: School) -> School:
    """Where a school's participants sit: its host when it is a guest, else itself."""
    return readiness_host_of(school)


def seated_schools(host: School, level: str | None = None) -> list[School]:
    """The host itself and its guests (S-2), optionally only those of one level."""
    schools = [host, *guests_of(host)]
    return [s for s in schools if level is None or s.level == level]


def levels_at(host: School) -> list[str]:
    """The levels whose participants sit at this host, in the order of core.rules.Level."""
    from anbk.core.rules import Level

    present = {s.level for s in seated_schools(host)}
    return [level.value for level in Level if level.value in present]


def participants_of(schools) -> QuerySet[Participant]:
    """Current participants (main and reserve) of the current assessment at these schools."""
    return (Participant.objects
            .filter(school__in=list(schools), removed_at__isnull=True,
                    assessment=current_assessment())
            .select_related("student", "school"))


def participants_at(host: School, level: str) -> QuerySet[Participant]:
    return participants_of(seated_schools(host, level))


def sitting_order(participant: Participant) -> tuple:
    """Main participants before reserves, then by name and NISN (J-4 seat order)."""
    return (participant.participant_type != ParticipantType.MAIN, participant.student.name,
            participant.student.nisn)


def host_rooms(host: School) -> QuerySet[Room]:
    return Room.objects.filter(school=host).select_related("proctor_server").order_by("name",
                                                                                      "pk")
