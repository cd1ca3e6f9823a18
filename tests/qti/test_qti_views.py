"""The QTI pages over HTTP (issue 6): upload and import as drafts, refusals listed by file and
element with nothing imported, downloads of items and forms; only the instrument team gets
anything (D-7; the scoping matrix checks every role)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anbk.items.models import Item, ItemVersion, VersionStatus
from anbk.items.package_models import QtiImport
from anbk.items.qti import writer
from tests.qti.corpus import HOTSPOT, _with
from tests.qti.helpers import bank_with_forms, item
from tests.qti.samples import items


def _post(client, data: bytes, name: str, **fields):
    return client.post(reverse("items:qti_import"),
                       {"file": SimpleUploadedFile(name, data), **fields})


def test_an_author_imports_a_package_and_sees_its_record(client, world):
    client.force_login(world.item_author)
    survey = items()[-1]
    data = writer.build_package(writer.QtiPackage(items=[survey]), identifier="x")
    response = _post(client, data, "survei.zip")
    record = QtiImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("items:qti_import_detail", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "SK-01" in page and "survei.zip" in page
    version = ItemVersion.objects.get(item__code="SK-01")
    assert (version.status, version.author, version.reverse_keyed) == (
        VersionStatus.DRAFT, world.item_author, True)
    home = client.get(reverse("items:qti_home")).content.decode()
    assert "survei.zip" in home


def test_a_refused_upload_lists_every_problem_and_imports_nothing(client, world):
    client.force_login(world.item_author)
    response = _post(client, _with({"items/SK-01.xml": HOTSPOT}), "rusak.zip")
    body = response.content.decode()
    assert response.status_code == 400
    assert "items/SK-01.xml" in body and "&lt;qti-hotspot-interaction&gt;" in body
    assert "tidak ada yang diimpor" in body
    assert not Item.objects.exists() and not QtiImport.objects.exists()


def test_an_upload_of_another_kind_of_file_is_refused_by_the_form(client, world):
    client.force_login(world.item_author)
    response = _post(client, b"NISN,Nama\n1,Ani\n", "siswa.csv")
    assert response.status_code == 400 and "Unggah berkas .zip" in response.content.decode()


def test_a_lone_item_file_uses_the_forms_bank_and_tags(client, world):
    client.force_login(world.item_author)
    survey = items()[-1]
    response = _post(client, writer.item_xml(survey), "SK-01.xml", bank="character_survey",
                     level="SD", aspect="independence")
    assert response.status_code == 302
    version = ItemVersion.objects.get(item__code="SK-01")
    assert (version.item.bank, version.aspect) == ("character_survey", "independence")


def test_downloads_are_qti_packages(client, world):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    client.force_login(world.item_reviewer)
    response = client.get(reverse("items:qti_export_form", args=["NUM-SD-MST"]))
    assert response["Content-Type"] == "application/zip"
    assert "qti-NUM-SD-MST.zip" in response["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names[0] == "imsmanifest.xml" and "tests/NUM-SD-MST.xml" in names
    version = made["versions"][0]
    response = client.get(reverse("items:qti_export_item",
                                  args=[version.item.code, version.number]))
    assert "items/NUM-PG.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    home = client.get(reverse("items:qti_home")).content.decode()
    assert "NUM-SD-MST" in home and "Unggah dan impor" not in home  # reviewers do not import


def test_no_one_outside_the_instrument_team_gets_anything(client, world):
    version = item(world.item_author, "NUM-RAHASIA", "multiple_choice")
    for person in (world.centre, world.province, world.operator, world.proctor):
        client.force_login(person)
        for url in (reverse("items:qti_home"),
                    reverse("items:qti_export_item", args=["NUM-RAHASIA", version.number])):
            assert client.get(url).status_code == 404
