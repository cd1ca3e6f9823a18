"""`anbk synth`: deterministic, valid, realistic import files of any size."""

import csv
import datetime
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.db.models import Count

from anbk.cli import main as anbk
from anbk.core.rules import BENTUK, Level, grades_for
from anbk.registry.importing.services import import_file
from anbk.registry.models import Person, Region, School, Service, Student
from anbk.registry.synth import (
    BENTUK_SHARE,
    HEADERS,
    KINDS,
    REFERENCE_YEAR,
    SynthError,
    synth_command,
    write_synthetic,
)
from anbk.registry.synth_places import DISTRICTS, DISTRICTS_BY_CODE

YES_NO = {"Ya", "Tidak"}


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def parse_date(text: str) -> datetime.date:
    return datetime.datetime.strptime(text, "%d-%m-%Y").date()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    write_synthetic(out=out, schools=60, students_per_school=25, seed=11, xlsx=True)
    return out


def test_it_is_deterministic_for_a_seed(tmp_path):
    for name in ("a", "b"):
        write_synthetic(out=tmp_path / name, schools=25, students_per_school=8, seed=5,
                        xlsx=True)
    write_synthetic(out=tmp_path / "c", schools=25, students_per_school=8, seed=6)
    for kind in KINDS:
        for ext in ("csv", "xlsx"):
            same = (tmp_path / "a" / f"{kind}.{ext}").read_bytes()
            assert same == (tmp_path / "b" / f"{kind}.{ext}").read_bytes(), (kind, ext)
    other = (tmp_path / "c" / "students.csv").read_bytes()
    assert other != (tmp_path / "a" / "students.csv").read_bytes()


