"""School import: upsert by NPSN; authority and level come from the bentuk (rule S-1)."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from anbk.core.rules import Agency, Tier
from anbk.registry.importing.services import import_file, siln_load
from anbk.registry.models import School
from tests.registry.import_files import SCHOOL_HEADER, school, snapshot, write_csv


def run(world, tmp_path, rows, actor=None, header=SCHOOL_HEADER, **kwargs):
    path = write_csv(tmp_path, header, rows)
    return import_file(actor=actor or world.centre, kind="schools", path=path, **kwargs)


def messages(result):
    return [p.text() for p in result.errors.sorted()]


def test_it_creates_a_school_with_authority_from_its_bentuk(world, tmp_path):  # rule S-1
    result = run(world, tmp_path, [
        school(),
        school(NPSN="60709999", **{"Nama Sekolah": "MTs Al-Falah", "Bentuk Pendidikan": "MTs",
                                   "Status Sekolah": "Swasta", "Sumber Data": "",
                                   "Lintang": "", "Bujur": ""}),
        school(NPSN="20209998", **{"Nama Sekolah": "SMK Negeri 9", "Bentuk Pendidikan": "smk",
                                   "SMK Pusat Keunggulan": "Ya", "Sekolah Penggerak": ""}),
    ])
    assert result.ok, messages(result)
    assert result.counts == Counter(created=3)
    sd = School.objects.get(npsn="20209999")
    assert (sd.level, sd.agency, sd.tier, sd.district, sd.province) == (
        "SD", Agency.KEMDIKBUD, Tier.DISTRICT, world.kab_bandung, world.jabar)
    assert (sd.latitude, sd.longitude, sd.source) == (Decimal("-6.93"), Decimal("107.71"),
                                                      "dapodik")
    mts = School.objects.get(npsn="60709999")
    assert (mts.agency, mts.status, mts.source, mts.latitude) == (
        Agency.KEMENAG, "swasta", "emis", None)
    smk = School.objects.get(npsn="20209998")
    assert (smk.bentuk, smk.tier, smk.is_smk_pk, smk.is_penggerak) == (
        "SMK", Tier.PROVINCE, True, False)


def test_reimport_updates_by_npsn(world, tmp_path):
    assert run(world, tmp_path, [school()]).ok
    again = run(world, tmp_path, [school(), school(NPSN=world.sd.npsn, **{
        "Nama Sekolah": "SD Negeri 1 Soreang Baru"})])
    assert again.counts == Counter(unchanged=1, updated=1)
    world.sd.refresh_from_db()
    assert world.sd.name == "SD Negeri 1 Soreang Baru"


def test_a_district_team_may_not_add_a_province_school(world, tmp_path):  # rule S-1
    before = snapshot()
    result = run(world, tmp_path, [school(), school(NPSN="20209998", **{
        "Bentuk Pendidikan": "SMA"})], actor=world.district)
    assert messages(result) == ["Baris 3, kolom Bentuk Pendidikan: bentuk SMA di wilayah ini "
                                "di luar kewenangan Anda"]
    assert snapshot() == before


def test_a_team_may_not_take_over_a_school_of_another_region(world, tmp_path):
    result = run(world, tmp_path, [school(NPSN=world.sd_jateng.npsn)], actor=world.province)
    assert messages(result) == ["Baris 2, kolom NPSN: NPSN 20300001 sudah terdaftar untuk "
                                "sekolah di luar kewenangan Anda"]


def test_a_province_team_adds_schools_anywhere_in_its_province(world, tmp_path):
    result = run(world, tmp_path, [school(), school(NPSN="20209998", **{
        "Kode Kabupaten/Kota": "32.73", "Bentuk Pendidikan": "SMA"})], actor=world.province)
    assert result.ok, messages(result)


def test_only_the_centre_adds_siln_and_needs_a_level(world, tmp_path):
    header = [*SCHOOL_HEADER, "Jenjang"]
    row = school(NPSN="69900099", **{"Bentuk Pendidikan": "SILN",
                                     "Kode Kabupaten/Kota": ""})
    result = run(world, tmp_path, [[*row, ""]], header=header)
    assert messages(result) == ["Baris 2, kolom Jenjang: wajib diisi untuk bentuk SILN "
                                "(SD, SMP, SMA atau SMK)"]
    assert run(world, tmp_path, [[*row, "SMP"]], header=header).ok
    assert School.objects.get(npsn="69900099").level == "SMP"
    result = run(world, tmp_path, [[*row, "SMP"]], header=header, actor=world.province)
    assert not result.written


def test_a_dinas_school_needs_a_known_district(world, tmp_path):
    result = run(world, tmp_path, [school(**{"Kode Kabupaten/Kota": ""}),
                                   school(NPSN="20209998", **{"Kode Kabupaten/Kota": "32.99"}),
                                   school(NPSN="20209997", **{"Kode Kabupaten/Kota": "32"})])
    assert messages(result) == [
        "Baris 2, kolom Kode Kabupaten/Kota: wajib diisi untuk bentuk SD",
        "Baris 3, kolom Kode Kabupaten/Kota: kabupaten/kota 32.99 belum terdaftar",
        "Baris 4, kolom Kode Kabupaten/Kota: harus kode kabupaten/kota (PP.KK), bukan kode "
        "provinsi 32",
    ]


def test_smk_pusat_keunggulan_is_only_for_smk(world, tmp_path):
    result = run(world, tmp_path, [school(**{"SMK Pusat Keunggulan": "Ya"})])
    assert messages(result) == ["Baris 2, kolom SMK Pusat Keunggulan: hanya untuk sekolah "
                                "berjenjang SMK"]


def test_the_siln_loader_upserts_the_thirteen_schools_of_the_pos(world):  # rule P-1
    counts = siln_load(actor=None)
    # The world already holds S.I. Wassenaar under 69900001: it is completed, not duplicated.
    assert counts == Counter(created=12, updated=1)
    assert siln_load(actor=world.centre)["unchanged"] == 13
    wassenaar = School.objects.get(npsn="69900001")
    assert (wassenaar.bentuk, wassenaar.tier, wassenaar.country, wassenaar.district) == (
        "SILN", Tier.CENTRE, "Belanda", None)
    with pytest.raises(PermissionDenied):
        siln_load(actor=world.province)
