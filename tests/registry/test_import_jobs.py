"""Portal imports run as background jobs: queued on upload, run by the worker, with progress,
an error list, and the explicit "import only the valid rows" choice."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from anbk.core.models import AuditEntry
from anbk.registry.importing import jobs
from anbk.registry.models import ImportJob, ImportStatus, Student
from tests.registry.import_files import STUDENT_HEADER, csv_text, snapshot, student


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.PRIVATE_ROOT


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(rows, name="siswa.csv"):
    return SimpleUploadedFile(name, csv_text(STUDENT_HEADER, rows).encode(), "text/csv")


def create(world, rows, capture, actor=None):
    with capture(execute=True):
        job = jobs.import_job_create(actor=actor or world.district, kind="students",
                                     upload=upload(rows))
    job.refresh_from_db()
    return job


def test_a_good_file_is_imported_by_the_job(world, immediate, django_capture_on_commit_callbacks,
                                            private_root):
    job = create(world, [student(), student(NISN="0123456780")],
                 django_capture_on_commit_callbacks)
    assert (job.status, job.rows, job.valid_rows, job.error_count) == (ImportStatus.DONE, 2, 2, 0)
    assert job.counts == {"created": 2}
    assert Student.objects.filter(nisn__in=["0123456789", "0123456780"]).count() == 2
    assert (private_root / job.upload_path).read_bytes().startswith(b"NPSN;NISN")
    assert jobs.job_progress(job) == {"phase": "done", "percent": 100, "rows": 2}
    actions = list(AuditEntry.objects.values_list("action", "object_id"))
    assert ("import.upload", str(job.pk)) in actions and ("import.students", str(job.pk)) in actions


def test_the_audit_entry_of_the_worker_carries_the_uploaders_address(
        world, immediate, django_capture_on_commit_callbacks):
    from anbk.core.context import client_address

    token = client_address.set("10.1.2.3")
    try:
        create(world, [student()], django_capture_on_commit_callbacks)
    finally:
        client_address.reset(token)
    assert AuditEntry.objects.get(action="import.students").ip == "10.1.2.3"


def test_a_bad_file_writes_nothing_and_keeps_its_error_list(world, immediate,
                                                           django_capture_on_commit_callbacks):
    before = snapshot()
    job = create(world, [student(), student(NISN="0123456780", Tingkat="9")],
                 django_capture_on_commit_callbacks)
    assert (job.status, job.rows, job.valid_rows, job.error_count) == (
        ImportStatus.INVALID, 2, 1, 1)
    [problem] = jobs.job_errors(job)
    assert problem.text() == "Baris 3, kolom Tingkat: tingkat 9 tidak ada di SD (tingkat 1–6)"
    # Only the upload itself is recorded: no registry row changed.
    assert snapshot()[:5] == before[:5]


def test_retrying_with_valid_rows_only_is_an_explicit_second_job(
        world, immediate, django_capture_on_commit_callbacks):
    job = create(world, [student(), student(NISN="0123456780", Tingkat="9")],
                 django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        retry = jobs.import_job_retry_valid_only(actor=world.district, job=job)
    retry.refresh_from_db()
    assert (retry.status, retry.valid_only, retry.retry_of, retry.upload_path) == (
        ImportStatus.DONE, True, job, job.upload_path)
    assert retry.counts == {"created": 1, "skipped": 1}
    assert Student.objects.filter(nisn="0123456789").exists()
    assert not Student.objects.filter(nisn="0123456780").exists()
    # The skipped rows stay listed on the retry, for the operator to fix later.
    assert [p.row for p in jobs.job_errors(retry)] == [3]


def test_only_the_uploader_may_retry_and_only_a_file_with_valid_rows(
        world, immediate, django_capture_on_commit_callbacks):
    job = create(world, [student(NISN="1")], django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        jobs.import_job_retry_valid_only(actor=world.district, job=job)  # no valid row
    job = create(world, [student(), student(NISN="1")], django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        jobs.import_job_retry_valid_only(actor=world.province, job=job)


def test_a_file_without_a_required_column_offers_no_retry(world, immediate,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.import_job_create(
            actor=world.district, kind="students",
            upload=SimpleUploadedFile("x.csv", b"NPSN;Nama\n20200001;Ani\n"))
    job.refresh_from_db()
    assert (job.status, job.valid_rows) == (ImportStatus.INVALID, 0)


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(world, settings,
                                                            django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = create(world, [student()], django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.QUEUED
    jobs.import_job_run(job_id=job.pk)
    jobs.import_job_run(job_id=job.pk)
    assert AuditEntry.objects.filter(action="import.students").count() == 1


def test_an_unexpected_failure_is_recorded_and_writes_nothing(world, settings, monkeypatch,
                                                              django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = create(world, [student()], django_capture_on_commit_callbacks)

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("anbk.registry.importing.students.StudentImporter.write", explode)
    before = snapshot()
    job = jobs.import_job_run(job_id=job.pk)
    assert job.status == ImportStatus.FAILED
    assert "Tidak ada data yang disimpan" in job.message
    assert snapshot() == before


def test_progress_is_written_where_the_web_process_can_read_it(
        world, settings, monkeypatch, private_root, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = create(world, [student()], django_capture_on_commit_callbacks)
    assert jobs.job_progress(job)["phase"] == "queued"
    seen = []
    original = jobs._write_progress

    def spy(job, phase, fraction, rows):
        original(job, phase, fraction, rows)
        seen.append(json.loads((private_root / job.work_dir / jobs.PROGRESS_FILE).read_text()))

    monkeypatch.setattr(jobs, "_write_progress", spy)
    jobs.import_job_run(job_id=job.pk)
    assert seen[0] == {"phase": "validate", "percent": 0, "rows": 0}
    assert {"phase": "validate", "percent": 60, "rows": 1} in seen
    assert seen[-1] == {"phase": "write", "percent": 100, "rows": 1}


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_import(world):
    # The real queue (django-tasks-db), as `anbk worker` runs it.
    job = jobs.import_job_create(actor=world.district, kind="students",
                                 upload=upload([student()]))
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Student.objects.filter(nisn="0123456789").exists()