def test_it_writes_the_import_headers_in_utf8_csv(files):
    for kind in KINDS:
        raw = (files / f"{kind}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        header = raw.decode("utf-8").splitlines()[0]
        assert header.split(",") == list(HEADERS[kind])


def test_it_counts_exactly_schools_times_students(files):
    assert len(read(files / "schools.csv")) == 60
    assert len(read(files / "students.csv")) == 60 * 25
    sizes = Counter(r["NPSN"] for r in read(files / "students.csv"))
    assert len(set(sizes.values())) > 1  # sizes vary around the mean


def test_it_covers_every_bentuk_but_siln_in_realistic_proportions(files):
    bentuk = Counter(r["Bentuk Pendidikan"] for r in read(files / "schools.csv"))
    assert set(bentuk) == set(BENTUK_SHARE) == set(BENTUK) - {"SILN"}
    assert bentuk.most_common(1)[0][0] == "SD"


def test_school_rows_have_valid_values(files):
    regions = {r["Kode"]: r for r in read(files / "regions.csv")}
    schools = read(files / "schools.csv")
    assert len({r["NPSN"] for r in schools}) == len(schools)
    for r in schools:
        assert re.fullmatch(r"[26]\d{7}", r["NPSN"])
        assert not r["NPSN"].startswith("699")  # SILN reference codes
        b = BENTUK[r["Bentuk Pendidikan"]]
        assert r["Status Sekolah"] in {"Negeri", "Swasta"}
        assert r["Sumber Data"] == ("EMIS" if b.agency == "kemenag" else "Dapodik")
        assert r["Sekolah Penggerak"] in YES_NO and r["SMK Pusat Keunggulan"] in YES_NO
        if r["SMK Pusat Keunggulan"] == "Ya":
            assert b.code == "SMK"
        assert (r["Jenjang"] != "") == (b.level is None)
        district = DISTRICTS_BY_CODE[r["Kode Kabupaten/Kota"]]
        assert district.code in regions and district.province_code in regions
        assert abs(float(r["Lintang"]) - district.lat) <= district.span
        assert abs(float(r["Bujur"]) - district.lon) <= district.span
        assert r["Nama Sekolah"] and r["Alamat"]


def test_student_rows_are_consistent_with_their_school(files):
    schools = {r["NPSN"]: r for r in read(files / "schools.csv")}
    students = read(files / "students.csv")
    assert len({r["NISN"] for r in students}) == len(students)
    for r in students:
        school = schools[r["NPSN"]]
        b = BENTUK[school["Bentuk Pendidikan"]]
        level = Level(school["Jenjang"]) if school["Jenjang"] else b.level
        grade = int(r["Tingkat"])
        assert grade in grades_for(b, level)
        born = parse_date(r["Tanggal Lahir"])
        assert re.fullmatch(r"\d{10}", r["NISN"])
        assert r["NISN"][:3] == f"{born.year % 1000:03d}"  # as real NISNs do
        age_over_grade = REFERENCE_YEAR - born.year - grade
        if b.equivalency:
            assert age_over_grade >= 5
        else:
            assert 5 <= age_over_grade <= 9, r
        assert r["JK"] in {"L", "P"}
        assert r["Aktif"] in YES_NO and r["Rapor Lengkap"] in YES_NO
        assert r["Hambatan Membaca"] in YES_NO
        assert r["Disabilitas"] in {"Tidak", "Tunarungu", "Tunadaksa", "Tunanetra",
                                    "Tunagrahita", "Lainnya"}
        assert r["Nama"].strip() == r["Nama"] and r["Tempat Lahir"]


def test_students_weight_the_an_grades(files):
    grades = Counter(int(r["Tingkat"]) for r in read(files / "students.csv"))
    assert grades[5] > grades[4] > grades[1]
    assert grades[8] > grades[7]
    assert grades[11] > grades[10]


def test_some_students_are_inactive_or_lack_report_cards(tmp_path):
    write_synthetic(out=tmp_path, schools=20, students_per_school=200, seed=3)
    students = read(tmp_path / "students.csv")
    inactive = sum(r["Aktif"] == "Tidak" for r in students) / len(students)
    incomplete = sum(r["Rapor Lengkap"] == "Tidak" for r in students) / len(students)
    assert 0.01 < inactive < 0.03
    assert 0.02 < incomplete < 0.045
    assert any(r["Disabilitas"] != "Tidak" for r in students)
    assert any(r["Hambatan Membaca"] == "Ya" for r in students)


def test_teachers_one_principal_per_school_and_some_serve_two(files):  # rule P-8
    schools = {r["NPSN"]: r for r in read(files / "schools.csv")}
    teachers = read(files / "teachers.csv")
    principals = Counter(r["NPSN"] for r in teachers if r["Jabatan"] == "Kepala Sekolah")
    assert set(principals) == set(schools) and set(principals.values()) == {1}
    by_nik: dict[str, list[dict]] = defaultdict(list)
    for r in teachers:
        by_nik[r["NIK"]].append(r)
    assert len({(r["NIK"], r["NPSN"]) for r in teachers}) == len(teachers)
    two = [rows for rows in by_nik.values() if len(rows) == 2]
    assert 0.05 < len(two) / len(by_nik) < 0.15
    assert max(len(rows) for rows in by_nik.values()) == 2
    for rows in two:
        first, second = rows
        assert {k: v for k, v in first.items() if k not in ("NPSN", "Jabatan")} == \
               {k: v for k, v in second.items() if k not in ("NPSN", "Jabatan")}
        assert second["Jabatan"] == "Guru"
    nuptks = [r["NUPTK"] for rows in by_nik.values() for r in rows[:1] if r["NUPTK"]]
    assert len(set(nuptks)) == len(nuptks)
    for nik, rows in by_nik.items():
        r = rows[0]
        assert re.fullmatch(r"\d{16}", nik)
        district = schools[r["NPSN"]]["Kode Kabupaten/Kota"]
        assert nik[:4] == district.replace(".", "")  # the district's Kemendagri code
        day = int(nik[6:8]) - (40 if r["JK"] == "P" else 0)  # women: day + 40
        assert 1 <= day <= 31
        assert r["Status Kepegawaian"] in {"PNS", "PPPK", "Non-ASN"}
        assert r["Kewarganegaraan"] in {"WNI", "WNA"}


def test_it_only_uses_the_districts_asked_for(tmp_path):
    chosen = [DISTRICTS_BY_CODE["32.73"], DISTRICTS_BY_CODE["51.71"]]
    write_synthetic(out=tmp_path, schools=30, students_per_school=2, districts=chosen)
    assert [r["Kode"] for r in read(tmp_path / "regions.csv")] == ["32", "51", "32.73", "51.71"]
    used = {r["Kode Kabupaten/Kota"] for r in read(tmp_path / "schools.csv")}
    assert used == {"32.73", "51.71"}


def test_the_shipped_districts_have_real_shapes():
    assert len({d.code for d in DISTRICTS}) == len(DISTRICTS)
    for d in DISTRICTS:
        assert re.fullmatch(r"\d\d\.\d\d", d.code) and d.kind in {"kabupaten", "kota"}
        assert (d.code[3] == "7") == (d.kind == "kota")  # Kemendagri: 71+ are cities
        assert -11 < d.lat < 6 and 95 < d.lon < 141  # inside Indonesia
        assert d.towns and d.cultures and d.weight > 0


def test_the_xlsx_copies_hold_the_same_rows_with_typed_cells(files):
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(files / "students.xlsx")).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert tuple(rows[0]) == HEADERS["students"]
    first = read(files / "students.csv")[0]
    cells = dict(zip(HEADERS["students"], rows[1], strict=True))
    assert cells["NISN"] == first["NISN"]  # text: the leading zero survives
    assert cells["Tanggal Lahir"] == parse_date(first["Tanggal Lahir"])  # a real date cell
    assert int(cells["Tingkat"]) == int(first["Tingkat"])
    assert len(rows) == 1 + 60 * 25


