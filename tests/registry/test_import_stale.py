"""A job whose worker died must not look running forever. The worker's progress file is its
heartbeat; a running job silent for longer than ANBK_IMPORT_STALE_SECONDS is marked stopped
(nothing was saved: the import writes in one transaction) and its uploader may run it again
as a new attempt, which a late worker of an old attempt can never overwrite."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from anbk.core.models import AuditEntry
from anbk.registry.importing import jobs
from anbk.registry.models import ImportJob, ImportStatus, Student
from tests.registry.import_files import STUDENT_HEADER, csv_text, snapshot, student

STOPPED_TEXT = "Proses impor berhenti tanpa menyimpan data apa pun"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.ANBK_IMPORT_STALE_SECONDS = 120
    return settings.PRIVATE_ROOT


@pytest.fixture
def queue_only(settings):
    """Tasks are recorded, not run: the test plays the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def queued_job(world, capture, rows=None) -> ImportJob:
    upload = SimpleUploadedFile("siswa.csv", csv_text(STUDENT_HEADER, rows or [
        student(), student(NISN="0123456780")]).encode(), "text/csv")
    with capture(execute=True):
        job = jobs.import_job_create(actor=world.district, kind="students", upload=upload)
    job.refresh_from_db()
    return job


def claimed_by_a_worker_that_died(job: ImportJob, silent_for: float) -> ImportJob:
    """The job as a worker left it when it was killed `silent_for` seconds ago: claimed,
    its progress file written, then nothing."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING,
                                               started_at=timezone.now())
    job.refresh_from_db()
    jobs._write_progress(job, "write", 0.4, 2)
    then = time.time() - silent_for
    os.utime(jobs._private(job.work_dir) / jobs.PROGRESS_FILE, (then, then))
    return ImportJob.objects.select_related("actor").get(pk=job.pk)


def stopped_entries() -> int:
    return AuditEntry.objects.filter(action="import.stopped").count()


def test_a_running_job_whose_worker_went_silent_is_marked_stopped_once(
        world, queue_only, django_capture_on_commit_callbacks):
    job = claimed_by_a_worker_that_died(queued_job(world, django_capture_on_commit_callbacks),
                                        silent_for=121)
    assert jobs.job_is_stale(job)
    job = jobs.import_job_stop_stale(job=job)
    assert (job.status, job.is_finished, job.attempt) == (ImportStatus.STOPPED, True, 1)
    assert job.finished_at is not None
    entry = AuditEntry.objects.get(action="import.stopped")
    assert (entry.object_id, entry.summary["attempt"], entry.summary["stale_seconds"]) == (
        str(job.pk), 1, 120)
    # Idempotent: seen again (another page load), it is not marked or audited twice.
    assert jobs.import_job_stop_stale(job=job).status == ImportStatus.STOPPED
    assert stopped_entries() == 1


def test_a_job_is_stale_only_while_running_and_silent(world, queue_only,
                                                      django_capture_on_commit_callbacks):
    job = queued_job(world, django_capture_on_commit_callbacks)
    assert not jobs.job_is_stale(job)  # waiting for a worker is not dying
    alive = claimed_by_a_worker_that_died(job, silent_for=100)
    assert not jobs.job_is_stale(alive)
    assert jobs.import_job_stop_stale(job=alive).status == ImportStatus.RUNNING
    assert jobs.job_is_stale(alive, now=timezone.now() + timezone.timedelta(seconds=30))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE)
    alive.refresh_from_db()
    assert not jobs.job_is_stale(alive, now=timezone.now() + timezone.timedelta(days=1))
    assert stopped_entries() == 0


def test_a_worker_killed_before_its_first_progress_is_judged_by_its_claim(
        world, queue_only, django_capture_on_commit_callbacks):
    job = queued_job(world, django_capture_on_commit_callbacks)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now() - timezone.timedelta(minutes=5))
    job.refresh_from_db()
    assert jobs.job_heartbeat(job) == job.started_at
    assert jobs.import_job_stop_stale(job=job).status == ImportStatus.STOPPED


def test_the_worker_beats_while_one_long_statement_runs(world, settings, queue_only, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    settings.ANBK_IMPORT_STALE_SECONDS = 0.4  # the heartbeat then comes every 0.1 s
    job = queued_job(world, django_capture_on_commit_callbacks)
    progress = jobs._private(job.work_dir) / jobs.PROGRESS_FILE
    seen = []

    def slow_flush(self, counts):  # the write phase's last, set-based statement
        before = progress.stat().st_mtime
        time.sleep(0.6)  # longer than the stale interval, with no progress report
        seen.append((before, progress.stat().st_mtime, jobs.job_is_stale(
            ImportJob.objects.get(pk=job.pk))))

    monkeypatch.setattr("anbk.registry.importing.students.StudentImporter.flush", slow_flush)
    job = jobs.import_job_run(job_id=job.pk)
    [(before, after, stale)] = seen
    assert after > before and not stale
    assert job.status == ImportStatus.DONE


# ----------------------------------------------------------------------------------------
# Running a stopped job again


def test_the_uploader_runs_a_stopped_job_again_as_a_new_attempt(
        world, client, settings, queue_only, django_capture_on_commit_callbacks):
    job = claimed_by_a_worker_that_died(queued_job(world, django_capture_on_commit_callbacks),
                                        silent_for=300)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(world.district)
    page = client.get(reverse("imports:job", args=[job.pk]))
    assert STOPPED_TEXT in page.content.decode()
    assert reverse("imports:rerun", args=[job.pk]) in page.content.decode()
    first_dir = ImportJob.objects.get(pk=job.pk).work_dir
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:rerun", args=[job.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.attempt, job.counts) == (ImportStatus.DONE, 2, {"created": 2})
    assert job.work_dir != first_dir  # the dead attempt's files cannot mix with this one's
    entry = AuditEntry.objects.get(action="import.rerun")
    assert (entry.actor_id, entry.summary["attempt"]) == (world.district.pk, 2)
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Impor selesai" in page and STOPPED_TEXT not in page


def test_the_history_lists_a_dead_workers_job_as_stopped(world, client, queue_only,
                                                         django_capture_on_commit_callbacks):
    job = claimed_by_a_worker_that_died(queued_job(world, django_capture_on_commit_callbacks),
                                        silent_for=300)
    client.force_login(world.district)
    page = client.get(reverse("imports:upload")).content.decode()
    assert "Terhenti" in page and "Sedang berjalan" not in page
    job.refresh_from_db()
    assert job.status == ImportStatus.STOPPED


def test_the_progress_poll_reloads_the_page_once_the_job_is_found_stopped(
        world, client, queue_only, django_capture_on_commit_callbacks):
    job = claimed_by_a_worker_that_died(queued_job(world, django_capture_on_commit_callbacks),
                                        silent_for=300)
    client.force_login(world.district)
    response = client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_only_the_uploader_may_run_a_job_again(world, client, queue_only,
                                              django_capture_on_commit_callbacks):
    job = claimed_by_a_worker_that_died(queued_job(world, django_capture_on_commit_callbacks),
                                        silent_for=300)
    job = jobs.import_job_stop_stale(job=job)
    for other in (world.province, world.district_outsider):  # superior, other region
        client.force_login(other)
        assert client.post(reverse("imports:rerun", args=[job.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        jobs.import_job_rerun(actor=world.province, job=job)
    client.force_login(world.district)
    assert client.get(reverse("imports:rerun", args=[job.pk])).status_code == 405
    job.refresh_from_db()
    assert (job.status, job.attempt) == (ImportStatus.STOPPED, 1)
    assert not AuditEntry.objects.filter(action="import.rerun").exists()


def test_a_job_that_did_not_stop_cannot_be_run_again(world, client, immediate,
                                                    django_capture_on_commit_callbacks):
    job = queued_job(world, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.DONE
    client.force_login(world.district)
    response = client.post(reverse("imports:rerun", args=[job.pk]), follow=True)
    assert "tidak dapat dijalankan ulang" in response.content.decode()
    job.refresh_from_db()
    assert (job.attempt, Student.objects.filter(nisn="0123456780").count()) == (1, 1)
    assert not AuditEntry.objects.filter(action="import.rerun").exists()


def test_a_double_click_queues_one_new_attempt(world, queue_only,
                                               django_capture_on_commit_callbacks):
    job = claimed_by_a_worker_that_died(queued_job(world, django_capture_on_commit_callbacks),
                                        silent_for=300)
    seen_by_second_request = ImportJob.objects.get(pk=job.pk)
    jobs.import_job_rerun(actor=world.district, job=job)
    with pytest.raises(PermissionDenied):
        jobs.import_job_rerun(actor=world.district, job=seen_by_second_request)
    assert ImportJob.objects.get(pk=job.pk).attempt == 2


# ----------------------------------------------------------------------------------------
# A worker that comes back


def test_a_late_worker_of_an_old_attempt_cannot_overwrite_the_new_result(
        world, queue_only, django_capture_on_commit_callbacks):
    job = queued_job(world, django_capture_on_commit_callbacks)
    late = claimed_by_a_worker_that_died(job, silent_for=300)  # what the old worker holds
    jobs.import_job_stop_stale(job=late)
    jobs.import_job_rerun(actor=world.district, job=ImportJob.objects.get(pk=job.pk))
    newer = jobs.import_job_run(job_id=job.pk, attempt=2)
    assert (newer.status, newer.counts) == (ImportStatus.DONE, {"created": 2})
    after_newer = snapshot()
    # The old worker was only paused: it resumes and finishes attempt 1.
    jobs._run(late)
    job.refresh_from_db()
    assert (job.status, job.attempt, job.counts) == (ImportStatus.DONE, 2, {"created": 2})
    assert snapshot() == after_newer  # its writes and its audit entry rolled back
    # Its task delivered again changes nothing either.
    assert jobs.import_job_run(job_id=job.pk, attempt=1).counts == {"created": 2}
    assert AuditEntry.objects.filter(action="import.students").count() == 1


def test_a_late_worker_saves_nothing_once_its_job_was_shown_stopped(
        world, queue_only, django_capture_on_commit_callbacks):
    # "Stopped, nothing saved" must stay true even if the worker was only frozen.
    job = queued_job(world, django_capture_on_commit_callbacks)
    late = claimed_by_a_worker_that_died(job, silent_for=300)
    jobs.import_job_stop_stale(job=late)
    before = snapshot()
    jobs._run(late)
    job.refresh_from_db()
    assert (job.status, job.counts) == (ImportStatus.STOPPED, {})
    assert snapshot() == before


def test_a_late_worker_whose_file_was_bad_does_not_overwrite_either(
        world, queue_only, django_capture_on_commit_callbacks):
    job = queued_job(world, django_capture_on_commit_callbacks, rows=[student(NISN="1")])
    late = claimed_by_a_worker_that_died(job, silent_for=300)
    jobs.import_job_stop_stale(job=late)
    jobs._run(late)  # finds the file invalid, outside any transaction
    job.refresh_from_db()
    assert (job.status, job.error_count) == (ImportStatus.STOPPED, 0)


# ----------------------------------------------------------------------------------------
# A real worker process, killed while it writes


_PRELUDE = """
import json, os, sys
from pathlib import Path
import django
django.setup()
from anbk.registry.importing import jobs
from anbk.registry.models import ImportJob, Student
"""

_SETUP = _PRELUDE + """
from django.core.files import File
from django.core.management import call_command
from anbk.accounts.models import Role, User
from anbk.registry.importing.services import import_file
from anbk.registry.synth import write_synthetic

