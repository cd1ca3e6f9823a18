"""Readiness pages over HTTP (rules S-1, S-2, S-9): forms reach the services, refusals show
as messages or field errors and change nothing, lists show only what is in scope."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anbk.readiness.models import ModaDecision, ReadinessReport, TechTeamMember
from tests.pdftext import pdf_text
from tests.people import make_school
from tests.readiness.helpers import GOOD, approved, participants, report

FORM = {k: ("on" if v is True else v) for k, v in GOOD.items()}


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _place(school, lat, lon):
    school.latitude, school.longitude = Decimal(lat), Decimal(lon)
    school.save(update_fields=["latitude", "longitude"])
    return school


def test_a_school_fills_sends_and_the_district_returns_then_approves(client, world):  # S-1
    client.force_login(world.operator)
    url = reverse("readiness:report_edit", args=[world.sd.npsn])
    response = client.post(url, FORM | {"bandwidth_text": "fast"})
    assert response.status_code == 200 and "tidak dapat dibaca" in response.content.decode()
    assert not ReadinessReport.objects.exists()
    response = client.post(url, FORM | {"bandwidth_text": "10 Mbps"}, follow=True)
    assert "draf" in _messages(response)
    client.post(reverse("readiness:report_submit", args=[world.sd.npsn]), {"version": "1"})
    assert ReadinessReport.objects.get().status == "submitted"

    client.force_login(world.district)
    verify = reverse("readiness:report_verify", args=[world.sd.npsn])
    response = client.post(verify, {"verdict": "return", "notes": "", "version": "1"},
                           follow=True)
    assert "catatan" in _messages(response).lower()
    client.post(verify, {"verdict": "return", "notes": "Foto lab kurang", "version": "1"})
    client.force_login(world.operator)
    page = client.get(reverse("readiness:school_detail", args=[world.sd.npsn])).content.decode()
    assert "Foto lab kurang" in page
    client.post(url, FORM | {"client_computers": "18"})
    client.post(reverse("readiness:report_submit", args=[world.sd.npsn]), {"version": "2"})
    client.force_login(world.district)
    response = client.post(verify, {"verdict": "approve", "version": "1"}, follow=True)
    assert "diubah" in _messages(response)  # the page showed version 1
    client.post(verify, {"verdict": "approve", "version": "2"})
    assert ReadinessReport.objects.get().status == "approved"
    page = client.get(reverse("readiness:school_detail", args=[world.sd.npsn])).content.decode()
    for text in ("Dikirim", "Dikembalikan", "Disetujui", "Foto lab kurang"):
        assert text in page


def test_negative_counts_are_refused_by_the_form(client, world):  # rule S-1
    client.force_login(world.operator)
    response = client.post(reverse("readiness:report_edit", args=[world.sd.npsn]),
                           FORM | {"client_computers": "-4"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not ReadinessReport.objects.exists()


def test_the_school_page_shows_requirements_and_gaps(client, world):  # rules S-3, S-4, S-5
    participants(world.sd, 34)  # + world.student = 35 at SD level
    report(world.sd, client_computers=10, client_computers_total=10)
    client.force_login(world.district)
    response = client.get(reverse("readiness:school_detail", args=[world.sd.npsn]))
    req = response.context["req"]
    assert (req.participants, req.min_computers, req.rooms) == (35, 18, 2)
    page = response.content.decode()
    assert "Komputer klien kurang: perlu 18, ada 10." in page
    assert "menumpang" in page


@pytest.fixture
def pair(world):
    host = _place(world.sd, "-7.025", "107.52")
    guest = _place(make_school("20200021", "SD Negeri 3 Soreang", "SD", world.kab_bandung),
                   "-7.03", "107.54")
    participants(host, 9)
    participants(guest, 25)
    approved(host, world.district)
    return host, guest


def test_the_district_decides_a_guest_and_prints_the_decree(client, world, pair):  # S-1, S-2
    host, guest = pair
    client.force_login(world.district)
    decide = reverse("readiness:decide", args=[guest.npsn])
    page = client.get(decide).content.decode()
    assert host.name in page  # a nearby host with room is offered
    bad = client.post(decide, {"moda": "online", "status": "guest", "host_npsn": guest.npsn,
                               "reason": "Komputer tidak ada"})
    assert "dirinya sendiri" in bad.content.decode()
    bad = client.post(decide, {"moda": "online", "status": "guest", "host_npsn": "99999999",
                               "reason": "Komputer tidak ada"})
    assert "tidak ditemukan" in bad.content.decode()
    assert not ModaDecision.objects.exists()
    client.post(reverse("readiness:decide", args=[host.npsn]),
                {"moda": "online", "status": "self_hosted", "reason": "Lab 20 komputer"})
    client.post(decide, {"moda": "online", "status": "guest", "host_npsn": host.npsn,
                         "reason": "Komputer tidak ada"})
    assert ModaDecision.objects.get(school=guest).host == host
    response = client.get(reverse("readiness:decree"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("SURAT KEPUTUSAN", "DINAS PENDIDIKAN KABUPATEN BANDUNG", guest.name,
                     host.name, "Menumpang", "Mandiri", "honorarium", "Kepala Dinas"):
        assert expected in text, expected

    client.force_login(world.operator)  # the host's operator sees its own decision only
    page = client.get(reverse("readiness:decision_list")).content.decode()
    assert "Lab 20 komputer" in page and "Komputer tidak ada" not in page


def test_the_decree_with_nothing_decided_says_so(client, world):  # rule S-1
    client.force_login(world.district)
    response = client.get(reverse("readiness:decree"), follow=True)
    assert "Belum ada penetapan" in _messages(response)


def test_sharing_suggests_explains_and_accepts(client, world, pair):  # rule S-2
    host, guest = pair
    client.force_login(world.district)
    page = client.get(reverse("readiness:sharing")).content.decode()
    assert f'value="{guest.npsn}:{host.npsn}"' in page
    assert "calon terdekat ke-1 dari 1" in page and "honorarium" in page
    response = client.post(reverse("readiness:sharing_accept"),
                           {"pair": [f"{guest.npsn}:{host.npsn}"], "reason": "Usulan"},
                           follow=True)
    assert "1 pasangan" in _messages(response)
    assert ModaDecision.objects.get(school=guest).host == host


def test_sharing_refuses_bad_pairs_and_changes_nothing(client, world, pair):  # rule S-2
    host, guest = pair
    client.force_login(world.district)
    for pairs in ([f"{host.npsn}:{host.npsn}"], [f"{guest.npsn}:{host.npsn}",
                                                 f"{host.npsn}:{guest.npsn}"]):
        response = client.post(reverse("readiness:sharing_accept"), {"pair": pairs},
                               follow=True)
        assert _messages(response)
        assert not ModaDecision.objects.exists()
    # A school outside the actor's scope cannot be made a guest: 404.
    response = client.post(reverse("readiness:sharing_accept"),
                           {"pair": [f"{world.sd_jateng.npsn}:{host.npsn}"]})
    assert response.status_code == 404


def test_sharing_policy_outside_its_limits_is_refused(client, world):  # rule S-2
    client.force_login(world.province)
    response = client.get(reverse("readiness:sharing"), {"max_km": "5000"})
    assert response.context["form"].errors and response.context["plan"] is None


def test_teams_keep_their_contacts_and_schools_read_them(client, world):  # rules S-8, S-9
    client.force_login(world.district)
    client.post(reverse("readiness:tech_add"), {"region": world.kab_bandung.code,
                                                "name": "Dadang Suryana",
                                                "phone": "0812-3456-7890"})
    response = client.post(reverse("readiness:tech_add"), {"region": world.kab_bandung.code,
                                                           "name": "X", "phone": "nomor"})
    assert "Nomor telepon" in response.content.decode()
    assert TechTeamMember.objects.count() == 1
    client.force_login(world.technician)
    page = client.get(reverse("readiness:tech_team")).content.decode()
    assert "Dadang Suryana" in page and "0812-3456-7890" in page and "Hapus" not in page


def test_a_team_is_offered_removal_only_of_contacts_it_keeps(client, world):  # rule S-8
    from anbk.readiness.services import tech_member_add

    tech_member_add(actor=world.province, region=world.jabar, agency="kemdikbud",
                    name="Euis Komalasari", phone="0811-2200-3201")
    mine = tech_member_add(actor=world.district, region=world.kab_bandung, agency="kemdikbud",
                           name="Dadang Suryana", phone="0812-2204-1001")
    client.force_login(world.district)
    page = client.get(reverse("readiness:tech_team")).content.decode()
    assert page.count(">Hapus<") == 1 and reverse("readiness:tech_remove", args=[mine.pk]) in page
