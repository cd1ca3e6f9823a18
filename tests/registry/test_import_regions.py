"""Region import: Kemendagri codes, provinces and their districts (issue 2 §3)."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied

from anbk.registry.importing.services import import_file
from anbk.registry.models import Region
from tests.registry.import_files import REGION_HEADER, region, write_csv


def run(tmp_path, rows, actor=None, **kwargs):
    path = write_csv(tmp_path, REGION_HEADER, rows, sep=",")
    return import_file(actor=actor, kind="regions", path=path, **kwargs)


def messages(result):
    return [p.text() for p in result.errors.sorted()]


def test_it_creates_provinces_and_districts_in_any_order(db, tmp_path):
    result = run(tmp_path, [region("3204", "Bandung", "Kabupaten"),
                            region("32", "Jawa Barat", "Provinsi"),
                            region("32.73", "Bandung", "kota")])
    assert result.ok, messages(result)
    assert result.counts == Counter(created=3)
    bandung = Region.objects.get(code="32.04")
    assert (bandung.kind, bandung.parent.code) == ("kabupaten", "32")
    assert str(Region.objects.get(code="32.73")) == "32.73 Kota Bandung"


def test_reimport_updates_names_by_code(world, tmp_path):
    result = run(tmp_path, [region("32", "Jawa Barat", "provinsi"),
                            region("32.04", "Kab. Bandung", "kabupaten")])
    assert result.counts == Counter(unchanged=1, updated=1)
    assert Region.objects.get(code="32.04").name == "Kab. Bandung"


def test_a_district_needs_its_province(db, tmp_path):
    result = run(tmp_path, [region("33.02", "Banyumas", "kabupaten"),
                            region("32", "Jawa Barat", "kota")])
    assert messages(result) == [
        "Baris 2, kolom Kode: provinsi 33 belum terdaftar dan tidak ada di berkas ini",
        "Baris 3, kolom Jenis: jenis kota tidak cocok dengan kode 32 (provinsi berkode 2 "
        "digit, kabupaten/kota berkode PP.KK)",
    ]
    assert not Region.objects.exists()


def test_a_duplicate_code_is_reported_on_both_rows(db, tmp_path):
    result = run(tmp_path, [region("32", "Jawa Barat", "provinsi"),
                            region("32", "Jabar", "provinsi")])
    assert messages(result) == ["Baris 2, kolom Kode: kode 32 muncul lagi di baris 3",
                                "Baris 3, kolom Kode: kode 32 sudah ada di baris 2"]


def test_only_the_centre_imports_regions(world, tmp_path):
    assert run(tmp_path, [region("34", "DI Yogyakarta", "provinsi")], actor=world.centre).ok
    with pytest.raises(PermissionDenied):
        run(tmp_path, [region("35", "Jawa Timur", "provinsi")], actor=world.province)
