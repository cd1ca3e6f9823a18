"""The documents pages (J-5, J-6): a school prints its cards and lists, uploads its signed
scans and sees their status; a district builds one zip of all its schools. Scoping of every
URL is in the matrix (matrix_rows.py); these check content and failure paths."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anbk.documents.models import BatchStatus, DocumentBatch, PrintLog, ScanUpload
from anbk.registry.models import Student
from anbk.sampling.models import ReserveActivation
from anbk.scheduling import services as scheduling
from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.checklist import CARDS
from anbk.scheduling.models import CalendarEntry, Placement
from anbk.scheduling.selectors import school_checklist
from anbk.staffing import services as staffing
from tests.documents.factories import flat
from tests.documents.test_scans import png_bytes
from tests.pdftext import pdf_text
from tests.scheduling.factories import participants, rooms


@pytest.fixture
def placed(world, settings, tmp_path):
    """SD Negeri 1 Soreang: 17 main + 3 reserve participants, two rooms, one session."""
    settings.PRIVATE_ROOT = tmp_path
    calendar_seed(CalendarEntry)
    world.people = participants(world.sd, 17, 3, first_nisn=920000000)
    Student.objects.filter(pk=world.people[0].student_id).update(name="Ñoño Çağlar Đặng")
    world.rooms = rooms(world.operator, world.sd, 15, 10)
    outcome = scheduling.sessions_set(actor=world.operator, school=world.sd, level="SD", wave=1,
                                      per_pair={1: 1})
    world.session = outcome.sessions[0]
    scheduling.placement_run(actor=world.operator, school=world.sd, level="SD")
    first = Placement.objects.filter(session=world.session).order_by("room_id", "seat").first()
    world.room = first.room
    return world


def _url(name, w, day=1, **extra):
    return reverse(name, kwargs={"session": w.session.pk, "room": w.room.pk, "day": day,
                                 **extra})


def test_a_school_prints_its_login_cards_and_the_checklist_sees_it(client, placed):
    # rules J-5 (login cards) and J-6; the checklist's "no printed cards" reads PrintLog
    w = placed
    assert [i.count for i in school_checklist(actor=w.operator, school=w.sd)
            if i.key == CARDS] == [1]
    client.force_login(w.operator)
    response = client.get(reverse("documents:cards", args=[w.sd.npsn]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = flat(pdf_text(response.content))
    assert flat("Ñoño Çağlar Đặng") in text and "Lab1" in text and "Sesi1" in text
    for person in w.people:
        assert f"P{person.student.nisn}".lower() in text.lower()
    entry = PrintLog.objects.get()
    assert entry.kind == "login_cards" and entry.items == 20 and entry.actor == w.operator
    assert [i.count for i in school_checklist(actor=w.operator, school=w.sd)
            if i.key == CARDS] == [0]


def test_the_school_page_lists_each_room_of_each_session_with_its_upload_status(client,
                                                                                placed):
    client.force_login(placed.operator)
    body = client.get(reverse("documents:school", args=[placed.sd.npsn])).content.decode()
    assert "Lab 1" in body and "Lab 2" in body
    assert body.count("belum") >= 4  # 2 rooms x 2 days, attendance and report each
    assert _url("documents:attendance", placed) in body
    assert _url("documents:scan_upload", placed, kind="attendance") in body


def test_attendance_and_session_report_of_a_room_print_its_seats(client, placed):
    # rule J-5: daftar hadir per session and room; berita acara with reserve activations
    w = placed
    everyone = Placement.objects.filter(session=w.session).select_related(
        "participant__student")
    reserve_seat = next(p for p in everyone if p.participant.participant_type == "reserve")
    absent = next(p.participant for p in everyone if p.participant.participant_type == "main")
    reserve = reserve_seat.participant
    # The activation itself is sampling's (P-9, tested there); here only its printout.
    ReserveActivation.objects.create(school=w.sd, absent=absent, reserve=reserve,
                                     reason="sakit", actor=w.operator)
    w.room = reserve_seat.room
    seated = [p for p in everyone if p.room_id == w.room.pk]
    client.force_login(w.proctor)
    text = flat(pdf_text(client.get(_url("documents:attendance", w, day=2)).content))
    assert "DAFTARHADIRPESERTA" in text and "Hari2" in text and flat(w.room.name) in text
    assert all(p.participant.student.nisn in text for p in seated)
    assert "(cadangan)" in text
    report = flat(pdf_text(client.get(_url("documents:session_report", w)).content))
    assert "Rangkap3" in report and f"Pesertaterjadwal:{len(seated)}" in report
    assert flat(f"{reserve.student.name} menggantikan {absent.student.name}") in report
    assert {e.kind for e in PrintLog.objects.all()} == {"attendance", "session_report"}


def test_a_room_without_seats_or_a_third_day_is_not_found(client, placed):
    client.force_login(placed.operator)
    empty_room = staffing.room_create(actor=placed.operator, school=placed.sd,
                                      name="Perpustakaan", clients=5)
    assert client.get(reverse("documents:attendance", kwargs={
        "session": placed.session.pk, "room": empty_room.pk, "day": 1})).status_code == 404
    assert client.get(_url("documents:attendance", placed, day=3)).status_code == 404


def test_a_school_uploads_a_signed_scan_and_the_district_sees_it(client, placed):
    # rule J-5: signed scans are uploaded back; status visible to school and district
    w = placed
    client.force_login(w.proctor)
    response = client.post(_url("documents:scan_upload", w, kind="attendance"),
                           {"file": SimpleUploadedFile("hadir.png", png_bytes())})
    assert response.status_code == 302
    scan = ScanUpload.objects.get()
    assert (scan.session, scan.room, scan.day, scan.kind) == (w.session, w.room, 1,
                                                              "attendance")
    client.force_login(w.district)
    body = client.get(reverse("documents:school", args=[w.sd.npsn])).content.decode()
    assert "sudah diunggah" in body and reverse("documents:scan_file", args=[scan.pk]) in body
    served = client.get(reverse("documents:scan_file", args=[scan.pk]))
    assert b"".join(served.streaming_content) == png_bytes()
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Type"] == "image/png" and "attachment" in served[
        "Content-Disposition"]


@pytest.mark.parametrize("name,data,message", [
    ("../../x.pdf", b"not a pdf", "bukan PDF"),
    ("hadir.pdf", b"%PDF-1.7\n%%EOF\n", "rusak"),
    ("hadir.png", png_bytes() + b"PK\x03\x04zip", "data lain"),
])
def test_a_bad_upload_through_the_page_says_why_and_stores_nothing(client, placed, name, data,
                                                                   message, tmp_path):
    # issue 5 "Bad input" through HTTP: Django keeps only the base name; the content decides
    client.force_login(placed.operator)
    response = client.post(_url("documents:scan_upload", placed, kind="session_report"),
                           {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ScanUpload.objects.exists()
    assert not [p for p in (tmp_path / "scans").rglob("*") if p.is_file()] \
        if (tmp_path / "scans").exists() else True


def test_an_empty_upload_is_refused_by_the_form(client, placed):
    client.force_login(placed.operator)
    response = client.post(_url("documents:scan_upload", placed, kind="attendance"),
                           {"file": SimpleUploadedFile("kosong.pdf", b"")})
    assert response.status_code == 400 and not ScanUpload.objects.exists()


def test_a_district_builds_one_zip_of_its_schools_cards(client, placed, settings,
                                                        django_capture_on_commit_callbacks):
    # J-5: a district downloads all its schools' cards as one zip, built in the background
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(placed.district)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:batches"), {"kind": "login_cards"})
    batch = DocumentBatch.objects.get()
    assert response.url == reverse("documents:batch", args=[batch.pk])
    assert batch.status == BatchStatus.DONE and batch.files == 1 and batch.items == 20
    progress = client.get(reverse("documents:batch_progress", args=[batch.pk]))
    assert 'value="100"' in progress.content.decode()
    page = client.get(reverse("documents:batch", args=[batch.pk])).content.decode()
    assert reverse("documents:batch_download", args=[batch.pk]) in page
    download = client.get(reverse("documents:batch_download", args=[batch.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.namelist() == [f"{placed.sd.npsn}-kartu-login.pdf"]
    text = pdf_text(archive.read(archive.namelist()[0]))
    assert flat("Ñoño Çağlar Đặng") in flat(text)
    assert PrintLog.objects.get(school=placed.sd).kind == "login_cards"


def test_a_queued_batch_shows_its_progress_and_no_download(client, placed, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(placed.district)
    client.post(reverse("documents:batches"), {"kind": "attendance"})
    batch = DocumentBatch.objects.get()
    assert batch.status == BatchStatus.QUEUED
    body = client.get(reverse("documents:batch", args=[batch.pk])).content.decode()
    assert "Menunggu giliran" in body and 'hx-trigger="every 1s"' in body
    assert client.get(reverse("documents:batch_download", args=[batch.pk])).status_code == 404


def test_teacher_and_principal_cards_print_after_their_logins_are_issued(client, placed):
    # rule J-7
    client.force_login(placed.operator)
    assert client.get(reverse("documents:survey_cards", args=[placed.sd.npsn])).status_code \
        == 404
    scheduling.credentials_issue_educators(actor=placed.operator, school=placed.sd)
    text = flat(pdf_text(client.get(reverse("documents:survey_cards",
                                            args=[placed.sd.npsn])).content))
    assert "DewiLestari" in text and "Guru" in text and "KARTULOGINSURVEI" in text


def test_the_recap_counts_by_school_room_and_participant(client, placed):
    # rule J-5: recap per school, proctor server, room and participant
    client.force_login(placed.district)
    text = flat(pdf_text(client.get(reverse("documents:recap",
                                            args=[placed.sd.npsn])).content))
    assert "REKAPPELAKSANAANANBK" in text and "Pesertaditempatkan:20" in text
    assert "Perruang" in text and "Perpeserta" in text and "Lab2" in text


def test_a_district_sees_each_schools_scans_against_what_its_sessions_owe(client, placed):
    # J-5: upload status visible to the district; only its own schools are listed
    client.force_login(placed.proctor)
    client.post(_url("documents:scan_upload", placed, kind="attendance"),
                {"file": SimpleUploadedFile("hadir.png", png_bytes())})
    client.force_login(placed.district)
    body = client.get(reverse("documents:home")).content.decode()
    assert placed.sd.npsn in body and "1 / 8" in body  # 2 rooms x 2 days x 2 kinds
    client.force_login(placed.district_outsider)
    assert placed.sd.npsn not in client.get(reverse("documents:home")).content.decode()
