"""The home dashboard per role: the centre sees the nation by province, a team its region by
district and bentuk with the locked accounts it can unlock, a school account its school."""

import datetime

from django.urls import reverse
from django.utils import timezone

from anbk.registry.models import Person, Position, Service, Student
from tests.people import make_student


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response


def test_centre_sees_national_counts_and_schools_per_province(client, world):
    response = home(client, world.centre)
    counts = response.context["counts"]
    assert (counts["schools"], counts["students"], counts["persons"]) == (6, 2, 1)
    assert response.context["per_region"] == [
        {"region_code": "32", "region_name": "Jawa Barat", "n": 4},
        {"region_code": "33", "region_name": "Jawa Tengah", "n": 1},
        {"region_code": None, "region_name": None, "n": 1},  # the SILN abroad, listed last
    ]
    body = response.content.decode()
    assert "Sekolah per provinsi" in body and "Luar negeri (SILN/SPK)" in body


def test_province_team_sees_its_region_by_district_and_bentuk(client, world):  # rule S-1
    response = home(client, world.province)
    assert response.context["per_region"] == [
        {"region_code": "32.04", "region_name": "Bandung", "n": 2},
        {"region_code": "32.73", "region_name": "Kota Bandung", "n": 1},
    ]
    assert response.context["counts"]["by_bentuk"] == [
        {"bentuk": "SD", "n": 1}, {"bentuk": "SMA", "n": 1}, {"bentuk": "SMP", "n": 1}]
    body = response.content.decode()
    assert "Sekolah per kabupaten/kota" in body and "Jawa Tengah" not in body


def test_team_dashboard_counts_the_locked_accounts_it_manages(client, world):
    now = timezone.now()
    for user in (world.proctor, world.technician, world.operator_outsider):
        user.locked_at = now
        user.save(update_fields=["locked_at"])
    assert home(client, world.district).context["locked"] == 2
    assert home(client, world.province).context["locked"] == 2
    assert home(client, world.district_outsider).context["locked"] == 1
    assert home(client, world.kemenag_district).context["locked"] == 0


def test_district_team_counts_only_its_authority(client, world):  # rule S-1
    response = home(client, world.district)
    counts = response.context["counts"]
    assert (counts["schools"], counts["students"], counts["persons"]) == (1, 1, 1)
    assert response.context["per_region"] == [
        {"region_code": "32.04", "region_name": "Bandung", "n": 1}]


def test_school_account_sees_its_school_card_grades_and_teachers(client, world):
    make_student("0111111112", world.sd, name="Rina", grade=4)
    make_student("0111111113", world.sd, name="Tono", grade=4, is_active=False)
    principal = Person.objects.create(nik="3204010101700009", name="Ahmad", sex="L",
                                      employment_status="pns")
    Service.objects.create(person=principal, school=world.sd, position=Position.PRINCIPAL)
    for user in (world.operator, world.proctor, world.technician, world.supervisor):
        response = home(client, user)
        body = response.content.decode()
        assert world.sd.npsn in body and world.sd.name in body and "Bandung" in body
        assert response.context["grades"] == [{"grade": 4, "n": 2, "active": 1},
                                              {"grade": 5, "n": 1, "active": 1}]
        assert response.context["counts"]["persons"] == 2
        assert "locked" not in response.context


def test_outsider_dashboard_shows_none_of_ours(client, world):
    response = home(client, world.operator_outsider)
    body = response.content.decode()
    assert world.sd_jateng.name in body and world.sd.name not in body
    assert response.context["grades"] == [{"grade": 5, "n": 1, "active": 1}]


def test_numbers_use_indonesian_thousands_separators(client, world):
    Student.objects.bulk_create(
        Student(nisn=f"08{i:08d}", school=world.sd, name=f"Murid {i}", sex="P",
                birth_date=datetime.date(2012, 5, 5), grade=5) for i in range(1233))
    body = home(client, world.centre).content.decode()
    assert '<div class="n">1.235</div>' in body  # 1,233 + the two of the world
    client.post(reverse("portal:set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("portal:home")).content.decode()
    assert '<div class="n">1,235</div>' in english
