"""DNS/DNT files (P-7) and parent letters (P-10): PDF text read back, CSV columns, the web
downloads and `anbk sample` / `anbk export` on the command line."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from anbk.cli import main as anbk
from anbk.registry.models import Person, Position, Service
from anbk.sampling import services
from anbk.sampling.models import Participant, SamplingRun
from tests.pdftext import pdf_pages, pdf_text
from tests.sampling.helpers import add_students


def _sampled(world):
    add_students(world.sd, 40, grade=5, start=9_500_000_000)
    Person.objects.create(nik="3204010101700009", name="Ujang Sumarna", sex="L",
                          employment_status="pns")
    Service.objects.create(person=Person.objects.get(nik="3204010101700009"), school=world.sd,
                           position=Position.PRINCIPAL)
    services.run_sampling(actor=world.district, seed=11)


def _fixed(world):
    _sampled(world)
    services.dns_confirm_all(actor=world.operator, school=world.sd)
    services.dnt_finalise(actor=world.province, school=world.sd)


def _csv(response_bytes: bytes) -> list[list[str]]:
    text = response_bytes.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_dns_pdf_lists_every_nominee_with_school_and_signatures(client, world):
    _sampled(world)
    client.force_login(world.district)
    response = client.get(reverse("sampling:dns_pdf", args=[world.sd.npsn]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DAFTAR NOMINASI SEMENTARA (DNS)" in text
    assert "SD Negeri 1 Soreang · NPSN 20200001" in text
    assert "seed 11" in text and "Kepala sekolah" in text and "Ujang Sumarna" in text
    for p in Participant.objects.filter(school=world.sd).select_related("student"):
        assert p.student.nisn in text
    assert text.count("Cadangan") == 5


def test_dnt_csv_has_the_columns_of_the_issue(client, world):
    _fixed(world)
    client.force_login(world.operator)
    rows = _csv(client.get(reverse("sampling:dnt_csv", args=[world.sd.npsn])).content)
    assert rows[0] == ["NISN", "Nama", "Status", "Sampel", "Nomor Peserta"]
    assert len(rows) == 36
    assert {r[2] for r in rows[1:]} == {"Utama", "Cadangan"} and rows[1][3] == "Reguler"
    assert rows[1][4].startswith(f"{timezone.localdate().year % 100:02d}-1-20200001-001-")


def test_dnt_before_finalising_is_refused_with_a_message(client, world):
    _sampled(world)
    client.force_login(world.operator)
    response = client.get(reverse("sampling:dnt_pdf", args=[world.sd.npsn]), follow=True)
    assert "DNT sekolah ini belum ditetapkan" in response.content.decode()


def test_dnt_pdf_prints_an_numbers(client, world):
    _fixed(world)
    client.force_login(world.province)
    text = pdf_text(client.get(reverse("sampling:dnt_pdf", args=[world.sd.npsn])).content)
    assert "DAFTAR NOMINASI TETAP (DNT)" in text
    for number in Participant.objects.filter(school=world.sd).values_list("an_number",
                                                                          flat=True):
        assert number in text


def test_district_dns_has_one_section_per_school_and_only_the_actors_schools(client, world):
    _sampled(world)
    add_students(world.mi, 3, grade=5, start=9_600_000_000)
    services.run_sampling(actor=world.kemenag_district, seed=1)
    client.force_login(world.district)
    text = pdf_text(client.get(reverse("sampling:district_dns", args=["32.04"])).content)
    assert "SD Negeri 1 Soreang" in text and "MI Al-Hidayah" not in text
    client.force_login(world.centre)
    pages = pdf_pages(client.get(reverse("sampling:district_dns", args=["32.04"])).content)
    assert any("MI Al-Hidayah" in page for page in pages)
    assert not any("MI Al-Hidayah" in page and "SD Negeri 1 Soreang · NPSN" in page
                   for page in pages)


def test_parent_letters_one_page_per_participant(client, world):
    # rule P-10
    _fixed(world)
    services.assessment_set_dates(
        actor=world.centre, starts_at=timezone.make_aware(datetime.datetime(2026, 9, 7, 7, 30)),
        ends_on=datetime.date(2026, 9, 10))
    client.force_login(world.operator)
    response = client.get(reverse("sampling:parent_letters", args=[world.sd.npsn]))
    pages = pdf_pages(response.content)
    assert len(pages) == 35
    first = Participant.objects.filter(school=world.sd).order_by("an_number").first()
    assert first.student.name in pages[0] and first.an_number in pages[0]
    assert "Yth. Orang tua/wali peserta didik" in pages[0]
    assert "7 September 2026 sampai 10 September 2026" in pages[0]
    assert "Ujang Sumarna" in pages[0] and "SD NEGERI 1 SOREANG" in pages[0]


def test_cli_sample_and_export(world, tmp_path, capsys, monkeypatch):
    add_students(world.sd, 40, grade=5, start=9_700_000_000)
    monkeypatch.chdir(tmp_path)
    assert anbk(["sample", "--region", "32.04", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "seed 5: 2 sekolah, 41 calon, 30 utama, 5 cadangan; 1 sekolah tanpa" in out
    assert anbk(["sample", "--region", "32.04"]) == 1
    assert "sudah punya sampel" in capsys.readouterr().err
    assert anbk(["export", "dns", "--school", world.sd.npsn, "--format", "csv"]) == 0
    rows = _csv((tmp_path / f"dns-{world.sd.npsn}.csv").read_bytes())
    assert rows[0] == ["NISN", "Nama", "Status", "Sampel"] and len(rows) == 36
    assert anbk(["export", "dnt", "--school", world.sd.npsn, "--format", "pdf"]) == 1
    assert anbk(["export", "dns", "--school", world.sd.npsn, "--format", "pdf",
                 "--out", "x.pdf", "--user", "kab3204"]) == 0
    assert "DNS" in pdf_text((tmp_path / "x.pdf").read_bytes())


def test_cli_wrong_region_or_authority_writes_nothing(world, capsys):
    assert anbk(["sample", "--region", "99.99"]) == 2
    assert "tidak dikenal" in capsys.readouterr().err
    assert anbk(["sample", "--region", "33.02", "--user", "kab3204"]) == 2
    assert anbk(["sample", "--region", "32.04", "--user", "nobody"]) == 2
    assert anbk(["export", "dns", "--school", "20300001", "--user", "kab3204"]) == 2
    assert not SamplingRun.objects.exists()
