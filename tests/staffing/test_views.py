"""Staffing pages over HTTP (rules S-4, S-7): forms reach the services, refusals come back
as clear errors with nothing changed, PDFs print what they should, scope holds."""

import re

import pytest
from django.urls import reverse

from anbk.staffing import services
from anbk.staffing.models import Assignment, Official, Pledge, ProctorServer, Room
from tests.pdftext import pdf_text
from tests.staffing.factories import school_with_room, supervisor, teacher


@pytest.fixture
def operator(client, world):
    client.force_login(world.operator)
    return client


def _school_url(world):
    return reverse("staffing:school", args=[world.sd.npsn])


def test_a_school_adds_a_room_and_a_server_and_prints_the_proctor_list(operator, world):
    # rule S-4
    response = operator.post(reverse("staffing:room_create", args=[world.sd.npsn]),
                             {"name": "Lab Komputer 1", "clients": "15"})
    assert response.status_code == 302
    room = Room.objects.get()
    operator.post(reverse("staffing:server_create", args=[room.pk]),
                  {"computer_name": "PROKTOR-01"})
    server = ProctorServer.objects.get()
    page = operator.get(_school_url(world)).content.decode()
    assert "20200001-001" in page and "belum dicetak" in page

    printed = operator.post(reverse("staffing:proctor_list_pdf", args=[world.sd.npsn]))
    assert printed["Content-Type"] == "application/pdf"
    assert "no-store" in printed["Cache-Control"]
    text = pdf_text(printed.content)
    assert "DAFTAR ID PROKTOR" in text and "20200001-001" in text and "Lab Komputer 1" in text
    password = re.search(r"20200001-001\s+(\S{12})", text).group(1)
    assert services.verify_proctor_server_login(server.proctor_id, password) == server

    again = pdf_text(operator.post(reverse("staffing:proctor_list_pdf",
                                           args=[world.sd.npsn])).content)
    assert services.verify_proctor_server_login(server.proctor_id, password) is None
    new = re.search(r"20200001-001\s+(\S{12})", again).group(1)
    assert services.verify_proctor_server_login(server.proctor_id, new) == server


@pytest.mark.parametrize("clients", ["16", "-1", "0", "banyak", ""])
def test_an_absurd_room_comes_back_with_an_error_and_nothing_saved(operator, world, clients):
    # rule S-4
    response = operator.post(reverse("staffing:room_create", args=[world.sd.npsn]),
                             {"name": "Lab", "clients": clients})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Room.objects.count() == 0


def test_printing_with_no_server_says_so(operator, world):  # rule S-4
    response = operator.post(reverse("staffing:proctor_list_pdf", args=[world.sd.npsn]),
                             follow=True)
    assert "Belum ada server proktor" in response.content.decode()


def test_a_school_appoints_and_places_its_proctor(operator, world):  # rule S-7
    room = services.room_create(actor=world.operator, school=world.sd, name="Lab", clients=15)
    person = teacher(world.sd, "Asep Saepudin")
    operator.post(reverse("staffing:official_create", args=[world.sd.npsn]),
                  {"role": "proctor", "person": person.pk, "account": world.proctor.pk})
    official = Official.objects.get()
    assert official.account == world.proctor
    operator.post(reverse("staffing:assign", args=[world.sd.npsn]),
                  {"official": official.pk, "room": room.pk, "slot": "1-1"})
    assert list(Assignment.objects.values_list("day", "session")) == [(1, 1)]
    page = operator.get(_school_url(world)).content.decode()
    assert "Asep Saepudin" in page and "belum menandatangani pakta integritas" in page


def test_a_person_in_two_places_is_refused_on_the_page(operator, world):  # rule S-7
    room = services.room_create(actor=world.operator, school=world.sd, name="Lab", clients=15)
    person = teacher(world.sd, "Dua Tempat")
    proctor = services.official_create(actor=world.operator, person=person, role="proctor",
                                       home_school=world.sd)
    tech = services.official_create(actor=world.operator, person=person, role="technician",
                                    home_school=world.sd)
    services.staff_assign(actor=world.operator, official=proctor, school=world.sd, room=room)
    response = operator.post(reverse("staffing:assign", args=[world.sd.npsn]),
                             {"official": tech.pk, "room": "", "slot": ""})
    assert "sudah bertugas pada hari ke-1 sesi 1" in response.content.decode()
    assert Assignment.objects.count() == 2


def test_the_district_cannot_place_a_supervisor_at_their_own_school(client, world):  # S-7
    room = services.room_create(actor=world.district, school=world.sd, name="Lab", clients=15)
    own = supervisor(world.district, world.sd, "Guru Sendiri")
    client.force_login(world.district)
    response = client.post(reverse("staffing:assign", args=[world.sd.npsn]),
                           {"official": own.pk, "room": room.pk, "slot": ""})
    assert "ditugaskan silang" in response.content.decode()
    assert not Assignment.objects.exists()


