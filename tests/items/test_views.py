"""Item bank pages over HTTP (issue 6): authoring each type through the line formats, the
preview being the exam markup without keys (D-7), review, versions, forms and panels."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anbk.items import services
from anbk.items.models import Asset, FormStatus, ItemVersion, TestForm, VersionStatus
from anbk.items.render import render_item
from anbk.items.views import asset_url
from tests.items.helpers import PNG, akm_item, approved

COMMON = {"prompt": "Berapa hasilnya?", "domain": "numerasi", "level": "SD",
          "content_area": "number", "cognitive_level": "apply", "context": "personal"}
ANSWERS = {
    "multiple_choice": {"choices": "Tiga\n* Empat\nLima"},
    "complex_multiple_choice": {"choices": "* Dua\nTiga\n* Enam\nSembilan"},
    "matching": {"pairs": "Segitiga | Tiga sisi\nPersegi | Empat sisi\nLingkaran |",
                 "extra_targets": "Lima sisi"},
    "short_answer": {"accepted": "2,5\ndua setengah"},
    "essay": {"rubric": "0 | Tidak ada alasan\n1 | Alasan sebagian\n2 | Alasan lengkap",
              "model_answer": "Karena ..."},
}


@pytest.fixture
def author_client(client, world):
    client.force_login(world.item_author)
    return client


def _create(client, item_type, code, **extra):
    url = reverse("items:item_create") + f"?bank=akm&item_type={item_type}"
    return client.post(url, {"code": code, **COMMON, **ANSWERS[item_type], **extra})


@pytest.mark.parametrize("item_type", list(ANSWERS))
def test_an_author_writes_each_type_in_plain_lines(author_client, item_type):  # rule D-2
    response = _create(author_client, item_type, "N-WEB")
    assert response.status_code == 302
    version = ItemVersion.objects.get(item__code="N-WEB")
    assert response["Location"] == reverse("items:item_detail", kwargs={"pk": version.pk})
    content = version.content
    if item_type == "multiple_choice":
        assert content["correct"] == ["B"] and len(content["choices"]) == 3
    elif item_type == "complex_multiple_choice":
        assert content["correct"] == ["A", "C"]
    elif item_type == "matching":
        assert content["pairs"] == [["S1", "T1"], ["S2", "T2"]]
        assert [t["text"] for t in content["targets"]] == ["Tiga sisi", "Empat sisi",
                                                           "Lima sisi"]
    elif item_type == "short_answer":
        assert content["accepted"] == ["2,5", "dua setengah"]
    else:
        assert [level["points"] for level in content["rubric"]] == [0, 1, 2]
    # The edit form shows the same lines back.
    page = author_client.get(reverse("items:item_edit", kwargs={"pk": version.pk}))
    first_line = next(iter(ANSWERS[item_type].values())).splitlines()[0]
    assert first_line in page.content.decode()


def test_bad_lines_come_back_with_the_problem_named(author_client):
    response = _create(author_client, "multiple_choice", "N-BAD", choices="Tiga\nEmpat")
    assert response.status_code == 200
    assert "tepat satu pilihan benar" in response.content.decode()
    assert not ItemVersion.objects.exists()


def test_the_type_chooser_comes_first(author_client):
    response = author_client.get(reverse("items:item_create"))
    assert response.status_code == 200 and 'name="item_type"' in response.content.decode()


@pytest.mark.parametrize("item_type", list(ANSWERS))
def test_the_preview_is_the_exam_markup_and_holds_no_key(author_client, world, item_type):
    version = akm_item(world.item_author, "N-PRV", item_type)  # rule D-7
    response = author_client.get(reverse("items:item_preview", kwargs={"pk": version.pk}))
    body = response.content.decode()
    markup = str(render_item(version, asset_url=asset_url, number=1))
    assert markup in body and "anbk/items/exam.css" in body
    for secret in ("correct", "kunci", "pairs", "Alasan lengkap", "Karena ...", "2,5"):
        assert secret not in markup, secret


def test_review_through_the_pages(client, world):
    version = akm_item(world.item_author, "N-REVW")
    client.force_login(world.item_author)
    client.post(reverse("items:item_submit", kwargs={"pk": version.pk}))
    client.force_login(world.item_reviewer)
    queue = client.get(reverse("items:review_queue")).content.decode()
    assert "N-REVW" in queue
    url = reverse("items:item_review", kwargs={"pk": version.pk})
    response = client.post(url, {"decision": "return", "notes": ""}, follow=True)
    assert "Tulis catatan" in response.content.decode()
    client.post(url, {"decision": "return", "notes": "Perbaiki pengecoh."})
    version.refresh_from_db()
    assert version.status == VersionStatus.RETURNED
    detail = client.get(reverse("items:item_detail", kwargs={"pk": version.pk}))
    assert "Perbaiki pengecoh." in detail.content.decode()


def test_editing_an_approved_item_on_the_page_makes_a_new_version(author_client, world):
    first = approved(world.item_author, world.item_reviewer, "N-V1")
    url = reverse("items:item_edit", kwargs={"pk": first.pk})
    page = author_client.get(url).content.decode()
    assert "versi baru" in page
    form = {**COMMON, "choices": "* Pagi\nSiang\nMalam", "prompt": "Diperbaiki",
            "updated_at": first.updated_at.isoformat()}
    response = author_client.post(url, form, follow=True)
    second = ItemVersion.objects.get(item__code="N-V1", number=2)
    assert "sebagai versi 2" in response.content.decode()
    first.refresh_from_db()
    assert first.prompt == "Pertanyaan N-V1" and second.prompt == "Diperbaiki"


def test_a_stale_edit_form_is_refused(author_client, world):  # concurrent change
    version = akm_item(world.item_author, "N-OLD")
    stale = version.updated_at.isoformat()
    url = reverse("items:item_edit", kwargs={"pk": version.pk})
    form = {**COMMON, "choices": "* Pagi\nSiang", "updated_at": stale}
    assert author_client.post(url, form | {"prompt": "Pertama"}).status_code == 302
    response = author_client.post(url, form | {"prompt": "Kedua"})
    assert response.status_code == 200 and "diubah orang lain" in response.content.decode()
    version.refresh_from_db()
    assert version.prompt == "Pertama"


def test_a_stimulus_image_is_served_privately(author_client):
    upload = {"code": "S-GBR", "kind": "image", "title": "Peta", "domain": "numerasi",
              "level": "SD", "image_alt": "Peta kampung"}
    response = author_client.post(reverse("items:stimulus_create"), upload | {
        "image": SimpleUploadedFile("peta.png", PNG, content_type="image/png")})
    assert response.status_code == 302
    detail = author_client.get(response["Location"]).content.decode()
    assert "Peta kampung" in detail
    asset = Asset.objects.get()  # not pk=1: PostgreSQL sequences do not restart between tests
    stimulus_image = author_client.get(reverse("items:asset", kwargs={"pk": asset.pk}))
    assert stimulus_image.content == PNG
    assert stimulus_image["Cache-Control"] == "private, no-store"


def test_a_panel_is_assembled_routed_and_made_ready_on_the_pages(client, world):
    author, reviewer = world.item_author, world.item_reviewer
    for i in range(6):
        approved(author, reviewer, f"N-P{i}", "short_answer")
    client.force_login(author)
    response = client.post(reverse("items:form_create"), {
        "code": "P-WEB", "title": "Panel Numerasi", "bank": "akm", "design": "multistage",
        "domain": "numerasi", "level": "SD", "stage2": ["easy", "hard"], "demo_size": "on"})
    assert response.status_code == 302
    form = TestForm.objects.get(code="P-WEB")
    modules = {m.key: m for m in form.modules.all()}
    for key, codes in (("stage1", "N-P0\nN-P1"), ("stage2-easy", "N-P2\nN-P3"),
                       ("stage2-hard", "n-p4\nN-P5")):
        client.post(reverse("items:module_items", kwargs={"pk": modules[key].pk}),
                    {"codes": codes})
    missing = client.post(reverse("items:module_items", kwargs={"pk": modules["stage1"].pk}),
                          {"codes": "N-NONE"}, follow=True)
    assert "N-NONE" in missing.content.decode()
    bad = client.post(reverse("items:panel_routes", kwargs={"code": "P-WEB"}),
                      {"min-easy": "x"}, follow=True)
    assert "bilangan bulat" in bad.content.decode()
    client.post(reverse("items:panel_routes", kwargs={"code": "P-WEB"}),
                {"min-easy": "0", "max-easy": "1", "min-hard": "2", "max-hard": "2"})
    client.force_login(reviewer)
    detail = client.get(reverse("items:form_detail", kwargs={"code": "P-WEB"}))
    assert "stage1 → stage2-easy: 4" in detail.content.decode()
    client.post(reverse("items:form_ready", kwargs={"code": "P-WEB"}))
    client.post(reverse("items:form_lock", kwargs={"code": "P-WEB"}))
    form.refresh_from_db()
    assert form.status == FormStatus.LOCKED
    assert not ItemVersion.objects.filter(entries__module__form=form,
                                          locked_at__isnull=True).exists()


def test_a_refused_step_is_a_message_not_an_error(client, world):
    client.force_login(world.item_reviewer)
    version = akm_item(world.item_author, "N-MSG")
    response = client.post(reverse("items:item_review", kwargs={"pk": version.pk}),
                           {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    assert "Hanya soal yang diajukan" in response.content.decode()


def test_the_centre_admin_reads_no_item(client, world):  # rule D-7
    version = akm_item(world.item_author, "N-SECRET")
    client.force_login(world.centre)
    assert client.get(reverse("items:item_preview", kwargs={"pk": version.pk})).status_code \
        == 404
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("items:item_list") not in home


def test_an_approved_item_on_an_older_stimulus_is_edited_onto_the_newest(author_client,
                                                                         world):
    author = world.item_author
    stimulus = services.stimulus_create(actor=author, code="S-OLD", kind="text", title="T",
                                        domain="numerasi", level="SD", body="Lama")
    first = approved(author, world.item_reviewer, "N-STI", stimulus=stimulus)
    newer = services.stimulus_edit(actor=author, stimulus=stimulus, body="Baru")
    url = reverse("items:item_edit", kwargs={"pk": first.pk})
    form = {**COMMON, "choices": "* Pagi\nSiang", "stimulus": str(stimulus.pk),
            "updated_at": first.updated_at.isoformat()}
    assert author_client.post(url, form).status_code == 302
    assert ItemVersion.objects.get(item__code="N-STI", number=2).stimulus == newer
