"""Readiness in a real browser (Debian chromium), rule S-1: a school operator reports its ICT
readiness (a bandwidth without a unit is refused first) and sends it; the district team
approves it, decides moda and status, and prints the decree. Screenshots go to test-results/
for a person to look at."""

import re
from pathlib import Path

import pytest

from tests.browser.session import login
from tests.pdftext import pdf_text
from tests.readiness.helpers import participants

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"



def logout(page):
    page.click("button:has-text('Keluar')")


def test_school_reports_district_verifies_decides_and_prints(live_server, page, world):
    participants(world.sd, 29)  # + world.student: 30 at SD level → 15 computers, 1 room
    SHOTS.mkdir(exist_ok=True)
    npsn = world.sd.npsn

    login(page, live_server.url, world.operator.username)
    page.click("nav.sidebar >> text=Kesiapan TIK")
    page.click(f"#results >> text={npsn}")
    page.click("text=Isi laporan kesiapan")
    page.fill("input[name=client_computers]", "16")
    page.fill("input[name=client_computers_total]", "18")
    page.fill("input[name=proctor_server_candidates]", "1")
    page.fill("input[name=proctor_server_spec]", "Core i5 4 inti 2,4 GHz, RAM 8 GB, 2 LAN")
    page.check("input[name=proctor_server_spec_ok]")
    page.fill("input[name=rooms]", "1")
    page.select_option("select[name=electricity]", "stable")
    page.check("input[name=generator]")
    page.fill("input[name=internet_provider]", "Telkom IndiHome")
    page.fill("input[name=bandwidth_text]", "fast")
    page.fill("input[name=proctor_candidates]", "1")
    page.fill("input[name=technician_candidates]", "1")
    page.click("form button[type=submit]")
    assert page.get_by_text("tidak dapat dibaca").is_visible()  # rule S-5: a unit is needed
    page.fill("input[name=bandwidth_text]", "20 Mbps")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(rf"/kesiapan/sekolah/{npsn}/$"))
    page.click("button:has-text('Kirim untuk verifikasi')")
    assert page.locator("[data-status=submitted]").count() == 1
    page.screenshot(path=SHOTS / "readiness-school-sent.png", full_page=True)
    logout(page)

    login(page, live_server.url, world.district.username)
    page.click("nav.sidebar >> text=Kesiapan TIK")
    page.select_option("select[name=status]", "submitted")  # htmx refreshes the results
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 1")
    page.click(f"#results >> text={npsn}")
    gaps = page.locator("[data-testid=gaps]").inner_text()
    assert "Komputer klien" in gaps and "15" in gaps
    page.check("input[name=verdict][value=approve]")
    page.click("button:has-text('Simpan hasil verifikasi')")
    assert page.get_by_text("Laporan disetujui.").is_visible()
    assert page.locator("[data-status=approved]").count() == 1

    page.click("text=Tetapkan moda dan status")
    # The calculator's suggestion fills the form: self-hosted, online (20 ≥ 12 Mbps).
    assert page.locator("select[name=status]").input_value() == "self_hosted"
    assert page.locator("select[name=moda]").input_value() == "online"
    page.fill("textarea[name=reason]", "Lab 16 komputer, internet 20 Mbps, genset tersedia.")
    page.click("form button[type=submit]")
    decision = page.locator("[data-testid=decision]").inner_text()
    assert "Daring" in decision and "Mandiri" in decision
    page.screenshot(path=SHOTS / "readiness-district-decided.png", full_page=True)

    page.click("nav.sidebar >> text=Penetapan Moda & Status")
    assert page.locator("#results tbody tr").count() == 1
    href = page.locator("[data-testid=decree]").get_attribute("href")
    response = page.context.request.get(live_server.url + href)
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert "SURAT KEPUTUSAN" in text and world.sd.name in text and "Mandiri" in text
    (SHOTS / "readiness-decree.pdf").write_bytes(response.body())
    logout(page)

    login(page, live_server.url, world.operator.username)  # the school sees its decision
    page.goto(f"{live_server.url}/kesiapan/sekolah/{npsn}/")
    assert "Mandiri" in page.locator("[data-testid=decision]").inner_text()
