"""Session, placement and checklist pages over HTTP (J-4, S-2): what each school sees, the
forms' errors, and that outsiders get nothing."""

import pytest
from django.urls import reverse

from anbk.scheduling.models import Placement, Session
from anbk.staffing import services as staffing
from tests.people import make_school
from tests.scheduling.factories import guest, participants, rooms


@pytest.fixture
def sd(world, calendar):
    world.sd_people = participants(world.sd, 20, 2, first_nisn=810000000)
    world.sd_rooms = rooms(world.operator, world.sd, 15)
    return world


def _post_sessions(client, w, **fields):
    data = {"level": "SD", "SD-level": "SD", "SD-wave": "1", "SD-pair_1": "2", "SD-pair_2": "0"}
    data.update(fields)
    return client.post(reverse("scheduling:sessions", args=[w.sd.npsn]), data)


def test_the_operator_sets_sessions_places_and_moves_over_http(client, sd):  # rule J-4
    w = sd
    client.force_login(w.operator)
    page = client.get(reverse("scheduling:sessions", args=[w.sd.npsn])).content.decode()
    assert 'name="SD-pair_1"' in page and 'value="2"' in page  # 22 at 15 seats: suggests 2
    done = _post_sessions(client, w)
    assert done.status_code == 302
    assert Session.objects.count() == 2
    run = client.post(reverse("scheduling:placement_run", args=[w.sd.npsn]), {"level": "SD"},
                      follow=True)
    body = run.content.decode()
    assert "22 peserta mendapat tempat" in body and "Peserta 810000000" in body
    mover = w.sd_people[0]
    placement = Placement.objects.get(participant=mover)
    target = Session.objects.exclude(pk=placement.session_id).get()
    taken = Placement.objects.filter(session=target).first()
    url = reverse("scheduling:placement_move", args=[mover.pk])
    clash = client.post(url, {"session": target.pk, "room": taken.room_id, "seat": taken.seat})
    assert clash.status_code == 400 and "sudah ditempati" in clash.content.decode()
    moved = client.post(url, {"session": target.pk, "room": w.sd_rooms[0].pk, "seat": 15},
                        follow=True)
    assert "dipindahkan" in moved.content.decode()
    assert "belum memiliki proktor" in moved.content.decode()
    assert Placement.objects.get(participant=mover).seat == 15


def test_too_many_sessions_a_day_is_a_clear_error_on_the_form(client, sd):  # rule J-4
    w = sd
    client.force_login(w.operator)
    response = _post_sessions(client, w, **{"SD-pair_1": "3"})
    assert response.status_code == 400
    assert "Paling banyak 2 sesi per hari" in response.content.decode()
    assert not Session.objects.exists()


def test_a_run_without_sessions_says_what_to_do(client, sd):
    w = sd
    client.force_login(w.operator)
    response = client.post(reverse("scheduling:placement_run", args=[w.sd.npsn]),
                           {"level": "SD"}, follow=True)
    assert "Tetapkan sesi jenjang SD lebih dulu" in response.content.decode()
    assert not Placement.objects.exists()


def test_a_guest_sees_where_its_participants_sit_but_sets_nothing(client, sd):  # rule S-2
    w = sd
    sd2 = make_school("20200019", "SD Negeri 3 Soreang", "SD", w.kab_bandung)
    guest(w, sd2, w.sd)
    participants(sd2, 3, first_nisn=820000000)
    client.force_login(w.operator)
    _post_sessions(client, w)
    client.post(reverse("scheduling:placement_run", args=[w.sd.npsn]), {"level": "SD"})
    client.force_login(w.district)
    page = client.get(reverse("scheduling:placement", args=[sd2.npsn])).content.decode()
    assert "menumpang di SD Negeri 1 Soreang" in page and "Peserta 820000000" in page
    assert "Peserta 810000000" not in page  # the host's own participants are not the guest's
    form = client.get(reverse("scheduling:sessions", args=[sd2.npsn])).content.decode()
    assert 'name="SD-pair_1"' not in form
    schedule = client.get(reverse("scheduling:school_schedule", args=[sd2.npsn]))
    assert "8 Nov 2021" in schedule.content.decode()  # the host's wave I, session dates


def test_the_checklist_shows_gaps_and_a_fixed_gap_goes_green(client, sd):
    w = sd
    client.force_login(w.operator)
    _post_sessions(client, w)
    client.post(reverse("scheduling:placement_run", args=[w.sd.npsn]), {"level": "SD"})
    url = reverse("scheduling:checklist", args=[w.sd.npsn])
    body = client.get(url).content.decode()
    assert "Ruang tanpa server proktor" in body and "1 ruang" in body
    staffing.proctor_server_create(actor=w.operator, room=w.sd_rooms[0])
    body = client.get(url).content.decode()
    assert "0 ruang" in body
    client.force_login(w.proctor)  # the proctor checks the data too (POS)
    assert client.get(url).status_code == 200
    overview = client.get(reverse("scheduling:checklist_list")).content.decode()
    assert w.sd.npsn in overview


def test_the_district_overview_lists_only_its_schools(client, sd):
    w = sd
    participants(w.sd_jateng, 1, first_nisn=830000000)
    client.force_login(w.district)
    body = client.get(reverse("scheduling:checklist_list")).content.decode()
    assert w.sd.name in body and w.sd_jateng.name not in body
    client.force_login(w.district_outsider)
    body = client.get(reverse("scheduling:checklist_list")).content.decode()
    assert w.sd.name not in body and w.sd_jateng.name in body
