"""The participant pages over HTTP: the DNS workflow (P-7), refusals as messages, what each
role sees in the lists, reserves (P-9) and SLB respondents (P-8)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from anbk.core.models import AuditEntry
from anbk.registry.models import Person, Position, Service
from anbk.sampling import services
from anbk.sampling.models import Participant, SamplingRun, SchoolSample
from tests.sampling.helpers import add_students


def _sample(world, extra=40):
    add_students(world.sd, extra, grade=5, start=9_000_000_000)
    add_students(world.sd, 2, grade=5, start=9_100_000_000, reading_barrier=True)
    client_run = services.run_sampling(actor=world.district, seed=5)
    return client_run


def test_a_district_runs_sampling_from_the_overview(client, world):
    # rules P-5, P-6
    add_students(world.sd, 40, grade=5, start=9_000_000_000)
    client.force_login(world.district)
    page = client.get(reverse("sampling:overview"))
    assert "Jalankan sampling (1 sekolah)" in page.content.decode()
    response = client.post(reverse("sampling:run_start"), {"seed": "123"}, follow=True)
    body = response.content.decode()
    assert "Sampling selesai: 1 sekolah, 30 peserta utama, 5 cadangan (seed 123)" in body
    run = SamplingRun.objects.get()
    assert run.seed == 123 and world.sd.npsn in body
    again = client.post(reverse("sampling:run_start"), {"seed": ""}, follow=True)
    assert "semua sekolah sudah punya sampel" in again.content.decode()
    assert SamplingRun.objects.count() == 1


def test_a_bad_seed_is_refused_with_a_message(client, world):
    client.force_login(world.district)
    response = client.post(reverse("sampling:run_start"), {"seed": "-5"}, follow=True)
    assert "lebih besar dari atau sama dengan 0" in response.content.decode() or \
        "greater than or equal" in response.content.decode()
    assert not SamplingRun.objects.exists()


def test_the_school_sees_its_dns_flags_one_and_the_district_resolves_it(client, world):
    # rule P-7, through HTTP
    _sample(world)
    nominee = Participant.objects.filter(school=world.sd).order_by("random_key").first()
    client.force_login(world.operator)
    page = client.get(reverse("sampling:school_detail", args=[world.sd.npsn]))
    assert nominee.student.name in page.content.decode()
    client.post(reverse("sampling:participant_flag", args=[nominee.pk]),
                {"reason": "moved", "note": "Pindah ke Garut"})
    client.post(reverse("sampling:confirm_all", args=[world.sd.npsn]))
    nominee.refresh_from_db()
    assert nominee.verification == "flagged"
    client.force_login(world.district)
    response = client.post(reverse("sampling:participant_resolve", args=[nominee.pk]),
                           {"action": "remove", "note": "Sudah pindah"}, follow=True)
    assert "penggantinya" in response.content.decode()
    assert Participant.objects.filter(school=world.sd, removed_at__isnull=True).count() == 35
    client.force_login(world.operator)
    client.post(reverse("sampling:confirm_all", args=[world.sd.npsn]))
    client.force_login(world.province)
    response = client.post(reverse("sampling:finalise", args=[world.sd.npsn]), follow=True)
    assert "nomor peserta diberikan" in response.content.decode()
    assert SchoolSample.objects.get(school=world.sd).stage == "dnt"


def test_finalising_an_unverified_dns_is_refused_with_the_counts(client, world):
    _sample(world)
    client.force_login(world.province)
    response = client.post(reverse("sampling:finalise", args=[world.sd.npsn]), follow=True)
    assert "35 belum diverifikasi" in response.content.decode()
    assert SchoolSample.objects.get(school=world.sd).stage == "dns"


def test_a_flag_without_a_note_is_refused_and_changes_nothing(client, world):
    _sample(world)
    nominee = Participant.objects.filter(school=world.sd).first()
    client.force_login(world.operator)
    response = client.post(reverse("sampling:participant_flag", args=[nominee.pk]),
                           {"reason": "moved", "note": ""}, follow=True)
    assert "tuliskan catatan" in response.content.decode().lower()
    nominee.refresh_from_db()
    assert nominee.verification == "pending"


def test_the_province_may_not_resolve_a_district_schools_flag(client, world):
    # rule P-6: the province sees the SD but the district holds authority over it.
    _sample(world)
    nominee = Participant.objects.filter(school=world.sd).first()
    services.participant_flag(actor=world.operator, participant=nominee, reason="moved",
                              note="x")
    client.force_login(world.province)
    response = client.post(reverse("sampling:participant_resolve", args=[nominee.pk]),
                           {"action": "remove", "note": "x"})
    assert "tidak berwenang" in response.content.decode()
    nominee.refresh_from_db()
    assert nominee.removed_at is None


def test_resample_from_the_page_needs_a_reason(client, world):
    _sample(world)
    client.force_login(world.district)
    response = client.post(reverse("sampling:resample", args=[world.sd.npsn]),
                           {"reason": ""}, follow=True)
    assert "alasan sampling ulang" in response.content.decode()
    client.post(reverse("sampling:resample", args=[world.sd.npsn]), {"reason": "Salah data"})
    assert AuditEntry.objects.filter(action="sampling.resample").count() == 1


def test_eligibility_page_shows_the_reasons_to_the_school(client, world):
    # rules P-2, P-4
    _sample(world)
    client.force_login(world.operator)
    body = client.get(reverse("sampling:eligibility", args=[world.sd.npsn]),
                      {"only": "not"}).content.decode()
    assert "Hambatan bahasa/membaca (P-4)" in body
    assert "Memenuhi syarat" not in body.split("<tbody>")[1]


def test_lists_show_only_what_the_viewer_may_see(client, world):
    # scoping: Banyumas' sample never shows in Kab. Bandung's lists, nor the other way.
    _sample(world)
    add_students(world.sd_jateng, 3, grade=5, start=9_200_000_000)
    services.run_sampling(actor=world.district_outsider, seed=1)
    for viewer, ours, theirs in ((world.district, True, False),
                                 (world.district_outsider, False, True),
                                 (world.operator, True, False),
                                 (world.centre, True, True)):
        client.force_login(viewer)
        body = client.get(reverse("sampling:school_list")).content.decode()
        assert (world.sd.name in body) == ours and (world.sd_jateng.name in body) == theirs
        runs = client.get(reverse("sampling:overview")).content.decode() \
            if viewer.role != "school_operator" else ""
        if runs:
            assert ("kab3302" in runs) == theirs


def test_reserve_activation_page(client, world):
    # rule P-9
    _sample(world)
    services.dns_confirm_all(actor=world.operator, school=world.sd)
    services.dnt_finalise(actor=world.province, school=world.sd)
    services.assessment_set_dates(actor=world.centre,
                                  starts_at=timezone.now() + datetime.timedelta(hours=1))
    absent = Participant.objects.filter(school=world.sd, participant_type="main").first()
    client.force_login(world.operator)
    page = client.get(reverse("sampling:reserves", args=[world.sd.npsn])).content.decode()
    assert "Batas aktivasi" in page and absent.student.name in page
    response = client.post(reverse("sampling:reserves", args=[world.sd.npsn]),
                           {"absent": absent.pk, "reason": "Sakit demam"}, follow=True)
    assert "untuk kedua hari" in response.content.decode()
    response = client.post(reverse("sampling:reserves", args=[world.sd.npsn]),
                           {"absent": absent.pk, "reason": "Sakit"}, follow=True)
    assert "sudah digantikan" in response.content.decode()


def test_centre_sets_the_assessment_start(client, world):
    client.force_login(world.centre)
    response = client.post(reverse("sampling:assessment"),
                           {"starts_at": "2026-09-06T07:30", "ends_on": "2026-09-09"})
    assert response.status_code == 302
    response = client.post(reverse("sampling:assessment"),
                           {"starts_at": "2026-09-06T07:30", "ends_on": "2026-09-01"})
    assert "Hari terakhir" in response.content.decode()


def test_slb_respondents_include_schools_without_a_sample(client, world):
    # rule P-8: the teacher of the SD and the MI is listed once per school; the principal
    # of the SMP (no student sample) too.
    principal = Person.objects.create(nik="3273010101700001", name="Agus Salim", sex="L",
                                      employment_status="pns")
    Service.objects.create(person=principal, school=world.smp, position=Position.PRINCIPAL)
    client.force_login(world.province)
    body = client.get(reverse("sampling:respondents")).content.decode()
    assert body.count(world.teacher.name) == 1  # the province (Dinas) sees the SD, not the MI
    assert "Agus Salim" in body and "Kepala Sekolah" in body
    client.force_login(world.centre)
    assert client.get(reverse("sampling:respondents")).content.decode().count(
        world.teacher.name) == 2
