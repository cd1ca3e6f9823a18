"""The import pages of the portal: upload, job page with progress, error list download,
the "valid rows only" choice; and that nobody but the uploader sees a job (404)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from anbk.registry.models import ImportJob, ImportStatus, Student
from tests.registry.import_files import STUDENT_HEADER, csv_text, snapshot, student


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def csv_upload(rows, name="siswa.csv"):
    return SimpleUploadedFile(name, csv_text(STUDENT_HEADER, rows).encode(), "text/csv")


def post_upload(client, capture, rows, kind="students", name="siswa.csv"):
    with capture(execute=True):
        return client.post(reverse("imports:upload"),
                           {"kind": kind, "file": csv_upload(rows, name)})


def as_user(client, user):
    client.force_login(user)
    return client


def test_a_good_upload_lands_on_its_job_page_with_counts(world, client,
                                                         django_capture_on_commit_callbacks):
    as_user(client, world.district)
    response = post_upload(client, django_capture_on_commit_callbacks,
                           [student(), student(NISN="0123456780")])
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Impor selesai. Data sudah tersimpan." in page.text
    assert Student.objects.filter(nisn="0123456780").exists()


def test_a_bad_upload_shows_errors_offers_download_and_the_valid_rows_choice(
        world, client, django_capture_on_commit_callbacks):
    as_user(client, world.district)
    before = snapshot()
    post_upload(client, django_capture_on_commit_callbacks,
                [student(), student(NISN="0123456780", Tingkat="9")])
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert snapshot()[:5] == before[:5]
    page = client.get(reverse("imports:job", args=[job.pk])).text
    assert "Ditemukan 1 kesalahan. Tidak ada data yang disimpan." in page
    assert "tingkat 9 tidak ada di SD (tingkat 1–6)" in page
    assert "Impor hanya 1 baris yang valid" in page

    download = client.get(reverse("imports:errors", args=[job.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download["Content-Disposition"] == f'attachment; filename="galat-impor-{job.pk}.xlsx"'
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(download.content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[2] == ["Baris", "Kolom", "Nilai", "Keterangan"]
    assert rows[3] == [3.0, "Tingkat", "9", "tingkat 9 tidak ada di SD (tingkat 1–6)"]

    with django_capture_on_commit_callbacks(execute=True):
        retry = client.post(reverse("imports:retry", args=[job.pk]))
    retry_job = ImportJob.objects.exclude(pk=job.pk).get()
    assert retry["Location"] == reverse("imports:job", args=[retry_job.pk])
    assert retry_job.status == ImportStatus.DONE
    assert Student.objects.filter(nisn="0123456789").exists()


def test_a_running_job_shows_a_progress_bar_that_polls(world, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    as_user(client, world.district)
    client.post(reverse("imports:upload"), {"kind": "students", "file": csv_upload([student()])})
    job = ImportJob.objects.get()
    page = client.get(reverse("imports:job", args=[job.pk])).text
    assert '<progress max="100" value="0"' in page
    assert f'hx-get="{reverse("imports:progress", args=[job.pk])}"' in page
    assert "Menunggu giliran di antrean." in page
    partial = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in partial and 'hx-trigger="every 1s"' in partial.text
    job.status = ImportStatus.DONE
    job.save()
    partial = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true" and "hx-trigger" not in partial.text


def test_each_role_is_offered_only_the_kinds_it_may_import(world, client):
    offered = {}
    for name in ("centre", "province", "district", "operator"):
        page = as_user(client, getattr(world, name)).get(reverse("imports:upload")).text
        offered[name] = [kind for kind in ("regions", "schools", "students", "teachers")
                         if f'value="{kind}"' in page]
    assert offered == {"centre": ["regions", "schools", "students", "teachers"],
                       "province": ["schools", "students", "teachers"],
                       "district": ["schools", "students", "teachers"],
                       "operator": ["students", "teachers"]}


def test_a_kind_the_role_may_not_import_is_refused(world, client):
    as_user(client, world.operator)
    response = client.post(reverse("imports:upload"),
                           {"kind": "schools", "file": csv_upload([student()])})
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("siswa.pdf", b"%PDF-1.4", "Unggah berkas .csv atau .xlsx."),
    ("siswa.csv", b"", "Berkas yang dikirimkan kosong."),
])
def test_an_unacceptable_file_is_refused_before_queueing(world, client, name, content,
                                                         message):
    as_user(client, world.district)
    response = client.post(reverse("imports:upload"), {
        "kind": "students", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.text
    assert not ImportJob.objects.exists()


def test_a_file_over_the_size_limit_is_refused(world, client, settings):
    settings.ANBK_IMPORT_MAX_BYTES = 100
    as_user(client, world.district)
    response = client.post(reverse("imports:upload"),
                           {"kind": "students", "file": csv_upload([student()] * 5)})
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.text


def test_the_sample_files_download_for_the_kinds_offered(world, client):
    as_user(client, world.district)
    response = client.get(reverse("imports:sample", args=["students"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"NPSN;NISN;Nama")
    assert client.get(reverse("imports:sample", args=["regions"])).status_code == 404


@pytest.mark.parametrize("role", ["proctor", "technician", "supervisor"])
def test_school_staff_without_import_rights_get_404(world, client, role):
    as_user(client, getattr(world, role))
    assert client.get(reverse("imports:upload")).status_code == 404
    assert client.get(reverse("imports:sample", args=["students"])).status_code == 404


def test_the_menu_shows_the_import_to_data_roles_only(world, client):
    assert "Impor Data" in as_user(client, world.operator).get(reverse("portal:home")).text
    assert "Impor Data" not in as_user(client, world.proctor).get(reverse("portal:home")).text


def test_anonymous_visitors_are_sent_to_login(db, client):
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


@pytest.mark.parametrize("other", ["district_outsider", "province", "centre", "operator"])
def test_nobody_but_the_uploader_sees_a_job(world, client, other,
                                            django_capture_on_commit_callbacks):
    as_user(client, world.district)
    post_upload(client, django_capture_on_commit_callbacks,
                [student(), student(NISN="0123456780", Tingkat="9")])
    job = ImportJob.objects.get()
    as_user(client, getattr(world, other))
    for name in ("imports:job", "imports:progress", "imports:errors"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name
    assert client.post(reverse("imports:retry", args=[job.pk])).status_code == 404
    assert ImportJob.objects.count() == 1
    assert job.file_name not in client.get(reverse("imports:upload")).text
