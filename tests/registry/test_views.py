"""Registry pages: scoped lists with search, filters and pagination; details that are a 404
outside the actor's scope; a flat number of queries however many rows a page shows."""

import datetime

import pytest
from django.urls import reverse

from anbk.registry.models import Person, Position, Service, Student
from tests.people import make_school, make_student


def get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def many_schools(world, n):
    return [make_school(f"2021{i:04d}", f"SD Negeri {i} Banjaran", "SD", world.kab_bandung)
            for i in range(n)]


def many_students(school, n, grade=5):
    Student.objects.bulk_create(
        Student(nisn=f"09{i:08d}", school=school, name=f"Murid {i:03d}", sex="L",
                birth_date=datetime.date(2012, 1, 1), grade=grade) for i in range(n))


# --- schools -----------------------------------------------------------------------------

def test_school_list_shows_only_schools_in_scope(client, world):  # rule S-1
    response = get(client, world.district, "registry:school_list")
    assert response.status_code == 200
    npsns = {school.npsn for school in response.context["page"]}
    assert npsns == {world.sd.npsn}
    assert world.sd.name in response.content.decode()
    assert world.sd_jateng.name not in response.content.decode()


def test_school_list_searches_by_npsn_prefix_and_by_name(client, world):
    by_npsn = get(client, world.centre, "registry:school_list", q="202000")
    assert {s.npsn for s in by_npsn.context["page"]} == {"20200001", "20200002", "20200003"}
    by_name = get(client, world.centre, "registry:school_list", q="purwokerto")
    assert [s.npsn for s in by_name.context["page"]] == [world.sd_jateng.npsn]


def test_school_list_filters_by_bentuk_district_and_status(client, world):
    world.smp.status = "swasta"
    world.smp.save()
    by_bentuk = get(client, world.province, "registry:school_list", bentuk="SMA")
    assert [s.npsn for s in by_bentuk.context["page"]] == [world.sma.npsn]
    by_district = get(client, world.province, "registry:school_list", district="32.73")
    assert [s.npsn for s in by_district.context["page"]] == [world.smp.npsn]
    by_status = get(client, world.province, "registry:school_list", status="negeri")
    assert {s.npsn for s in by_status.context["page"]} == {world.sd.npsn, world.sma.npsn}


def test_school_list_offers_only_districts_in_scope(client, world):
    response = get(client, world.province, "registry:school_list")
    codes = {code for code, _label in response.context["form"].fields["district"].choices}
    assert codes == {"", "32.04", "32.73"}


def test_school_list_ignores_a_filter_value_that_is_not_a_choice(client, world):
    response = get(client, world.province, "registry:school_list", bentuk="TK", district="99.99")
    assert response.status_code == 200
    assert len(response.context["page"]) == 3


def test_school_list_paginates_by_fifty_and_keeps_filters_in_page_links(client, world):
    many_schools(world, 60)
    first = get(client, world.district, "registry:school_list", bentuk="SD")
    assert len(first.context["page"]) == 50
    assert first.context["page"].paginator.count == 61
    assert "bentuk=SD&amp;page=2" in first.content.decode()
    second = get(client, world.district, "registry:school_list", bentuk="SD", page=2)
    assert len(second.context["page"]) == 11


def test_school_list_query_count_does_not_grow_with_rows(client, world,
                                                         django_assert_max_num_queries):
    many_schools(world, 60)
    client.force_login(world.centre)
    # session, user, district choices, count, page: the same for 5 rows or 50.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("registry:school_list"))
    assert len(response.context["page"]) == 50


