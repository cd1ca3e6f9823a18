"""Scheduling in a real browser (J-4): a school operator sets sessions, places its
participants, finds a gap in "Cek Kelengkapan Data" (participants without a seat), closes it
by adding a session and placing again, and moves one participant by hand. Printing the
login cards is the documents app's (not on main yet). Screenshots go to test-results/."""

import re
from pathlib import Path

import pytest

from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry
from tests.browser.session import login
from tests.people import PASSWORD
from tests.scheduling.factories import participants, rooms

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def _set_sessions(page, per_day: str):
    page.click("a.btn:has-text('Atur sesi')")
    page.fill("input[name=SD-pair_1]", per_day)
    page.click("button:has-text('Simpan sesi')")
    page.wait_for_url(re.compile(r"/penempatan/$"))


def test_a_school_sets_sessions_places_participants_and_fixes_a_gap(live_server, page, world):
    calendar_seed(CalendarEntry)
    participants(world.sd, 20, 2, first_nisn=990000000)
    rooms(world.operator, world.sd, 15)
    SHOTS.mkdir(exist_ok=True)

    login(page, live_server.url, world.operator.username, PASSWORD)
    page.click("nav.sidebar >> text=Jadwal")
    assert "SD Negeri 1 Soreang" in page.inner_text("h1")
    assert "8 Nov" in page.content()  # the SD wave I assessment week

    _set_sessions(page, "1")  # one session of 15 seats for 22 participants
    assert "7 peserta belum mendapat tempat" in page.inner_text(".messages")
    page.click("button:has-text('Tempatkan otomatis peserta SD')")
    page.wait_for_selector(".msg.success")
    assert "15 peserta mendapat tempat" in page.inner_text(".messages")

    page.click("nav.sidebar >> text=Cek Kelengkapan Data")
    page.click("#results >> text=20200001")
    row = page.locator("tr", has_text="Peserta belum mendapat sesi")
    assert "Kurang" in row.inner_text() and "7 dari 22" in row.inner_text()
    page.screenshot(path=SHOTS / "scheduling-checklist-gap.png", full_page=True)

    _set_sessions(page, "2")  # the fix: a second session a day
    page.click("button:has-text('Tempatkan otomatis peserta SD')")
    page.wait_for_selector(".msg.success")
    assert "22 peserta mendapat tempat" in page.inner_text(".messages")
    page.screenshot(path=SHOTS / "scheduling-placement.png", full_page=True)

    page.click("a.btn:has-text('Cek Kelengkapan Data')")
    row = page.locator("tr", has_text="Peserta belum mendapat sesi")
    assert "Lengkap" in row.inner_text()

    page.click("a.btn:has-text('Penempatan peserta')")
    page.click("table >> text=Pindahkan >> nth=1")  # seat 2 of session 1
    page.select_option("select[name=session]", index=1)  # session 1 (index 0: "-----")
    page.fill("input[name=seat]", "1")
    page.click("button:has-text('Simpan tempat')")
    assert "sudah ditempati" in page.inner_text(".errorlist")  # a seat twice: refused
    page.select_option("select[name=session]", index=2)  # session 2 holds 7: seat 15 free
    page.fill("input[name=seat]", "15")
    page.click("button:has-text('Simpan tempat')")
    page.wait_for_url(re.compile(r"/penempatan/$"))
    messages = page.inner_text(".messages")
    assert "dipindahkan" in messages and "belum memiliki proktor" in messages
    page.screenshot(path=SHOTS / "scheduling-move.png", full_page=True)
