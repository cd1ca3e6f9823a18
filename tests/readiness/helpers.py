"""Readiness reports, participants and decisions made the way people make them (services)."""

from anbk.accounts.models import Role, User
from anbk.core.rules import TARGET_GRADE, Level
from anbk.readiness import services
from tests.people import make_student, make_user

GOOD = dict(client_computers=20, client_computers_total=22, proctor_server_candidates=2,
            proctor_server_spec="4 inti 2,4 GHz 64-bit, RAM 8 GB, 2 LAN, 500 GB",
            proctor_server_spec_ok=True, rooms=2, electricity="stable", generator=True,
            internet_provider="Telkom IndiHome", bandwidth_text="30 Mbps",
            proctor_candidates=2, technician_candidates=1,
            candidate_names="Asep Saepudin\nYudi Permana")


def operator_of(school) -> User:
    user = User.objects.filter(role=Role.SCHOOL_OPERATOR, school=school).first()
    return user or make_user(f"op{school.npsn}", Role.SCHOOL_OPERATOR, school=school)


def participants(school, count: int, start: int = 0) -> None:
    """`count` eligible students of the school's target grade (P-2)."""
    grade = TARGET_GRADE[Level(school.level)]
    for i in range(count):
        make_student(f"{school.npsn[-5:]}{start + i:05d}", school, grade=grade,
                     name=f"Peserta {i}")


def report(school, **fields):
    return services.readiness_report_save(actor=operator_of(school), school=school,
                                          data=GOOD | fields)


def approved(school, verifier, **fields):
    report(school, **fields)
    services.readiness_report_submit(actor=operator_of(school), school=school)
    return services.readiness_report_verify(actor=verifier, school=school, approve=True)