def test_an_operator_is_not_offered_supervisors_to_place(operator, world):  # rule S-7
    from tests.people import make_school

    other = make_school("20200021", "SD Negeri 2 Soreang", "SD", world.kab_bandung)
    outsider = supervisor(world.district, other, "Pengawas Lain")
    services.room_create(actor=world.operator, school=world.sd, name="Lab", clients=15)
    page = operator.get(_school_url(world)).content.decode()
    assert "Pengawas Lain" not in page
    response = operator.post(reverse("staffing:assign", args=[world.sd.npsn]),
                             {"official": outsider.pk, "room": "", "slot": ""})
    assert response.status_code == 200 and not Assignment.objects.exists()


def test_the_district_runs_the_supervisor_plan(client, world):  # rule S-7
    d = world.kab_bandung
    a, _ = school_with_room("20201001", "SD Negeri 1 Banjaran", d, world.district, -7.04,
                            107.59, 800000000)
    b, _ = school_with_room("20201002", "SD Negeri 1 Ciparay", d, world.district, -7.03,
                            107.71, 800000100)
    supervisor(world.district, a, "Pengawas Banjaran")
    supervisor(world.district, b, "Pengawas Ciparay")
    client.force_login(world.district)
    response = client.post(reverse("staffing:supervisors"), {"district": ""}, follow=True)
    body = response.content.decode()
    assert "8 kursi terisi" in body and "0 belum terisi" in body
    assert "Pengawas Banjaran" in body and "SD Negeri 1 Ciparay" in body
    # The outsider's plan page lists none of ours.
    client.force_login(world.district_outsider)
    assert "Pengawas Banjaran" not in client.get(reverse("staffing:supervisors")).content.decode()


def test_an_official_signs_the_pledge_and_prints_it(client, world):  # rule S-7
    official = services.official_create(actor=world.operator, person=teacher(world.sd, "Asep"),
                                        role="proctor", home_school=world.sd,
                                        account=world.proctor)
    client.force_login(world.proctor)
    page = client.get(reverse("staffing:pledge")).content.decode()
    assert "PAKTA" not in page and "Pakta Integritas" in page and "perangkat komunikasi" in page
    client.post(reverse("staffing:pledge"), {"official": official.pk},
                REMOTE_ADDR="192.168.10.7")
    pledge = Pledge.objects.get()
    assert pledge.ip == "192.168.10.7" and pledge.signed_by == world.proctor
    text = pdf_text(client.get(reverse("staffing:pledge_pdf", args=[pledge.pk])).content)
    assert "PAKTA INTEGRITAS" in text and "Asep" in text and "192.168.10.7" in text
    # Signing again, or someone else's official, changes nothing.
    client.post(reverse("staffing:pledge"), {"official": official.pk})
    client.force_login(world.technician)
    assert client.post(reverse("staffing:pledge"),
                       {"official": official.pk}).status_code == 404
    assert Pledge.objects.count() == 1


def test_an_official_without_a_linked_account_is_told_whom_to_ask(client, world):  # S-7
    client.force_login(world.supervisor)
    assert "belum terhubung" in client.get(reverse("staffing:pledge")).content.decode()


def test_the_district_records_training_and_the_gap_closes(client, world):  # rule S-7
    official = services.official_create(actor=world.operator, person=teacher(world.sd, "Yudi"),
                                        role="technician", home_school=world.sd)
    client.force_login(world.district)
    gaps = client.get(reverse("staffing:gaps")).content.decode()
    assert world.sd.name in gaps
    client.post(reverse("staffing:training", args=[world.sd.npsn]),
                {"officials": [official.pk], "trained_on": "2021-10-01", "note": "Bimtek"})
    official.refresh_from_db()
    assert str(official.trained_on) == "2021-10-01"
    page = client.get(_school_url(world)).content.decode()
    assert "belum tercatat mengikuti pelatihan" not in page
    # The school operator does not record training.
    client.force_login(world.operator)
    assert client.post(reverse("staffing:training", args=[world.sd.npsn]),
                       {"officials": [official.pk], "trained_on": "2021-10-02"}
                       ).status_code == 404


def test_a_room_is_edited_and_an_absurd_edit_changes_nothing(operator, world):  # rule S-4
    room = services.room_create(actor=world.operator, school=world.sd, name="Lab", clients=15)
    url = reverse("staffing:room_update", args=[room.pk])
    response = operator.post(url, {"name": "Lab Bahasa", "clients": "12"}, follow=True)
    assert "Ruang Lab Bahasa diperbarui." in response.content.decode()
    for bad in ({"name": "Lab Bahasa", "clients": "40"}, {"name": "", "clients": "10"},
                {"name": "Lab X", "clients": "dua"}):
        response = operator.post(url, bad, follow=True)
        assert 'class="msg error"' in response.content.decode()
    room.refresh_from_db()
    assert (room.name, room.clients) == ("Lab Bahasa", 12)


def test_an_officials_portal_account_is_linked_after_appointment(operator, world):  # S-7
    official = services.official_create(actor=world.operator, person=teacher(world.sd),
                                        role="proctor", home_school=world.sd)
    url = reverse("staffing:official_account", args=[official.pk])
    operator.post(url, {"account": world.technician.pk})  # a technician's account: refused
    official.refresh_from_db()
    assert official.account is None
    operator.post(url, {"account": world.proctor.pk})
    official.refresh_from_db()
    assert official.account == world.proctor
    operator.post(url, {"account": ""})
    official.refresh_from_db()
    assert official.account is None