call_command("migrate", verbosity=0)
out = Path(sys.argv[1])
counts = write_synthetic(out=out, schools=int(sys.argv[2]), students_per_school=50, seed=7)
for kind in ("regions", "schools"):
    assert import_file(actor=None, kind=kind, path=out / f"{kind}.csv").ok, kind
centre = User.objects.create(username="pusat", role=Role.CENTRE_ADMIN,
                             must_change_password=False)
with open(out / "students.csv", "rb") as upload:
    job = jobs.import_job_create(actor=centre, kind="students",
                                 upload=File(upload, name="students.csv"))
print(json.dumps({"job": job.pk, "progress": str(jobs._private(job.work_dir)
                  / jobs.PROGRESS_FILE), "students": counts.students}))
"""

_STATE = _PRELUDE + """
job = ImportJob.objects.select_related("actor").get(pk=int(sys.argv[1]))
if sys.argv[2] == "stop":
    job = jobs.import_job_stop_stale(job=job)
if sys.argv[2] == "rerun":
    job = jobs.import_job_rerun(actor=job.actor, job=job)
print(json.dumps({"status": job.status, "attempt": job.attempt, "counts": job.counts,
                  "students": Student.objects.count()}))
"""


class Site:
    """An anbk installation of its own: a temporary SQLite database and var folder, also
    when the test run itself is on PostgreSQL."""

    STALE_SECONDS = 1

    def __init__(self, var: Path):
        self.var = var
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env.update(ANBK_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="anbk.settings",
                        ANBK_IMPORT_STALE_SECONDS=str(self.STALE_SECONDS))
        self.anbk = [sys.executable, "-c", "import sys; from anbk.cli import main; "
                     "sys.exit(main())"]

    def python(self, code: str, *args) -> dict:
        done = subprocess.run([sys.executable, "-c", code, *map(str, args)], env=self.env,
                              cwd=self.var, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def state(self, job: int, action: str = "look") -> dict:
        return self.python(_STATE, job, action)

    def worker(self) -> subprocess.Popen:
        return subprocess.Popen([*self.anbk, "manage", "db_worker", "--batch",
                                 "--no-startup-delay", "--no-reload"], env=self.env,
                                cwd=self.var, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def audit_verify(self) -> subprocess.CompletedProcess:
        return subprocess.run([*self.anbk, "audit", "verify"], env=self.env, cwd=self.var,
                              capture_output=True, text=True, timeout=60)


def _kill_while_writing(worker: subprocess.Popen, progress: Path) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            state = json.loads(progress.read_text())
        except (OSError, ValueError):
            state = {}
        if state.get("phase") == "write":
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
            return state
        if worker.poll() is not None:
            pytest.fail(f"the worker ended before writing: {worker.stdout.read().decode()}")
        time.sleep(0.02)
    worker.kill()
    pytest.fail("the import never reached its write phase")


def test_a_worker_killed_while_writing_saves_nothing_and_the_rerun_completes(tmp_path):
    site = Site(tmp_path)
    made = site.python(_SETUP, tmp_path / "synth", 1600)  # 80,000 students
    job, progress = made["job"], Path(made["progress"])

    killed_at = _kill_while_writing(site.worker(), progress)
    assert killed_at["percent"] < 100
    assert site.state(job) == {"status": "running", "attempt": 1, "counts": {}, "students": 0}
    verified = site.audit_verify()
    assert verified.returncode == 0, verified.stdout + verified.stderr

    time.sleep(site.STALE_SECONDS + 0.5)  # the heartbeat stopped with the process
    assert site.state(job, "stop")["status"] == "stopped"
    assert site.state(job, "rerun")["attempt"] == 2
    worker = site.worker()
    assert worker.wait(timeout=120) == 0, worker.stdout.read().decode()
    assert site.state(job) == {"status": "done", "attempt": 2,
                               "counts": {"created": made["students"]},
                               "students": made["students"]}
    verified = site.audit_verify()
    assert verified.returncode == 0, verified.stdout + verified.stderr
