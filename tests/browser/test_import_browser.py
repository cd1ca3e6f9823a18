"""The import in a real browser (Debian chromium): a district operator uploads a file with a
mistake, reads the error, downloads the error list, fixes the file and uploads it again; the
job waits in the queue, the worker runs it and the page's progress bar follows it to the end.
Screenshots go to test-results/."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from anbk.registry.models import ImportJob, ImportStatus, Student
from tests.browser.session import login
from tests.registry.import_files import STUDENT_HEADER, student, write_csv

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.PRIVATE_ROOT



def upload(page, path, screenshot=""):
    page.click("nav.sidebar >> text=Impor Data")
    page.select_option("select[name=kind]", "students")
    page.set_input_files("input[name=file]", str(path))
    if screenshot:
        page.screenshot(path=SHOTS / screenshot, full_page=True)
    page.click("form button[type=submit]")


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_upload_with_progress_and_error_report(live_server, page, world, private_root, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    login(page, live_server.url, world.district.username)
    bad = write_csv(tmp_path, STUDENT_HEADER, [
        student(), student(NISN="0123456780", Nama="Budi Santoso", JK="L", Tingkat="8")],
        name="siswa-kelas-5.csv")
    upload(page, bad)

    # The job is queued: the page shows a progress bar and polls for news.
    page.wait_for_url(re.compile(r"/impor/\d+/$"))
    assert page.locator("#import-progress progress").is_visible()
    page.screenshot(path=SHOTS / "import-queued.png", full_page=True)
    run_worker()
    page.wait_for_selector("text=Ditemukan 1 kesalahan")
    assert page.get_by_text("tingkat 8 tidak ada di SD (tingkat 1–6)").is_visible()
    assert not Student.objects.filter(nisn="0123456789").exists()
    page.screenshot(path=SHOTS / "import-errors.png", full_page=True)

    with page.expect_download() as download_info:
        page.click("text=Unduh daftar kesalahan")
    report = Path(download_info.value.path()).read_bytes()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(report)).get_sheet_by_index(0).to_python()
    assert rows[3][:2] == [3.0, "Tingkat"]

    fixed = write_csv(tmp_path, STUDENT_HEADER, [
        student(), student(NISN="0123456780", Nama="Budi Santoso", JK="L", Tingkat="6")],
        name="siswa-kelas-5-perbaikan.csv")
    upload(page, fixed, screenshot="import-upload.png")
    page.wait_for_url(re.compile(r"/impor/\d+/$"))
    run_worker()
    page.wait_for_selector("text=Impor selesai. Data sudah tersimpan.")
    assert page.locator(".stat .n").first.inner_text() == "2"
    page.screenshot(path=SHOTS / "import-done.png", full_page=True)
    assert list(ImportJob.objects.order_by("pk").values_list("status", flat=True)) == [
        ImportStatus.INVALID, ImportStatus.DONE]
    assert Student.objects.filter(nisn__in=["0123456789", "0123456780"]).count() == 2
