"""Participants, rooms and guests for the scheduling tests, on top of tests/people.py.

Participants are written as the sampling app stores them (its own rules are tested in
tests/sampling); rooms go through the staffing service."""

import datetime

from anbk.readiness.models import HostingStatus, ModaDecision
from anbk.registry.models import Student
from anbk.sampling.models import Assessment, Participant, SamplingRun, SchoolSample
from anbk.staffing import services as staffing

GRADE = {"SD": 5, "SMP": 8, "SMA": 11, "SMK": 11}


def assessment() -> Assessment:
    return Assessment.objects.get_or_create(year=2021, defaults={"name": "AN 2021"})[0]


def participants(school, main: int, reserve: int = 0, *, first_nisn: int) -> list[Participant]:
    """main + reserve sampled participants of school (NISNs first_nisn, first_nisn+1, …)."""
    a = assessment()
    run = SamplingRun.objects.create(assessment=a, tier=school.tier, seed=1)
    sample, _created = SchoolSample.objects.get_or_create(
        assessment=a, school=school, defaults={"run": run, "regular_candidates": main + reserve})
    students = Student.objects.bulk_create([
        Student(nisn=f"{first_nisn + i:010d}", school=school, name=f"Peserta {first_nisn + i}",
                sex="L", birth_date=datetime.date(2011, 1, 1), grade=GRADE[school.level])
        for i in range(main + reserve)])
    return Participant.objects.bulk_create([
        Participant(assessment=a, school_sample=sample, school=school, student=s, run=run,
                    sample_type="regular",
                    participant_type="main" if i < main else "reserve",
                    random_key=f"{i:016x}", an_number=f"AN-{s.nisn}")
        for i, s in enumerate(students)])


def rooms(actor, school, *clients: int):
    return [staffing.room_create(actor=actor, school=school, name=f"Lab {i}", clients=c)
            for i, c in enumerate(clients, start=1)]


def guest(world, school, host):
    """A readiness decision that school rides along at host (S-2)."""
    return ModaDecision.objects.create(school=school, moda="online", status=HostingStatus.GUEST,
                                       host=host, reason="uji", decided_by=world.district)
