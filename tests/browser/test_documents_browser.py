"""The documents in a real browser (Debian chromium): a school prints its login cards and
uploads a signed scan from the documents page; a district asks for the zip of all its
schools' cards, the worker builds it while the page's progress bar follows, and the zip is
downloaded. Screenshots go to test-results/."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from anbk.documents.models import PrintLog, ScanUpload
from anbk.scheduling import services as scheduling
from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry
from tests.browser.session import login
from tests.documents.test_scans import png_bytes
from tests.pdftext import pdf_text
from tests.scheduling.factories import participants, rooms

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def placed(world, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    calendar_seed(CalendarEntry)
    participants(world.sd, 12, 2, first_nisn=930000000)
    rooms(world.operator, world.sd, 15)
    scheduling.sessions_set(actor=world.operator, school=world.sd, level="SD", wave=1,
                            per_pair={1: 1})
    scheduling.placement_run(actor=world.operator, school=world.sd, level="SD")
    return world



def test_a_school_prints_cards_and_uploads_a_signed_scan(live_server, page, placed, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    login(page, live_server.url, placed.operator.username)
    page.click("nav.sidebar >> text=Dokumen")
    page.wait_for_selector("text=Daftar hadir, berita acara dan pindaian per sesi")
    page.screenshot(path=SHOTS / "documents-school.png", full_page=True)
    with page.expect_download() as card_download:
        page.click("text=Kartu login peserta")
    cards = Path(card_download.value.path()).read_bytes()
    assert "KARTU LOGIN PESERTA ANBK" in pdf_text(cards)
    assert PrintLog.objects.filter(school=placed.sd, kind="login_cards").count() == 1

    scan = tmp_path / "daftar-hadir.png"
    scan.write_bytes(png_bytes())
    page.locator("table tbody tr").first.locator("text=unggah").first.click()
    page.set_input_files("input[name=file]", str(scan))
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(rf"/dokumen/sekolah/{placed.sd.npsn}/$"))
    assert page.get_by_text("sudah diunggah").count() == 1
    assert ScanUpload.objects.count() == 1
    page.screenshot(path=SHOTS / "documents-uploaded.png", full_page=True)


def test_a_district_builds_and_downloads_the_zip_of_its_schools(live_server, page, placed):
    SHOTS.mkdir(exist_ok=True)
    login(page, live_server.url, placed.district.username)
    page.click("nav.sidebar >> text=Dokumen")
    page.click("text=Cetak gabungan semua sekolah")
    page.select_option("select[name=kind]", "login_cards")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/dokumen/gabungan/\d+/$"))
    assert page.locator("#batch-progress progress").is_visible()
    page.screenshot(path=SHOTS / "documents-batch-queued.png", full_page=True)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    page.wait_for_selector("text=Unduh ZIP")  # the bar's poll reloads the finished page
    with page.expect_download() as zip_download:
        page.click("text=Unduh ZIP")
    archive = zipfile.ZipFile(io.BytesIO(Path(zip_download.value.path()).read_bytes()))
    assert archive.namelist() == [f"{placed.sd.npsn}-kartu-login.pdf"]
    page.screenshot(path=SHOTS / "documents-batch-done.png", full_page=True)
