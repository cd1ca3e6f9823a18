"""Staffing in a real browser (rules S-4, S-7): a school registers a room and its proctor
server and prints the Daftar ID Proktor; the district runs the crosswise supervisor plan; an
official signs the integrity pledge and prints it. Screenshots go to test-results/."""

import re
from pathlib import Path

import pytest

from anbk.staffing import services
from anbk.staffing.models import Assignment, Pledge
from tests.browser.session import login
from tests.pdftext import pdf_text
from tests.people import make_school
from tests.staffing.factories import place, supervisor, teacher

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"



def logout(page):
    page.click("button:has-text('Keluar')")


def test_room_server_proctor_list_supervisor_plan_and_pledge(live_server, page, world):
    SHOTS.mkdir(exist_ok=True)
    place(world.sd, -7.03, 107.52)
    neighbour = place(make_school("20200021", "SD Negeri 2 Soreang", "SD", world.kab_bandung),
                      -7.02, 107.53)
    supervisor(world.district, neighbour, "Rina Pengawas")
    official = services.official_create(actor=world.operator,
                                        person=teacher(world.sd, "Asep Saepudin"),
                                        role="proctor", home_school=world.sd,
                                        account=world.proctor)

    # The school registers a room and its proctor server, then prints the list.
    login(page, live_server.url, world.operator.username)
    page.click("nav.sidebar >> text=Data Server/Ruang")
    page.click(f"#results >> text={world.sd.npsn}")
    page.fill("input[name=name]", "Lab Komputer 1")
    page.fill("input[name=clients]", "16")  # one too many: a clear error, nothing saved
    page.click("[data-testid=add-room]")
    assert page.get_by_text("1 sampai 15 komputer klien").is_visible()
    page.fill("input[name=clients]", "15")
    page.click("[data-testid=add-room]")
    page.wait_for_selector("text=Ruang Lab Komputer 1 ditambahkan.")
    page.fill("input[name=computer_name]", "PROKTOR-01")
    page.click("[data-testid=add-server]")
    page.wait_for_selector("text=Server proktor 20200001-001 didaftarkan.")
    with page.expect_download() as download_info:
        page.click("[data-testid=print-proctor-list]")
    text = pdf_text(Path(download_info.value.path()).read_bytes())
    assert "DAFTAR ID PROKTOR" in text and "20200001-001" in text
    password = re.search(r"20200001-001\s+(\S{12})", text).group(1)
    assert services.verify_proctor_server_login("20200001-001", password) is not None
    page.reload()
    assert page.get_by_text("dicetak").first.is_visible()
    page.screenshot(path=SHOTS / "staffing-school-operator.png", full_page=True)
    logout(page)

    # The district places supervisors crosswise.
    login(page, live_server.url, world.district.username)
    page.click("nav.sidebar >> text=Pengawas Silang")
    page.click("[data-testid=run-plan]")
    page.wait_for_selector("text=0 belum terisi")
    assert page.locator("#results tbody tr").count() == 2  # two days, one session, one room
    assert page.locator("#results >> text=Rina Pengawas").count() == 2
    assert set(Assignment.objects.filter(role="supervisor")
               .values_list("official__home_school", flat=True)) == {neighbour.pk}
    page.screenshot(path=SHOTS / "staffing-supervisor-plan.png", full_page=True)
    logout(page)

    # The proctor signs the integrity pledge and prints it.
    login(page, live_server.url, world.proctor.username)
    page.click("nav.sidebar >> text=Pakta Integritas")
    page.click("[data-testid=sign-pledge]")
    page.wait_for_selector("text=Pakta integritas ditandatangani.")
    with page.expect_download() as download_info:
        page.click("[data-testid=pledge-pdf]")
    text = pdf_text(Path(download_info.value.path()).read_bytes())
    assert "PAKTA INTEGRITAS" in text and "Asep Saepudin" in text
    pledge = Pledge.objects.get(official=official)
    assert pledge.ip and pledge.signed_by == world.proctor
    page.screenshot(path=SHOTS / "staffing-pledge.png", full_page=True)
