"""QTI in a real browser (Debian chromium): an item author uploads a broken package and reads
which file and element are wrong, then uploads the good package; the items arrive as drafts;
a reviewer downloads a form as a QTI package. Screenshots go to test-results/."""

import io
import zipfile
from pathlib import Path

import pytest

from anbk.items.models import ItemVersion, VersionStatus
from anbk.items.qti import writer
from tests.browser.session import login
from tests.qti.corpus import HOTSPOT, _with
from tests.qti.helpers import bank_with_forms
from tests.qti.samples import items

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"



def test_author_imports_and_reviewer_exports(live_server, page, world, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    broken = tmp_path / "rusak.zip"
    broken.write_bytes(_with({"items/SK-01.xml": HOTSPOT}))
    good = tmp_path / "survei.zip"
    good.write_bytes(writer.build_package(writer.QtiPackage(items=[items()[-1]]),
                                          identifier="survei"))

    login(page, live_server.url, world.item_author.username)
    page.click("nav.sidebar >> text=QTI 3.0")
    page.set_input_files("input[name=file]", str(broken))
    page.click("form button[type=submit]")
    alert = page.locator("[role=alert]")
    assert "tidak ada yang diimpor" in alert.inner_text()
    assert "items/SK-01.xml" in alert.inner_text()
    assert "<qti-hotspot-interaction>" in alert.inner_text()
    page.screenshot(path=SHOTS / "qti-import-refused.png", full_page=True)

    page.set_input_files("input[name=file]", str(good))
    page.click("form button[type=submit]")
    page.wait_for_url("**/instrumen/qti/impor/*/")
    assert "SK-01" in page.content()
    page.screenshot(path=SHOTS / "qti-import-done.png", full_page=True)
    version = ItemVersion.objects.get(item__code="SK-01")
    assert (version.status, version.author) == (VersionStatus.DRAFT, world.item_author)

    bank_with_forms(world.item_author, world.item_reviewer)
    page.context.clear_cookies()
    login(page, live_server.url, world.item_reviewer.username)
    page.goto(f"{live_server.url}/instrumen/qti/")
    with page.expect_download() as download:
        page.click("a[href$='/qti/ekspor/paket/NUM-SD-MST/']")
    data = Path(download.value.path()).read_bytes()
    assert "tests/NUM-SD-MST.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