def test_an_htmx_request_gets_only_the_results(client, world):
    client.force_login(world.district)
    response = client.get(reverse("registry:school_list"), {"q": "Soreang"},
                          HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert world.sd.name in body
    assert "<html" not in body and "<table>" in body


def test_school_options_suggest_schools_in_scope_by_npsn_or_name(client, world):
    client.force_login(world.province)
    by_name = client.get(reverse("registry:school_options"), {"npsn": "soreang"})
    assert [s.npsn for s in by_name.context["schools"]] == [world.sd.npsn, world.sma.npsn]
    assert f'<option value="{world.sd.npsn}">' in by_name.content.decode()
    by_npsn = client.get(reverse("registry:school_options"), {"npsn": "2020000"})
    assert len(by_npsn.context["schools"]) == 3
    client.force_login(world.district_outsider)
    outsider = client.get(reverse("registry:school_options"), {"npsn": "soreang"})
    assert list(outsider.context["schools"]) == []


def test_school_options_are_capped(client, world):
    many_schools(world, 30)
    response = get(client, world.district, "registry:school_options", npsn="2021")
    assert len(response.context["schools"]) == 20


def test_npsn_fields_suggest_through_htmx(client, world):
    body = get(client, world.district, "registry:student_list").content.decode()
    assert f'hx-get="{reverse("registry:school_options")}"' in body
    assert 'list="id_npsn-options"' in body and '<datalist id="id_npsn-options">' in body


def test_school_detail_shows_data_principal_and_students_per_grade(client, world):
    principal = Person.objects.create(nik="3204010101700002", name="Ahmad Fauzi", sex="L",
                                      employment_status="pns")
    Service.objects.create(person=principal, school=world.sd, position=Position.PRINCIPAL)
    make_student("0111111112", world.sd, name="Rina", grade=4)
    make_student("0111111113", world.sd, name="Tono", grade=5, is_active=False)
    response = get(client, world.district, "registry:school_detail", world.sd.npsn)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ahmad Fauzi" in body and world.sd.npsn in body
    assert response.context["grades"] == [{"grade": 4, "n": 1, "active": 1},
                                          {"grade": 5, "n": 2, "active": 1}]
    assert response.context["teacher_count"] == 2  # the teacher and the principal
    assert f"{reverse('registry:teacher_list')}?npsn={world.sd.npsn}" in body


def test_school_detail_without_principal_says_so(client, world):
    response = get(client, world.district, "registry:school_detail", world.sd.npsn)
    assert response.context["principal"] is None
    assert "Belum tercatat" in response.content.decode()


@pytest.mark.parametrize("who", ["district_outsider", "kemenag_district", "operator_outsider",
                                 "province_outsider"])
def test_school_detail_is_404_outside_scope(client, world, who):  # rule S-1
    response = get(client, getattr(world, who), "registry:school_detail", world.sd.npsn)
    assert response.status_code == 404


def test_school_detail_of_an_unknown_npsn_is_404(client, world):
    assert get(client, world.centre, "registry:school_detail", "99999999").status_code == 404


@pytest.mark.parametrize("who", ["proctor", "technician", "supervisor"])
def test_registry_pages_do_not_exist_for_proctor_technician_supervisor(client, world, who):
    user = getattr(world, who)
    assert get(client, user, "registry:school_list").status_code == 404
    assert get(client, user, "registry:school_detail", world.sd.npsn).status_code == 404


# --- students ----------------------------------------------------------------------------

def test_student_list_is_scoped_and_searchable(client, world):
    make_student("0111111114", world.sd, name="Bayu Pratama", grade=6)
    response = get(client, world.operator, "registry:student_list")
    assert {s.nisn for s in response.context["page"]} == {"0111111111", "0111111114"}
    by_name = get(client, world.operator, "registry:student_list", q="bayu")
    assert [s.nisn for s in by_name.context["page"]] == ["0111111114"]
    by_nisn = get(client, world.operator, "registry:student_list", q="0111111111")
    assert [s.nisn for s in by_nisn.context["page"]] == ["0111111111"]
    outsider = get(client, world.operator_outsider, "registry:student_list", q="0111111111")
    assert list(outsider.context["page"]) == []


def test_student_list_filters_by_school_grade_and_active(client, world):
    make_student("0333333331", world.smp, name="Citra", grade=8)
    make_student("0111111115", world.sd, name="Dodi", grade=4, is_active=False)
    by_school = get(client, world.province, "registry:student_list", npsn=world.smp.npsn)
    assert [s.nisn for s in by_school.context["page"]] == ["0333333331"]
    by_grade = get(client, world.province, "registry:student_list", grade="4")
    assert [s.nisn for s in by_grade.context["page"]] == ["0111111115"]
    inactive = get(client, world.province, "registry:student_list", active="0")
    assert [s.nisn for s in inactive.context["page"]] == ["0111111115"]
    active = get(client, world.province, "registry:student_list", active="1")
    assert {s.nisn for s in active.context["page"]} == {"0111111111", "0333333331"}
    garbage = get(client, world.province, "registry:student_list", grade="lima")
    assert garbage.context["page"].paginator.count == 3


def test_student_list_query_count_is_flat(client, world, django_assert_max_num_queries):
    many_students(world.sd, 70)
    client.force_login(world.district)
    with django_assert_max_num_queries(4):  # session, user, count, page
        response = client.get(reverse("registry:student_list"))
    assert len(response.context["page"]) == 50
    assert response.context["page"].paginator.count == 71


def test_student_detail_shows_the_student(client, world):
    response = get(client, world.district, "registry:student_detail", world.student.nisn)
    assert response.status_code == 200
    body = response.content.decode()
    assert world.student.name in body and world.sd.name in body


@pytest.mark.parametrize("who", ["district_outsider", "kemenag_district", "operator_outsider"])
def test_student_detail_is_404_outside_scope(client, world, who):
    response = get(client, getattr(world, who), "registry:student_detail", world.student.nisn)
    assert response.status_code == 404


# --- teachers and principals (P-8) -------------------------------------------------------

def test_teacher_list_has_one_row_per_school_served(client, world):  # rule P-8
    centre = get(client, world.centre, "registry:teacher_list")
    rows = [(s.person.nik, s.school.npsn) for s in centre.context["page"]]
    assert rows == [(world.teacher.nik, world.sd.npsn), (world.teacher.nik, world.mi.npsn)]
    # Each authority sees only the row at its own school.
    dinas = get(client, world.province, "registry:teacher_list")
    assert [s.school.npsn for s in dinas.context["page"]] == [world.sd.npsn]
    kemenag = get(client, world.kemenag_district, "registry:teacher_list")
    assert [s.school.npsn for s in kemenag.context["page"]] == [world.mi.npsn]
    outsider = get(client, world.district_outsider, "registry:teacher_list")
    assert list(outsider.context["page"]) == []


def test_teacher_list_searches_and_filters(client, world):
    principal = Person.objects.create(nik="3204010101700003", name="Hendra Gunawan", sex="L",
                                      employment_status="non_asn")
    Service.objects.create(person=principal, school=world.sd, position=Position.PRINCIPAL)
    by_nik = get(client, world.centre, "registry:teacher_list", q="3204010101700003")
    assert [s.person.name for s in by_nik.context["page"]] == ["Hendra Gunawan"]
    by_name = get(client, world.centre, "registry:teacher_list", q="dewi")
    assert {s.school.npsn for s in by_name.context["page"]} == {world.sd.npsn, world.mi.npsn}
    principals = get(client, world.centre, "registry:teacher_list", position="kepala_sekolah")
    assert [s.person.name for s in principals.context["page"]] == ["Hendra Gunawan"]
    at_mi = get(client, world.centre, "registry:teacher_list", npsn=world.mi.npsn)
    assert [s.person.name for s in at_mi.context["page"]] == ["Dewi Lestari"]


def test_teacher_list_query_count_is_flat(client, world, django_assert_max_num_queries):
    people = Person.objects.bulk_create(
        Person(nik=f"32040202028{i:05d}", name=f"Guru {i}", sex="P", employment_status="pppk")
        for i in range(60))
    Service.objects.bulk_create(Service(person=p, school=world.sd, position=Position.TEACHER)
                                for p in people)
    client.force_login(world.district)
    with django_assert_max_num_queries(4):  # session, user, count, page
        response = client.get(reverse("registry:teacher_list"))
    assert len(response.context["page"]) == 50


def test_person_detail_lists_every_school_served_in_scope(client, world):  # rule P-8
    centre = get(client, world.centre, "registry:person_detail", world.teacher.nik)
    assert [s.school.npsn for s in centre.context["services"]] == [world.sd.npsn, world.mi.npsn]
    dinas = get(client, world.district, "registry:person_detail", world.teacher.nik)
    assert [s.school.npsn for s in dinas.context["services"]] == [world.sd.npsn]
    assert world.mi.name not in dinas.content.decode()
    kemenag = get(client, world.kemenag_district, "registry:person_detail", world.teacher.nik)
    assert [s.school.npsn for s in kemenag.context["services"]] == [world.mi.npsn]


@pytest.mark.parametrize("who", ["district_outsider", "province_outsider", "operator_outsider"])
def test_person_detail_is_404_outside_scope(client, world, who):  # rule P-8
    response = get(client, getattr(world, who), "registry:person_detail", world.teacher.nik)
    assert response.status_code == 404
