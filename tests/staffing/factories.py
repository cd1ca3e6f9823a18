"""Staff, rooms and places for the staffing tests, on top of tests/people.py."""

from decimal import Decimal

from anbk.registry.models import Person, Position, Service
from anbk.staffing import services
from tests.people import make_school, make_student

_nik = iter(range(3204020101800001, 3204020101899999))


def teacher(school, name: str = "Agus Salim", *also) -> Person:
    """A teacher serving at school (and at the schools in `also`, P-8)."""
    person = Person.objects.create(nik=str(next(_nik)), name=name, sex="L",
                                   employment_status="pns")
    for place in (school, *also):
        Service.objects.create(person=person, school=place, position=Position.TEACHER)
    return person


def place(school, lat: float, lon: float):
    school.latitude, school.longitude = Decimal(str(lat)), Decimal(str(lon))
    school.save(update_fields=["latitude", "longitude"])
    return school


def participants(school, count: int, first_nisn: int):
    """Students of the AN grade (P-2) at school."""
    grade = {"SD": 5, "SMP": 8}.get(school.level, 11)
    for i in range(count):
        make_student(f"{first_nisn + i:010d}", school, name=f"Peserta {i}", grade=grade)


def school_with_room(npsn: str, name: str, district, actor, lat: float, lon: float,
                     first_nisn: int, bentuk: str = "SD", clients: int = 15):
    school = place(make_school(npsn, name, bentuk, district), lat, lon)
    participants(school, 20, first_nisn)
    room = services.room_create(actor=actor, school=school, name="Lab 1", clients=clients)
    return school, room


def supervisor(actor, school, name: str, *also):
    person = teacher(school, name, *also)
    return services.official_create(actor=actor, person=person, role="supervisor",
                                    home_school=school)
