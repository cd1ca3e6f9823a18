"""Item-bank services: authoring and review (issue 6), metadata (R-1, R-4, R-5), content per
type (D-2), version immutability, forms and panels with the AKM sizes, locking (D-7)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from anbk.core.instruments import AKM_FORM_ITEMS
from anbk.core.models import AuditEntry
from anbk.items import selectors, services
from anbk.items.models import FormStatus, ItemVersion, Module, VersionStatus
from tests.items.helpers import AKM_TYPES, CONTENT, PNG, akm_item, approved


@pytest.fixture
def author(world):
    return world.item_author


@pytest.fixture
def reviewer(world):
    return world.item_reviewer


# --- authoring and review -------------------------------------------------------------------

@pytest.mark.parametrize("item_type", AKM_TYPES)
def test_an_item_of_each_type_is_written_submitted_and_approved(author, reviewer, item_type):
    version = akm_item(author, f"N-{item_type[:5].upper()}", item_type)  # rule D-2
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    services.item_submit(actor=author, version=version)
    done = services.item_review(actor=reviewer, version=version, approve=True, notes="Baik")
    assert done.status == VersionStatus.APPROVED and done.reviewer == reviewer
    actions = list(AuditEntry.objects.filter(object_id=str(version.pk))
                   .values_list("action", flat=True))
    assert actions == ["item.create", "item.submit", "item.approve"]


def test_a_returned_item_carries_the_notes_and_goes_back_to_its_author(author, reviewer):
    version = akm_item(author, "N-RET")
    services.item_submit(actor=author, version=version)
    with pytest.raises(ValidationError) as empty:
        services.item_review(actor=reviewer, version=version, approve=False, notes="  ")
    assert "notes" in empty.value.message_dict
    back = services.item_review(actor=reviewer, version=version, approve=False,
                                notes="Pengecoh B terlalu mirip kunci.")
    assert back.status == VersionStatus.RETURNED
    edited = services.item_edit(actor=author, version=back, prompt="Pertanyaan baru")
    assert (edited.pk, edited.number, edited.prompt) == (back.pk, 1, "Pertanyaan baru")
    assert services.item_submit(actor=author, version=edited).status == VersionStatus.SUBMITTED


def test_roles_are_kept_apart(world, author, reviewer):  # issue 6: author vs reviewer
    with pytest.raises(PermissionDenied):
        akm_item(reviewer, "N-REV")
    version = akm_item(author, "N-SEP")
    services.item_submit(actor=author, version=version)
    with pytest.raises(PermissionDenied):
        services.item_review(actor=author, version=version, approve=True)
    for outsider in (world.centre, world.province, world.operator, world.proctor):
        with pytest.raises(PermissionDenied):
            akm_item(outsider, "N-OUT")
        with pytest.raises(PermissionDenied):
            services.item_review(actor=outsider, version=version, approve=True)


def test_review_only_of_submitted_versions(author, reviewer):
    version = akm_item(author, "N-DRF")
    with pytest.raises(ValidationError):
        services.item_review(actor=reviewer, version=version, approve=True)
    services.item_submit(actor=author, version=version)
    with pytest.raises(ValidationError):
        services.item_submit(actor=author, version=version)
    with pytest.raises(ValidationError, match="ditelaah"):
        services.item_edit(actor=author, version=version, prompt="Diam-diam")


# --- versions: an approved or locked item never changes -------------------------------------

def test_editing_an_approved_version_makes_the_next_version(author, reviewer):
    first = approved(author, reviewer, "N-VER")
    second = services.item_edit(actor=author, version=first, prompt="Kalimat diperbaiki")
    first.refresh_from_db()
    assert first.prompt == "Pertanyaan N-VER" and first.status == VersionStatus.APPROVED
    assert (second.number, second.status, second.based_on) == (2, VersionStatus.DRAFT, first)
    assert second.content == first.content
    with pytest.raises(ValidationError, match="versi 2"):  # one version in work at a time
        services.item_edit(actor=author, version=first, prompt="Lagi")


def test_a_locked_version_never_changes(author, reviewer):
    versions = [approved(author, reviewer, f"N-L{i}") for i in range(3)]
    form = services.form_create(actor=author, code="F-LOCK", title="Uji", bank="akm",
                                domain="numerasi", level="SD", demo_size=True)
    services.module_set_items(actor=author, module=form.modules.get(), versions=versions)
    services.form_mark_ready(actor=reviewer, form=form)
    services.form_lock(actor=reviewer, form=form)
    locked = ItemVersion.objects.get(pk=versions[0].pk)
    assert locked.locked_at is not None and locked.frozen
    fresh = services.item_edit(actor=author, version=locked,
                               content=CONTENT["multiple_choice"] | {"correct": ["B"]})
    locked.refresh_from_db()
    assert locked.content["correct"] == ["A"] and fresh.number == 2
    # The database refuses to unapprove a locked version, whatever code tries.
    with pytest.raises(IntegrityError):
        ItemVersion.objects.filter(pk=locked.pk).update(status=VersionStatus.DRAFT)


def test_a_stale_edit_is_refused(author):  # concurrent change
    version = akm_item(author, "N-STL")
    seen = version.updated_at
    services.item_edit(actor=author, version=version, prompt="Orang lain lebih dulu")
    with pytest.raises(ValidationError, match="diubah orang lain"):
        services.item_edit(actor=author, version=version, expected_updated_at=seen,
                           prompt="Saya")


def test_a_stimulus_shown_by_an_approved_item_gets_a_new_version(author, reviewer):
    stimulus = services.stimulus_create(actor=author, code="S-TXT", kind="text",
                                        title="Kebun", domain="literasi", level="SD",
                                        body="Paragraf satu.\n\nParagraf dua.")
    shown = approved(author, reviewer, "L-ONE", domain="literasi", stimulus=stimulus)
    draft = akm_item(author, "L-TWO", domain="literasi", stimulus=stimulus)
    newer = services.stimulus_edit(actor=author, stimulus=stimulus, body="Teks baru.")
    assert newer.version == 2 and newer.pk != stimulus.pk
    shown.refresh_from_db()
    draft.refresh_from_db()
    assert shown.stimulus == stimulus and draft.stimulus == newer
    stimulus.refresh_from_db()
    assert stimulus.body.startswith("Paragraf satu")
    # The approved item's next version shows the newest stimulus.
    assert services.item_edit(actor=author, version=shown, prompt="x").stimulus == newer
    with pytest.raises(ValidationError, match="lebih baru"):
        services.stimulus_edit(actor=author, stimulus=stimulus, title="Lama")


def test_a_stimulus_without_approved_items_is_edited_in_place(author):
    stimulus = services.stimulus_create(actor=author, code="S-TAB", kind="table",
                                        title="Harga", domain="numerasi", level="SMP",
                                        table=[["Barang", "Harga"], ["Buku", "5.000"]])
    same = services.stimulus_edit(actor=author, stimulus=stimulus,
                                  table=[["Barang", "Harga"], ["Pena", "3.000"]])
    assert same.pk == stimulus.pk and same.table[1] == ["Pena", "3.000"]


@pytest.mark.parametrize(("fields", "error"), [
    ({"kind": "table", "table": [["A", "B"]]}, "table"),
    ({"kind": "table", "table": [["A", "B"], ["1"]]}, "table"),
    ({"kind": "text", "body": "  "}, "body"),
    ({"kind": "image"}, "image"),
    ({"kind": "text", "body": "x", "title": ""}, "title"),
    ({"kind": "text", "body": "x", "level": "SMK"}, "level"),
])
def test_bad_stimuli_are_refused(author, fields, error):
    given = {"code": "S-BAD", "kind": "text", "title": "Judul", "domain": "literasi",
             "level": "SD"} | fields
    with pytest.raises(ValidationError) as refused:
        services.stimulus_create(actor=author, **given)
    assert error in refused.value.message_dict


def test_image_stimuli_take_png_or_jpeg_only(author):
    with pytest.raises(ValidationError):
        services.asset_create(actor=author, name="x.svg", data=b"<svg onload='x()'/>")
    with pytest.raises(ValidationError):
        services.asset_create(actor=author, name="big.png",
                              data=PNG + b"\x00" * services.IMAGE_MAX_BYTES)
    asset = services.asset_create(actor=author, name="peta.png", data=PNG)
    with pytest.raises(ValidationError) as no_alt:
        services.stimulus_create(actor=author, code="S-IMG", kind="image", title="Peta",
                                 domain="numerasi", level="SD", image=asset)
    assert "image_alt" in no_alt.value.message_dict
    stimulus = services.stimulus_create(actor=author, code="S-IMG", kind="image",
                                        title="Peta", domain="numerasi", level="SD",
                                        image=asset, image_alt="Peta desa")
    assert stimulus.image.media_type == "image/png"


# --- content and metadata -------------------------------------------------------------------

@pytest.mark.parametrize(("item_type", "content", "words"), [
    ("multiple_choice", {"choices": [{"id": "A", "text": "x"}, {"id": "B", "text": "y"}],
                         "correct": ["A", "B"]}, "tepat satu"),
    ("multiple_choice", {"choices": [{"id": "A", "text": "x"}, {"id": "A", "text": "y"}],
                         "correct": ["A"]}, "dua kali"),
    ("multiple_choice", {"choices": [{"id": "1A", "text": "x"}, {"id": "B", "text": "y"}],
                         "correct": ["B"]}, "tidak sah"),
    ("multiple_choice", {"choices": [{"id": "A", "text": ""}, {"id": "B", "text": "y"}],
                         "correct": ["Z"]}, "tidak ada"),
    ("complex_multiple_choice", {"choices": [{"id": c, "text": c} for c in "ABC"],
                                 "correct": ["A", "B", "C"]}, "satu pilihan salah"),
    ("matching", {"sources": [{"id": "S1", "text": "a"}, {"id": "S2", "text": "b"}],
                  "targets": [{"id": "T1", "text": "c"}, {"id": "T2", "text": "d"}],
                  "pairs": [["S1", "T1"], ["S1", "T2"]]}, "paling banyak satu"),
    ("matching", {"sources": [{"id": "S1", "text": "a"}, {"id": "S2", "text": "b"}],
                  "targets": [{"id": "T1", "text": "c"}, {"id": "T2", "text": "d"}],
                  "pairs": [["S1", "T9"]]}, "tidak sah"),
    ("short_answer", {"accepted": ["", "  "]}, "sedikitnya satu"),
    ("short_answer", {"accepted": ["dua\nbaris"]}, "satu baris"),
    ("essay", {"rubric": [{"points": 1, "description": "a"},
                          {"points": 2, "description": "b"}]}, "skor 0"),
    ("essay", {"rubric": [{"points": -1, "description": "a"}]}, "bilangan bulat"),
    ("essay", "not a mapping", "dua tingkat"),
])
def test_bad_content_is_refused_with_every_problem_named(author, item_type, content, words):
    with pytest.raises(ValidationError) as refused:
        akm_item(author, "N-BAD", item_type, content=content)
    assert any(words in m for m in refused.value.message_dict["content"]), refused.value


def test_akm_metadata_follows_the_framework(author):  # rule R-1
    with pytest.raises(ValidationError) as refused:
        akm_item(author, "N-META", content_area="literary", cognitive_level="find",
                 context="galaksi")
    assert {"content_area", "cognitive_level", "context"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError):
        akm_item(author, "N-SMK", level="SMK")  # SMK sits SMA-level instruments


def test_a_stimulus_must_share_the_items_domain_and_level(author):
    stimulus = services.stimulus_create(actor=author, code="S-LIT", kind="text", title="T",
                                        domain="literasi", level="SD", body="Teks")
    with pytest.raises(ValidationError) as refused:
        akm_item(author, "N-STIM", stimulus=stimulus)
    assert "stimulus" in refused.value.message_dict


def test_survey_items_are_tagged_and_may_be_reverse_keyed(author):  # rules
    character = services.item_create(actor=author, code="SK-01", bank="character_survey",
                                     item_type="scale", prompt="Saya menolong teman.",
                                     content={"scale": "frequency"}, aspect="cooperation",
                                     level="SMP", reverse_keyed=True, domain="numerasi")
    assert (character.aspect, character.respondent, character.domain) == (
        "cooperation", "student", "")
    assert character.reverse_keyed
    teacher = services.item_create(actor=author, code="SLB-G01", bank="environment_survey",
                                   item_type="scale", prompt="Sekolah aman.",
                                   content={}, index="safety", respondent="teacher",
                                   level="SD")
    assert teacher.level == "" and teacher.content == {"scale": "agreement"}
    with pytest.raises(ValidationError) as refused:
        services.item_create(actor=author, code="SK-02", bank="character_survey",
                             item_type="multiple_choice", prompt="x",
                             content=CONTENT["multiple_choice"], aspect="nope", level="SD")
    assert {"item_type", "aspect"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError) as refused:
        services.item_create(actor=author, code="SLB-X", bank="environment_survey",
                             item_type="scale", prompt="x", content={}, index="safety",
                             respondent="student")
    assert "level" in refused.value.message_dict


def test_codes_are_qti_identifiers_and_unique(author):
    with pytest.raises(ValidationError):
        akm_item(author, "1-ABC")
    akm_item(author, "n-low")  # stored upper case
    with pytest.raises(ValidationError, match="sudah dipakai"):
        akm_item(author, "N-LOW")


def test_calibrated_parameters_go_on_a_frozen_version(author, reviewer):  # rule R-1
    version = approved(author, reviewer, "N-IRT")
    services.item_set_parameters(actor=reviewer, version=version, a=1.2, b=-0.4, c=0.2)
    version.refresh_from_db()
    assert (version.irt_a, version.irt_b, version.irt_c) == (1.2, -0.4, 0.2)
    with pytest.raises(ValidationError):
        services.item_set_parameters(actor=reviewer, version=version, c=1.5)
    with pytest.raises(PermissionDenied):
        services.item_set_parameters(actor=author, version=version, a=1)


# --- forms and panels ----------------------------------------------------------------------

def _approved_many(author, reviewer, prefix, count, item_type="multiple_choice", **extra):
    return [approved(author, reviewer, f"{prefix}{i:02d}", item_type, **extra)
            for i in range(count)]


def test_a_real_form_must_have_the_akm_size(author, reviewer):  # issue 6: SD 30 items
    wanted = AKM_FORM_ITEMS["SD"]
    versions = _approved_many(author, reviewer, "N-F", wanted + 1)
    form = services.form_create(actor=author, code="F-SD-NUM", title="Numerasi SD",
                                bank="akm", domain="numerasi", level="SD")
    module = form.modules.get()
    services.module_set_items(actor=author, module=module, versions=versions[:wanted - 1])
    with pytest.raises(ValidationError, match=f"memerlukan {wanted} soal"):
        services.form_mark_ready(actor=reviewer, form=form)
    services.module_set_items(actor=author, module=module, versions=versions[:wanted])
    assert services.form_mark_ready(actor=reviewer, form=form).status == FormStatus.READY
    with pytest.raises(ValidationError, match="draf"):  # a ready form is not edited
        services.module_set_items(actor=author, module=module, versions=versions[1:])


def test_a_form_takes_only_approved_items_that_fit_it(author, reviewer):
    draft = akm_item(author, "N-DR")
    literasi = approved(author, reviewer, "L-AP", domain="literasi")
    smp = approved(author, reviewer, "N-SMP", level="SMP")
    twice = approved(author, reviewer, "N-TW")
    form = services.form_create(actor=author, code="F-FIT", title="x", bank="akm",
                                domain="numerasi", level="SD", demo_size=True)
    with pytest.raises(ValidationError) as refused:
        services.module_set_items(actor=author, module=form.modules.get(),
                                  versions=[draft, literasi, smp, twice, twice])
    assert len(refused.value.message_dict["versions"]) == 4


def _panel(author, reviewer, *, stage1=4, stage2=3, level="SD", demo=True):
    form = services.form_create(actor=author, code=f"P-{level}", title="Panel",
                                bank="akm", design="multistage", domain="numerasi",
                                level=level, demo_size=demo, stage2=("easy", "hard"))
    modules = {m.key: m for m in form.modules.all()}
    services.module_set_items(actor=author, module=modules["stage1"], versions=_approved_many(
        author, reviewer, "N-R", stage1, "short_answer", level=level))
    services.module_set_items(actor=author, module=modules["stage2-easy"],
                              versions=_approved_many(author, reviewer, "N-E", stage2,
                                                      level=level))
    services.module_set_items(actor=author, module=modules["stage2-hard"],
                              versions=_approved_many(author, reviewer, "N-H", stage2,
                                                      "essay", level=level))
    return form


def test_a_panel_needs_ranges_that_route_every_stage1_result(author, reviewer):
    form = _panel(author, reviewer)
    with pytest.raises(ValidationError, match="tidak mendapat modul"):
        services.form_mark_ready(actor=reviewer, form=form)  # both ranges start at 0..0
    services.panel_set_routes(actor=author, form=form, ranges={"easy": (0, 2), "hard": (3, 4)})
    ready = services.form_mark_ready(actor=reviewer, form=form)
    assert ready.status == FormStatus.READY
    assert [p.items for p in services.form_paths(ready)] == [7, 7]
    with pytest.raises(ValidationError):
        services.panel_set_routes(actor=author, form=form, ranges={"easy": (0, 4)})


def test_a_real_panel_needs_the_akm_size_on_every_path(author, reviewer):
    form = _panel(author, reviewer, demo=False)
    services.panel_set_routes(actor=author, form=form, ranges={"easy": (0, 2), "hard": (3, 4)})
    with pytest.raises(ValidationError) as refused:
        services.form_mark_ready(actor=reviewer, form=form)
    assert sum("Jalur" in m for m in refused.value.messages) == 2


def test_the_routing_module_holds_no_essay(author, reviewer):
    form = services.form_create(actor=author, code="P-ESSAY", title="x", bank="akm",
                                design="multistage", domain="numerasi", level="SD",
                                demo_size=True, stage2=("easy", "hard"))
    modules = {m.key: m for m in form.modules.all()}
    services.module_set_items(actor=author, module=modules["stage1"], versions=[
        approved(author, reviewer, "N-ES", "essay")])
    with pytest.raises(ValidationError, match="uraian"):
        services.form_mark_ready(actor=reviewer, form=form)


def test_multistage_is_for_akm_only_and_forms_are_scoped(author):
    with pytest.raises(ValidationError):
        services.form_create(actor=author, code="P-SK", title="x", bank="character_survey",
                             design="multistage", level="SD")
    with pytest.raises(ValidationError) as refused:
        services.form_create(actor=author, code="F-X", title="x", bank="akm")
    assert {"domain", "level"} <= set(refused.value.message_dict)
    slb = services.form_create(actor=author, code="F-SLB-KS", title="SLB Kepala Sekolah",
                               bank="environment_survey", respondent="principal")
    assert (slb.respondent, slb.level, slb.domain) == ("principal", "", "")


def test_lock_only_a_ready_form_and_reopen_only_a_ready_one(author, reviewer):
    form = services.form_create(actor=author, code="F-LK", title="x", bank="practice",
                                domain="numerasi", level="SD")
    with pytest.raises(ValidationError):
        services.form_lock(actor=reviewer, form=form)
    with pytest.raises(ValidationError):
        services.form_reopen(actor=reviewer, form=form)
    practice = services.item_create(actor=author, code="LAT-1", bank="practice",
                                    item_type="multiple_choice", prompt="Latihan",
                                    content=CONTENT["multiple_choice"], domain="numerasi",
                                    level="SD")
    services.item_submit(actor=author, version=practice)
    services.item_review(actor=reviewer, version=practice, approve=True)
    services.module_set_items(actor=author, module=form.modules.get(), versions=[practice])
    services.form_mark_ready(actor=reviewer, form=form)
    assert services.form_reopen(actor=reviewer, form=form).status == FormStatus.DRAFT
    services.form_mark_ready(actor=reviewer, form=form)
    locked = services.form_lock(actor=reviewer, form=form)
    assert services.form_lock(actor=reviewer, form=form).locked_at == locked.locked_at
    with pytest.raises(ValidationError):
        services.form_reopen(actor=reviewer, form=form)
    assert Module.objects.get(form=form).entries.get().version.locked_at is not None


# --- selectors: only the instrument team reads the bank -------------------------------------

def test_only_the_instrument_team_reads_the_bank(world, author, reviewer):  # rule D-7
    version = akm_item(author, "N-SEE")
    for person in (author, reviewer):
        assert list(selectors.item_list(actor=person)) == [version]
    for person in (world.centre, world.province, world.operator, world.proctor, None):
        assert not selectors.item_list(actor=person).exists()
        assert not selectors.form_list(actor=person).exists()
        assert not selectors.stimulus_list(actor=person).exists()


def test_the_list_shows_each_items_newest_version(author, reviewer):
    first = approved(author, reviewer, "N-NEW")
    second = services.item_edit(actor=author, version=first, prompt="v2")
    assert list(selectors.item_list(actor=author)) == [second]
    assert list(selectors.item_list(actor=author, status="approved")) == []
    assert list(selectors.review_queue(actor=reviewer)) == []
    services.item_submit(actor=author, version=second)
    assert list(selectors.review_queue(actor=reviewer)) == [second]


def test_two_authors_opening_a_version_at_once_get_a_clear_error(author, reviewer,
                                                                 monkeypatch):
    """The race the one-open-version constraint settles: the second insert fails in the
    database, and the author reads why instead of an error page."""
    first = approved(author, reviewer, "N-RACE")
    real_create = ItemVersion.objects.create

    def racing_create(**fields):
        real_create(**fields | {"author": reviewer})  # the other author's version lands first
        return real_create(**fields)

    monkeypatch.setattr(ItemVersion.objects, "create", racing_create)
    with pytest.raises(ValidationError, match="diubah orang lain"):
        services.item_edit(actor=author, version=first, prompt="Saya juga")
    monkeypatch.undo()
    # Nothing of the refused edit stays (the simulated rival shared its transaction here).
    assert ItemVersion.objects.filter(item__code="N-RACE").count() == 1
