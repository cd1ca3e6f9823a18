"""The portal in a real browser (Debian chromium): a district team logs in, filters its
school list, issues a school account and hands over the temporary password; the new
operator's first login is forced to the password change (S-8). Screenshots go to
test-results/ for a person to look at."""

import re
from pathlib import Path

import pytest

from tests.browser.session import login
from tests.people import PASSWORD, make_school

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"



def test_district_team_filters_schools_and_issues_an_account(live_server, page, world):
    make_school("20200011", "SD Negeri 2 Soreang", "SD", world.kab_bandung, is_penggerak=True)
    make_school("20200012", "SMP Negeri 1 Banjaran", "SMP", world.kab_bandung)
    pkbm = make_school("20200013", "PKBM Harapan Bangsa", "Paket A", world.kab_bandung)
    pkbm.status = "swasta"
    pkbm.save(update_fields=["status"])
    SHOTS.mkdir(exist_ok=True)

    login(page, live_server.url, world.district.username, PASSWORD)
    page.click("nav.sidebar >> text=Sekolah")
    page.wait_for_selector("#results table")
    assert page.locator("#results tbody tr").count() == 4

    page.select_option("select[name=bentuk]", "SD")  # htmx refreshes only the results
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 2")
    assert "bentuk=SD" in page.url
    page.fill("input[name=q]", "Soreang")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=Soreang"))
    assert page.locator("#results tbody tr").count() == 2
    page.screenshot(path=SHOTS / "school-list-district.png", full_page=True)

    for i in range(50):  # a second page of SDs
        make_school(f"2020{i + 100:04d}", f"SD Negeri {i + 3} Soreang", "SD", world.kab_bandung)
    page.reload()
    assert page.locator("#results tbody tr").count() == 50
    page.click("#results >> text=Berikutnya")  # the pager swaps only the results, too
    page.wait_for_url(re.compile(r"page=2"))
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 2")
    assert page.locator("nav.sidebar").count() == 1 and page.locator("form.filters").count() == 1

    page.click("nav.sidebar >> text=Akun")
    page.click("text=Terbitkan akun")
    page.fill("input[name=full_name]", "Asep Sunandar")
    page.fill("input[name=username]", "op20200011")
    page.select_option("select[name=role]", "school_operator")
    # Typing a name suggests the matching schools in scope.
    page.locator("input[name=npsn]").press_sequentially("Negeri 2 Soreang")
    page.wait_for_function(
        "document.querySelectorAll('#id_npsn-options option').length === 1")
    assert page.locator("#id_npsn-options option").get_attribute("value") == "20200011"
    page.fill("input[name=npsn]", "20200011")
    page.click("form button[type=submit]")
    password = page.locator("[data-testid=temporary-password]").inner_text()
    assert re.fullmatch(r"[A-Za-z0-9]{12}", password)
    assert page.get_by_text("hanya ditampilkan sekali").is_visible()
    page.screenshot(path=SHOTS / "account-issued-district.png", full_page=True)

    page.click("button:has-text('Keluar')")
    login(page, live_server.url, "op20200011", password)
    page.wait_for_url(re.compile(r"/akun/kata-sandi/$"))
    assert page.get_by_text("Ganti kata sandi").first.is_visible()
