"""The item bank in a real browser (issue 6, D-2): the author writes an item of each type,
previews it exactly as the exam renders it, answers it there, and submits it; the reviewer
finds all five in the review queue and approves them. Screenshots go to test-results/."""

import re
from pathlib import Path

import pytest

from anbk.items.models import ItemVersion, VersionStatus
from tests.browser.session import login

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-results"

# Type → (code, the answer lines typed into the form, the exam control the preview shows).
ITEMS = {
    "multiple_choice": ("NUM-B-PG", {"choices": "Tiga\n* Empat\nLima"},
                        "input[type=radio]"),
    "complex_multiple_choice": ("NUM-B-PGK", {"choices": "* Dua\nTiga\n* Enam"},
                                "input[type=checkbox]"),
    "matching": ("NUM-B-JDH", {"pairs": "Segitiga | Tiga sisi\nPersegi | Empat sisi",
                               "extra_targets": "Lima sisi"}, "select"),
    "short_answer": ("NUM-B-ISI", {"accepted": "2,5"}, "input.short-answer"),
    "essay": ("NUM-B-URA", {"rubric": "0 | Tidak menjawab\n2 | Alasan lengkap"},
              "textarea.essay"),
}



def write_item(page, item_type, code, answers):
    page.click("nav.sidebar >> text=Bank Soal")
    page.click("text=Tulis soal")
    page.select_option("select[name=bank]", "akm")
    page.select_option("select[name=item_type]", item_type)
    page.click("button:has-text('Lanjut')")
    page.fill("input[name=code]", code)
    page.fill("textarea[name=prompt]", f"Soal {code}: pilih atau tulis jawaban yang tepat.")
    for name, value in answers.items():
        page.fill(f"textarea[name={name}]", value)
    page.select_option("select[name=domain]", "numerasi")
    page.select_option("select[name=level]", "SD")
    page.select_option("select[name=content_area]", "number")
    page.select_option("select[name=cognitive_level]", "apply")
    page.select_option("select[name=context]", "personal")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/instrumen/soal/\d+/$"))
    assert page.get_by_text("tersimpan sebagai draf").is_visible()


def preview(page, item_type, code, control):
    href = page.locator("a:has-text('Pratinjau')").get_attribute("href")
    detail = page.url
    page.goto(page.url.split("/instrumen/")[0] + href)
    item = page.locator(f"section.item[data-item='{code}'][data-type='{item_type}']")
    assert item.count() == 1
    assert item.locator(control).first.is_visible()
    # The exam markup holds no key: nothing marks the right answer.
    assert "kunci" not in item.inner_html() and "2,5" not in item.inner_html()
    first = item.locator(control).first
    if item_type in ("multiple_choice", "complex_multiple_choice"):
        first.check()
        assert first.is_checked()
    elif item_type == "matching":
        first.select_option(label="Tiga sisi")
    else:
        first.fill("2.5")
    page.screenshot(path=SHOTS / f"item-preview-{item_type}.png", full_page=True)
    page.goto(detail)


def test_author_writes_previews_and_submits_each_type_and_reviewer_approves(
        live_server, page, world):
    SHOTS.mkdir(exist_ok=True)
    login(page, live_server.url, world.item_author.username)
    for item_type, (code, answers, control) in ITEMS.items():
        write_item(page, item_type, code, answers)
        preview(page, item_type, code, control)
        page.click("button:has-text('Ajukan untuk ditelaah')")
        assert page.get_by_text("Soal diajukan untuk ditelaah").is_visible()
    page.click("button:has-text('Keluar')")

    login(page, live_server.url, world.item_reviewer.username)
    page.click("nav.sidebar >> text=Antrean Telaah")
    assert page.locator("#results tbody tr").count() == len(ITEMS)
    page.screenshot(path=SHOTS / "item-review-queue.png", full_page=True)
    for code, _answers, _control in ITEMS.values():
        page.click("nav.sidebar >> text=Antrean Telaah")
        page.click(f"#results >> text={code}")
        assert page.locator(".card").first.is_visible()
        page.fill("textarea[name=notes]", "Sesuai kisi-kisi.")
        page.click("button:has-text('Setujui')")
        assert page.get_by_text("Soal disetujui.").is_visible()
    page.click("nav.sidebar >> text=Antrean Telaah")
    assert page.get_by_text("Tidak ada soal yang menunggu telaah.").is_visible()
    approved = ItemVersion.objects.filter(status=VersionStatus.APPROVED)
    assert sorted(approved.values_list("item_type", flat=True)) == sorted(ITEMS)
