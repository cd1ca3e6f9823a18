"""Participants in a real browser (P-5, P-7): the district samples Kab. Bandung, the school
verifies its DNS with one flag, the district resolves it (the next candidate joins), and the
province finalises the DNT with AN numbers. Screenshots go to test-results/."""

import re
from pathlib import Path

import pytest

from anbk.sampling.models import Participant, SchoolSample
from anbk.sampling.numbering import an_number_valid
from tests.browser.session import login as portal_login
from tests.people import PASSWORD
from tests.sampling.helpers import add_students

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def login(page, base_url, username):
    portal_login(page, base_url, username, PASSWORD)


def logout(page):
    page.click("button:has-text('Keluar')")


def test_district_samples_school_verifies_district_resolves_province_finalises(
        live_server, page, world):
    add_students(world.sd, 40, grade=5, start=1_200_000_000)  # 41 candidates: 30 + 5
    SHOTS.mkdir(exist_ok=True)
    npsn = world.sd.npsn

    # The district runs the sampling with a seed it writes down.
    login(page, live_server.url, world.district.username)
    page.click("nav.sidebar >> text=Sampling")
    page.fill("input[name=seed]", "2021")
    page.click("button:has-text('Jalankan sampling')")
    page.wait_for_selector("text=Sampling selesai: 1 sekolah, 30 peserta utama, 5 cadangan")
    page.screenshot(path=SHOTS / "sampling-run-district.png", full_page=True)
    logout(page)

    # The school confirms everyone but one, whom it flags as moved.
    login(page, live_server.url, world.operator.username)
    page.click("nav.sidebar >> text=DNS / DNT")
    page.click(f"#results >> text={npsn}")
    page.wait_for_selector("#participants")
    assert page.locator("#participants tbody tr").count() == 35
    flagged = Participant.objects.filter(school=world.sd).order_by("random_key").first()
    row = page.locator(f"#participants tr[data-nisn='{flagged.student.nisn}']")
    row.locator("summary:has-text('Tandai')").click()
    row.locator("select[name=reason]").select_option("moved")
    row.locator("input[name=note]").fill("Pindah ke Garut bulan lalu")
    row.locator("button:has-text('Tandai')").click()
    page.wait_for_selector("text=ditandai; tim kabupaten/kota akan menindaklanjuti")
    page.click("button:has-text('Konfirmasi semua yang belum diverifikasi')")
    page.wait_for_selector("text=34 peserta dikonfirmasi")
    page.screenshot(path=SHOTS / "dns-school-flag.png", full_page=True)
    logout(page)

    # The district removes the flagged nominee; the next in random order takes the place.
    login(page, live_server.url, world.district.username)
    page.goto(f"{live_server.url}/peserta/sekolah/{npsn}/")
    page.locator(f"#participants tr[data-nisn='{flagged.student.nisn}']").locator(
        "text=Selesaikan").click()
    page.check("input[name=action][value=remove]")
    page.fill("textarea[name=note]", "Sudah pindah sekolah")
    page.click("button:has-text('Simpan keputusan')")
    page.wait_for_selector("text=Peserta dihapus; penggantinya")
    assert page.locator("#participants tbody tr").count() == 35
    assert page.get_by_text("pengganti", exact=True).is_visible()
    logout(page)

    # The school verifies the replacement.
    login(page, live_server.url, world.operator.username)
    page.goto(f"{live_server.url}/peserta/sekolah/{npsn}/")
    page.click("button:has-text('Konfirmasi semua yang belum diverifikasi')")
    page.wait_for_selector("text=1 peserta dikonfirmasi")
    logout(page)

    # The province finalises the DNT; every participant now has an AN number.
    login(page, live_server.url, world.province.username)
    page.goto(f"{live_server.url}/peserta/sekolah/{npsn}/")
    page.click("button:has-text('Tetapkan DNT dan beri nomor peserta')")
    page.wait_for_selector("text=nomor peserta diberikan")
    numbers = page.locator("#participants tbody tr td code").all_inner_texts()
    assert len(numbers) == 35 and all(an_number_valid(n) for n in numbers)
    assert re.match(rf"\d\d-1-{npsn}-001-\d", numbers[0])
    page.screenshot(path=SHOTS / "dnt-province.png", full_page=True)
    assert SchoolSample.objects.get(school=world.sd).stage == "dnt"
