"""Teacher/principal import: one person by NIK, serving at every school listed (rule P-8)."""

from collections import Counter

from anbk.registry.importing.services import import_file
from anbk.registry.models import Person, Position, Service
from tests.registry.import_files import TEACHER_HEADER, snapshot, teacher, write_csv

EUIS = "3204014505780001"
ASEP = "3204011203850002"


def run(world, tmp_path, rows, actor=None, **kwargs):
    path = write_csv(tmp_path, TEACHER_HEADER, rows)
    return import_file(actor=actor or world.province, kind="teachers", path=path, **kwargs)


def messages(result):
    return [p.text() for p in result.errors.sorted()]


def services_of(nik):
    return sorted(Service.objects.filter(person__nik=nik)
                  .values_list("school__npsn", "position", "is_active"))


def test_one_person_serves_several_schools(world, tmp_path):  # rule P-8
    result = run(world, tmp_path, [
        teacher(NIK=ASEP, Nama="Asep Saepudin", JK="L", **{"Status Kepegawaian": "GTT/PTT"}),
        teacher(NIK=ASEP, NPSN="20200002", Nama="Asep Saepudin", JK="L",
                **{"Status Kepegawaian": "GTT/PTT"}),
        teacher(Jabatan="Kepala Sekolah", NUPTK="1234567890123456"),
    ])
    assert result.ok, messages(result)
    assert result.counts == Counter(created=3)
    asep = Person.objects.get(nik=ASEP)
    assert (asep.employment_status, asep.nationality) == ("non_asn", "wni")
    assert services_of(ASEP) == [("20200001", "guru", True), ("20200002", "guru", True)]
    assert services_of(EUIS) == [("20200001", "kepala_sekolah", True)]


def test_reimport_is_idempotent(world, tmp_path):
    rows = [teacher(), teacher(NPSN="20200002")]
    assert run(world, tmp_path, rows).ok
    again = run(world, tmp_path, rows)
    assert again.counts == Counter(unchanged=2)
    renamed = run(world, tmp_path, [teacher(Nama="Euis Rohaeti, S.Pd."),
                                    teacher(NPSN="20200002", Nama="Euis Rohaeti, S.Pd.")])
    assert renamed.counts == Counter(updated=1, unchanged=1)
    assert Person.objects.get(nik=EUIS).name == "Euis Rohaeti, S.Pd."


def test_rows_of_one_nik_must_agree_on_the_person(world, tmp_path):
    result = run(world, tmp_path, [teacher(), teacher(NPSN="20200002", JK="L")])
    assert messages(result) == [
        f"Baris 2, kolom JK: NIK {EUIS} muncul lagi di baris 3 dengan JK berbeda",
        f"Baris 3, kolom JK: NIK {EUIS} sudah ada di baris 2 dengan JK berbeda ('P')",
    ]


def test_the_same_nik_twice_at_one_school_is_a_duplicate(world, tmp_path):
    result = run(world, tmp_path, [teacher(), teacher()])
    assert messages(result) == [
        f"Baris 2, kolom NIK: NIK {EUIS} di NPSN 20200001 muncul lagi di baris 3",
        f"Baris 3, kolom NIK: NIK {EUIS} di NPSN 20200001 sudah ada di baris 2",
    ]


def test_a_school_has_one_principal_in_a_file(world, tmp_path):
    result = run(world, tmp_path, [teacher(Jabatan="Kepala Sekolah"),
                                   teacher(NIK=ASEP, Jabatan="Kepsek")])
    assert messages(result) == [
        "Baris 2, kolom Jabatan: sekolah 20200001 punya kepala sekolah lain di baris 3",
        "Baris 3, kolom Jabatan: sekolah 20200001 sudah punya kepala sekolah di baris 2",
    ]


def test_a_new_principal_takes_over_and_the_old_one_stays_as_teacher(world, tmp_path):
    assert run(world, tmp_path, [teacher(Jabatan="Kepala Sekolah")]).ok
    result = run(world, tmp_path, [teacher(NIK=ASEP, Jabatan="Kepala Sekolah"),
                                   teacher(Jabatan="Guru")])
    assert result.ok, messages(result)
    assert result.counts == Counter(created=1, updated=1)
    assert services_of(EUIS) == [("20200001", "guru", True)]
    assert services_of(ASEP) == [("20200001", "kepala_sekolah", True)]


def test_a_former_principal_missing_from_the_file_no_longer_serves(world, tmp_path):
    assert run(world, tmp_path, [teacher(Jabatan="Kepala Sekolah")]).ok
    result = run(world, tmp_path, [teacher(NIK=ASEP, Jabatan="Kepala Sekolah")])
    assert result.counts == Counter(created=1, deactivated=1)
    assert services_of(EUIS) == [("20200001", "kepala_sekolah", False)]
    assert Service.objects.filter(school=world.sd, position=Position.PRINCIPAL,
                                  is_active=True).get().person.nik == ASEP


def test_a_foreign_teacher_at_an_spk_or_siln(world, tmp_path):  # rule P-8
    result = run(world, tmp_path, [teacher(NPSN=world.siln.npsn, Kewarganegaraan="WNA",
                                           **{"Status Kepegawaian": "Non-ASN"})],
                 actor=world.centre)
    assert result.ok, messages(result)
    assert Person.objects.get(nik=EUIS).nationality == "wna"


def test_a_nik_typed_as_a_number_in_excel_is_refused(world, tmp_path):
    from tests.registry.import_files import write_xlsx

    path = write_xlsx(tmp_path, [TEACHER_HEADER, ["20200001", 3204014505780001, "", "Euis",
                                                  "P", "Guru", "PNS", "WNI"]])
    result = import_file(actor=world.province, kind="teachers", path=path)
    assert messages(result) == ["Baris 2, kolom NIK: NIK harus ditulis sebagai teks, bukan "
                                "angka (Excel membulatkan angka lebih dari 15 digit)"]


def test_an_outsider_changes_nothing(world, tmp_path):
    before = snapshot()
    result = run(world, tmp_path, [teacher()], actor=world.district_outsider)
    assert not result.written
    assert snapshot() == before
