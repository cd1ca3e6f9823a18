"""`anbk import …` on the command line: all or nothing, errors on stderr, exit codes."""

from anbk.cli import main as anbk
from anbk.registry.importing.samples import sample_path
from anbk.registry.models import Region, School, Student
from tests.registry.import_files import STUDENT_HEADER, snapshot, student, write_csv


def test_the_sample_files_import_in_order_on_an_empty_database(db, capsys):
    for kind in ("regions", "schools", "students", "teachers"):
        assert anbk(["import", kind, str(sample_path(kind))]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "Impor peserta didik selesai: 5 baris; 5 baru, 0 diperbarui, 0 tidak berubah." in out
    assert Region.objects.count() == 3 and School.objects.count() == 4
    assert anbk(["import", "students", str(sample_path("students"))]) == 0
    assert "0 baru, 0 diperbarui, 5 tidak berubah" in capsys.readouterr().out


def test_a_bad_file_exits_non_zero_lists_errors_and_writes_nothing(world, tmp_path, capsys):
    path = write_csv(tmp_path, STUDENT_HEADER, [student(), student(NISN="0123456780", JK="X")])
    before = snapshot()
    assert anbk(["import", "students", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Baris 3, kolom JK: nilai 'X' tidak dikenal; gunakan L atau P" in err
    assert "GAGAL: 1 galat di data.csv; tidak ada data peserta didik yang disimpan." in err
    assert snapshot() == before


def test_valid_only_imports_the_rest_and_says_what_was_skipped(world, tmp_path, capsys):
    path = write_csv(tmp_path, STUDENT_HEADER, [student(), student(NISN="0123456780", JK="X")])
    assert anbk(["import", "students", str(path), "--valid-only"]) == 0
    captured = capsys.readouterr()
    assert "Baris 3, kolom JK" in captured.err
    assert "1 baru, 0 diperbarui, 0 tidak berubah, 1 baris dilewati" in captured.out
    assert Student.objects.filter(nisn="0123456789").exists()


def test_as_an_account_the_import_is_scoped_to_it(world, tmp_path, capsys):
    path = write_csv(tmp_path, STUDENT_HEADER, [student()])
    assert anbk(["import", "students", str(path), "--user", "kab3302"]) == 1
    assert "NPSN 20200001 belum terdaftar atau di luar kewenangan Anda" in capsys.readouterr().err
    assert anbk(["import", "students", str(path), "--user", "kab3204"]) == 0


def test_wrong_invocations_exit_2(world, tmp_path, capsys):
    path = write_csv(tmp_path, STUDENT_HEADER, [student()])
    assert anbk(["import", "students", str(tmp_path / "tidak-ada.csv")]) == 2
    assert anbk(["import", "students", str(path), "--user", "tidak-ada"]) == 2
    assert anbk(["import", "regions", str(path), "--user", "prov32"]) == 2
    err = capsys.readouterr().err
    assert "berkas" in err and "akun 'tidak-ada'" in err and "tidak berwenang" in err


def test_siln_reference_data_loads_from_the_command_line(db, capsys):  # rule P-1
    assert anbk(["import", "siln"]) == 0
    assert "SILN dimuat: 13 baru" in capsys.readouterr().out
    assert School.objects.filter(bentuk="SILN").count() == 13
