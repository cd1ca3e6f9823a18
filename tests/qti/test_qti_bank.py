"""QTI import and export through the item bank (issue 6): export → import → export gives the
same bytes; imports arrive as drafts of the importing author; hostile or invalid files import
nothing (D-2 item types, R-1/R-4 metadata, D-7 access)."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anbk.items.models import Item, ItemVersion, Stimulus, TestForm, VersionStatus
from anbk.items.package_models import QtiImport
from anbk.items.qti import bank, writer
from anbk.items.qti.errors import QtiError
from tests.qti.corpus import CASES
from tests.qti.helpers import approve, bank_with_forms, item, upload


def zipfile_files(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n) for n in archive.namelist()}


def test_export_import_export_through_the_bank_is_byte_identical(world):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    first = bank.export_form(actor=world.item_author, form=made["panel"])
    first_form = bank.export_form(actor=world.item_author, form=made["form"])
    survey = bank.export_versions(actor=world.item_author, versions=[made["survey"]],
                                  identifier="anbk-survei")
    # An empty bank again, as on another server.
    TestForm.objects.all().delete()
    Item.objects.all().delete()
    Stimulus.objects.all().delete()
    record = bank.qti_import(actor=world.item_author, upload=upload(first))
    bank.qti_import(actor=world.item_author, upload=upload(survey, "survei.zip"))
    imported = ItemVersion.objects.filter(item__code__in=record.items)
    assert {v.status for v in imported} == {VersionStatus.DRAFT}
    assert {v.author for v in imported} == {world.item_author}
    for version in imported:
        approve(world.item_author, world.item_reviewer, version)
    bank.qti_import_fill_forms(actor=world.item_author, record=record)
    again = bank.export_form(actor=world.item_author, form=TestForm.objects.get(
        code="NUM-SD-MST"))
    survey_again = bank.export_versions(
        actor=world.item_author, versions=[ItemVersion.objects.get(item__code="SK-GOTONG")],
        identifier="anbk-survei")
    assert again == first
    assert survey_again == survey
    assert b"NUM-SD-DEMO" in zipfile_files(first_form)["imsmanifest.xml"]


def test_a_fixed_form_imports_with_its_metadata(world):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    data = bank.export_form(actor=world.item_author, form=made["form"])
    files = zipfile_files(data)
    files = {n: d.replace(b"NUM-", b"BARU-") for n, d in files.items()}
    renamed = {n.replace("NUM-", "BARU-"): d for n, d in files.items()}
    # The stimuli keep their codes and content: the bank reuses them.
    record = bank.qti_import(actor=world.item_author,
                             upload=upload(writer.zip_files(renamed)))
    form = TestForm.objects.get(code="BARU-SD-DEMO")
    assert (form.bank, form.design, form.domain, form.level, form.demo_size) == (
        "akm", "fixed", "numerasi", "SD", True)
    assert record.stimuli == ["STM-GAMBAR", "STM-TABEL", "STM-TEKS"]
    assert Stimulus.objects.filter(code="STM-TEKS").count() == 1
    first = ItemVersion.objects.get(item__code="BARU-PG")
    assert (first.domain, first.level, first.content_area, first.context) == (
        "numerasi", "SD", "number", "personal")
    assert bank.pending_items(record) == {"BARU-SD-DEMO": record.items}


def test_forms_are_filled_only_after_approval(world):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    files = {n.replace("NUM-", "B-"): d.replace(b"NUM-", b"B-") for n, d in zipfile_files(
        bank.export_form(actor=world.item_author, form=made["form"])).items()}
    record = bank.qti_import(actor=world.item_author, upload=upload(writer.zip_files(files)))
    with pytest.raises(ValidationError, match="belum disetujui"):
        bank.qti_import_fill_forms(actor=world.item_author, record=record)
    assert not TestForm.objects.get(code="B-SD-DEMO").modules.get().entries.exists()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_files_import_nothing(world, tmp_path, case):
    path = case.make(tmp_path)
    with open(path, "rb") as fh:
        data = fh.read(64) if case.data is None else fh.read()
    sized = upload(data, case.name)
    if case.data is None:
        sized.size = 200 * 1024 * 1024  # what the upload handler reports for the big file
    with pytest.raises(QtiError) as refused:
        bank.qti_import(actor=world.item_author, upload=sized)
    assert refused.value.problems[0].file == case.file
    assert not (Item.objects.exists() or Stimulus.objects.exists()
                or QtiImport.objects.exists())


def test_a_bank_rule_refusal_in_one_item_imports_nothing(world):
    """The second item breaks the bank's rules (two keys on a multiple-choice item): the
    first, valid one is not imported either, and the problem names the file."""
    from tests.qti.samples import items

    good, bad = items()[-1], items()[0]
    bad.stimulus, bad.content = None, bad.content | {"correct": ["A", "B"]}
    data = writer.build_package(writer.QtiPackage(items=[good, bad]), identifier="x")
    with pytest.raises(QtiError) as refused:
        bank.qti_import(actor=world.item_author, upload=upload(data))
    assert [p.file for p in refused.value.problems] == ["items/LIT-PG-01.xml"]
    assert "tepat satu pilihan benar" in str(refused.value)
    assert not Item.objects.exists()


def test_a_code_already_in_the_bank_is_reused_if_identical_and_refused_if_not(world):
    version = item(world.item_author, "NUM-ADA", "multiple_choice")
    data = bank.export_versions(actor=world.item_author, versions=[version], identifier="x")
    record = bank.qti_import(actor=world.item_author, upload=upload(data))
    assert record.items == [] and ItemVersion.objects.count() == 1
    changed = {n: d.replace(b"Rp12.500", b"Rp13.500") for n, d in zipfile_files(data).items()}
    with pytest.raises(QtiError, match="sudah ada di bank soal dengan isi berbeda"):
        bank.qti_import(actor=world.item_author, upload=upload(writer.zip_files(changed)))
    assert ItemVersion.objects.count() == 1


def test_a_lone_item_file_takes_bank_and_tags_from_the_form(world):
    from tests.qti.samples import items

    data = writer.item_xml(items()[0].__class__(**(vars(items()[0]) | {"stimulus": None})))
    with pytest.raises(QtiError, match="Bank soal tidak diketahui"):
        bank.qti_import(actor=world.item_author, upload=upload(data, "soal.xml"))
    bank.qti_import(actor=world.item_author, upload=upload(data, "soal.xml"), defaults={
        "bank": "akm", "domain": "literasi", "level": "SMP", "content_area": "literary",
        "cognitive_level": "find", "context": "personal"})
    version = ItemVersion.objects.get(item__code="LIT-PG-01")
    assert (version.item.bank, version.domain, version.level, version.status) == (
        "akm", "literasi", "SMP", VersionStatus.DRAFT)


def test_only_authors_import_and_only_the_instrument_team_exports(world):
    """D-7: not even the centre admin reads test content."""
    version = item(world.item_author, "NUM-RAHASIA", "multiple_choice")
    data = bank.export_versions(actor=world.item_reviewer, versions=[version], identifier="x")
    for outsider in (world.centre, world.operator, world.item_reviewer):
        with pytest.raises(PermissionDenied):
            bank.qti_import(actor=outsider, upload=upload(data))
    for outsider in (world.centre, world.province):
        with pytest.raises(PermissionDenied):
            bank.export_versions(actor=outsider, versions=[version], identifier="x")


def test_import_and_export_are_audited(world):
    from anbk.core.models import AuditEntry

    version = item(world.item_author, "NUM-AUDIT", "multiple_choice")
    data = bank.export_versions(actor=world.item_author, versions=[version], identifier="x")
    renamed = data.replace(b"NUM-AUDIT", b"NUM-AUDIX")
    files = {n.replace("NUM-AUDIT", "NUM-AUDIX"): d.replace(b"NUM-AUDIT", b"NUM-AUDIX")
             for n, d in zipfile_files(data).items()}
    assert renamed != data
    record = bank.qti_import(actor=world.item_author, upload=upload(writer.zip_files(files)))
    entries = {e.action: e for e in AuditEntry.objects.filter(actor=world.item_author)}
    assert entries["qti.export_items"].summary["items"] == ["NUM-AUDIT v1"]
    assert entries["qti.import"].object_id == str(record.pk)