@pytest.mark.django_db
@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_the_importer_accepts_every_file_without_an_error(files, ext):
    results = {kind: import_file(actor=None, kind=kind, path=files / f"{kind}.{ext}")
               for kind in KINDS}
    for kind, result in results.items():
        assert result.errors.count == 0, (kind, [p.text() for p in result.errors.sorted()[:5]])
        assert result.written
    teachers = read(files / "teachers.csv")
    assert Region.objects.count() == len(read(files / "regions.csv"))
    assert School.objects.count() == 60
    assert Student.objects.count() == 60 * 25
    assert Service.objects.count() == len(teachers)
    assert Person.objects.count() == len({r["NIK"] for r in teachers})
    two_schools = sum(1 for n in Counter(r["NIK"] for r in teachers).values() if n == 2)
    assert two_schools > 0
    assert Person.objects.annotate(n=Count("services")).filter(n=2).count() == two_schools


@pytest.mark.django_db
def test_reimporting_the_same_files_changes_nothing(tmp_path):
    write_synthetic(out=tmp_path, schools=12, students_per_school=10, seed=9)
    for kind in KINDS:
        assert import_file(actor=None, kind=kind, path=tmp_path / f"{kind}.csv").written
    for kind in KINDS:
        again = import_file(actor=None, kind=kind, path=tmp_path / f"{kind}.csv")
        assert again.written
        assert again.counts["unchanged"] == again.rows == len(read(tmp_path / f"{kind}.csv"))
        assert not again.counts["created"] and not again.counts["updated"], kind


def test_synth_command_prints_progress_and_counts(tmp_path, capsys):
    code = anbk(["synth", "--schools", "3", "--students-per-school", "4", "--out",
                 str(tmp_path), "--seed", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "3 sekolah, 12 siswa" in out
    assert "Selesai: " in out and "12 siswa" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.csv" for k in KINDS)


def test_one_school_with_one_student_is_enough(tmp_path):
    counts = write_synthetic(out=tmp_path, schools=1, students_per_school=1)
    assert (counts.schools, counts.students, counts.shared_teachers) == (1, 1, 0)
    assert read(tmp_path / "schools.csv")[0]["Bentuk Pendidikan"] == "SD"


@pytest.mark.parametrize("schools,per_school", [(0, 5), (5, 0), (-1, 3)])
def test_synth_command_refuses_empty_requests(tmp_path, capsys, schools, per_school):
    code = synth_command(schools=schools, students_per_school=per_school, out=str(tmp_path),
                         seed=1, xlsx=False)
    assert code == 2
    assert "paling sedikit 1" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_synth_command_refuses_xlsx_beyond_one_sheet(tmp_path, capsys):
    code = synth_command(schools=1100, students_per_school=1000, out=str(tmp_path), seed=1,
                         xlsx=True)
    assert code == 2
    assert "tidak muat dalam satu lembar XLSX" in capsys.readouterr().err


def test_write_synthetic_raises_on_impossible_sizes(tmp_path):
    with pytest.raises(SynthError):
        write_synthetic(out=tmp_path, schools=0, students_per_school=1)
