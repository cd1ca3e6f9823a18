"""`anbk manage prune_imports --days N` deletes the files of import jobs that finished more
than N days ago (uploads hold personal data: NISN, names, dates of birth); the job rows and
their counts stay, and each run that deletes something is audited."""

import io
import os
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from anbk.core.models import AuditEntry
from anbk.registry.importing import jobs
from anbk.registry.models import ImportJob, ImportStatus
from tests.registry.import_files import STUDENT_HEADER, csv_text, student


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings.PRIVATE_ROOT


def run_job(world, capture, rows) -> ImportJob:
    upload = SimpleUploadedFile("siswa.csv", csv_text(STUDENT_HEADER, rows).encode())
    with capture(execute=True):
        job = jobs.import_job_create(actor=world.district, kind="students", upload=upload)
    job.refresh_from_db()
    return job


def finished_ago(job: ImportJob, days: float) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - timezone.timedelta(days=days))


def prune(*args) -> str:
    out = io.StringIO()
    call_command("prune_imports", *args, stdout=out)
    return out.getvalue()


def test_it_deletes_the_files_of_old_jobs_and_keeps_their_results(
        world, private_root, django_capture_on_commit_callbacks):
    old = run_job(world, django_capture_on_commit_callbacks, [student()])
    recent = run_job(world, django_capture_on_commit_callbacks, [student(NISN="0123456780")])
    finished_ago(old, 31)
    finished_ago(recent, 29)
    size = sum(f.stat().st_size for f in (private_root / old.work_dir).iterdir())

    output = prune()  # 30 days by default

    assert "Berkas 1 impor dihapus: 1 folder, 2 berkas" in output  # upload, progress
    assert not (private_root / old.work_dir).exists()
    assert (private_root / recent.upload_path).is_file()
    old.refresh_from_db()
    assert (old.status, old.rows, old.counts) == (ImportStatus.DONE, 1, {"created": 1})
    entry = AuditEntry.objects.get(action="import.prune")
    assert (entry.actor_id, entry.summary) == (None, {"days": 30, "jobs": 1, "folders": 1,
                                                      "files": 2, "bytes": size})
    # Nothing left to delete: no second entry.
    assert "Berkas 0 impor dihapus" in prune()
    assert AuditEntry.objects.filter(action="import.prune").count() == 1


def test_days_is_the_age_that_counts(world, private_root, django_capture_on_commit_callbacks):
    job = run_job(world, django_capture_on_commit_callbacks, [student()])
    finished_ago(job, 8)
    prune("--days", "10")
    assert (private_root / job.upload_path).is_file()
    prune("--days", "7")
    assert not (private_root / job.work_dir).exists()


def test_at_least_one_day_is_kept(db):
    with pytest.raises(CommandError):
        prune("--days", "0")
    with pytest.raises(ValueError):
        jobs.import_files_prune(actor=None, days=0)


def test_a_queued_or_running_job_keeps_its_files(world, settings, private_root,
                                                 django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queued = run_job(world, django_capture_on_commit_callbacks, [student()])
    running = run_job(world, django_capture_on_commit_callbacks, [student(NISN="0123456780")])
    ImportJob.objects.filter(pk=running.pk).update(status=ImportStatus.RUNNING,
                                                   started_at=timezone.now())
    jobs._write_progress(running, "validate", 0.5, 1)
    long_ago = time.time() - 90 * 86400
    for job in (queued, running):  # however old their folders look
        os.utime(private_root / job.work_dir, (long_ago, long_ago))
    prune("--days", "1")
    assert (private_root / queued.upload_path).is_file()
    assert (private_root / running.upload_path).is_file()


def test_a_job_whose_worker_died_is_marked_stopped_and_pruned_in_its_turn(
        world, settings, private_root, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = run_job(world, django_capture_on_commit_callbacks, [student()])
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now() - timezone.timedelta(days=40))
    prune()
    job.refresh_from_db()
    assert job.status == ImportStatus.STOPPED  # now finished; its files go in 30 days
    assert (private_root / job.upload_path).is_file()
    finished_ago(job, 31)
    prune()
    assert not (private_root / job.work_dir).exists()
    job.refresh_from_db()
    with pytest.raises(PermissionDenied, match="sudah dihapus"):  # nothing left to run
        jobs.import_job_rerun(actor=world.district, job=job)


def test_an_upload_shared_with_a_recent_retry_is_kept(world, private_root,
                                                      django_capture_on_commit_callbacks):
    checked = run_job(world, django_capture_on_commit_callbacks,
                      [student(), student(NISN="0123456780", Tingkat="9")])
    assert checked.status == ImportStatus.INVALID
    with django_capture_on_commit_callbacks(execute=True):
        retry = jobs.import_job_retry_valid_only(actor=world.district, job=checked)
    finished_ago(checked, 60)
    prune()
    # The retry (recent) reads the same upload and still shows its skipped rows.
    assert (private_root / checked.upload_path).is_file()
    assert [p.row for p in jobs.job_errors(retry)] == [3]
    finished_ago(retry, 31)
    prune()
    assert not (private_root / checked.work_dir).exists()
    assert not (private_root / retry.work_dir).exists()
    assert AuditEntry.objects.get(action="import.prune").summary["jobs"] == 2


def test_a_folder_of_no_job_goes_once_it_is_as_old(db, private_root):
    # What an upload leaves when its job's transaction fails after the file was stored.
    stray, fresh = private_root / "imports" / "a", private_root / "imports" / "b"
    for path in (stray, fresh):
        path.mkdir(parents=True)
        (path / "siswa.csv").write_text("NPSN;NISN\n")
    long_ago = time.time() - 31 * 86400
    os.utime(stray, (long_ago, long_ago))
    prune()
    assert not stray.exists() and fresh.exists()


def test_after_pruning_the_job_page_says_so_and_offers_no_retry(
        world, client, private_root, django_capture_on_commit_callbacks):
    job = run_job(world, django_capture_on_commit_callbacks,
                  [student(), student(NISN="0123456780", Tingkat="9")])
    finished_ago(job, 31)
    prune()
    client.force_login(world.district)
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "sudah dihapus dari server" in page
    assert "Ditemukan 1 kesalahan" in page
    assert reverse("imports:retry", args=[job.pk]) not in page
    assert client.get(reverse("imports:errors", args=[job.pk])).status_code == 404
    with pytest.raises(PermissionDenied, match="sudah dihapus"):
        jobs.import_job_retry_valid_only(actor=world.district, job=job)
