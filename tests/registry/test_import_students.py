"""Student import (issue 2 §4): validate every row, then upsert by NISN in one transaction."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied

from anbk.core.models import AuditEntry
from anbk.registry.importing.services import import_file
from anbk.registry.models import Disability, Student
from tests.registry.import_files import STUDENT_HEADER, snapshot, student, write_csv, write_xlsx


def run(world, tmp_path, rows, actor=None, **kwargs):
    path = write_csv(tmp_path, STUDENT_HEADER, rows)
    return import_file(actor=actor or world.province, kind="students", path=path, **kwargs)


def messages(result):
    return [p.text() for p in result.errors.sorted()]


def test_it_creates_students_with_every_field(world, tmp_path):
    result = run(world, tmp_path, [
        student(),
        student(NISN="0123456780", Nama="Budi  Santoso", JK="L", **{
            "Tanggal Lahir": "2010-08-17", "Tingkat": "6", "Aktif": "Tidak",
            "Rapor Lengkap": "Tidak", "Disabilitas": "Tuna Rungu", "Hambatan Membaca": "Ya"}),
    ])
    assert result.ok, messages(result)
    assert result.counts == Counter(created=2)
    budi = Student.objects.get(nisn="0123456780")
    assert (budi.school, budi.name, budi.sex, budi.birth_date, budi.grade) == (
        world.sd, "Budi Santoso", "L", datetime.date(2010, 8, 17), 6)
    assert (budi.is_active, budi.report_cards_complete, budi.disability,
            budi.reading_barrier) == (False, False, Disability.DEAF, True)


def test_reimport_is_idempotent_and_counts_updates(world, tmp_path):
    rows = [student(), student(NISN="0123456780", Nama="Budi")]
    assert run(world, tmp_path, rows).ok
    again = run(world, tmp_path, rows)
    assert (again.counts["created"], again.counts["updated"], again.counts["unchanged"]) == (
        0, 0, 2)
    changed = run(world, tmp_path, [student(Tingkat="6"), student(NISN="0123456780",
                                                                    Nama="Budi")])
    assert (changed.counts["created"], changed.counts["updated"],
            changed.counts["unchanged"]) == (0, 1, 1)
    assert Student.objects.get(nisn="0123456789").grade == 6


def test_an_existing_student_of_the_same_school_is_updated(world, tmp_path):
    result = run(world, tmp_path, [student(NISN=world.student.nisn, Nama="Siti Aminah Putri")])
    assert result.counts["updated"] == 1
    world.student.refresh_from_db()
    assert world.student.name == "Siti Aminah Putri"


def test_one_bad_row_writes_nothing(world, tmp_path):
    before = snapshot()
    result = run(world, tmp_path, [student(), student(NISN="12345")])
    assert not result.written
    assert messages(result) == ["Baris 3, kolom NISN: harus 10 digit (tertulis 5 digit)"]
    assert snapshot() == before


def test_a_nisn_at_another_school_names_both_schools(world, tmp_path):
    result = run(world, tmp_path, [student(NISN=world.student.nisn, NPSN="20200002",
                                           Tingkat="8")])
    [message] = messages(result)
    assert message.startswith("Baris 2, kolom NISN: NISN 0111111111 sudah terdaftar di ")
    assert "SD Negeri 1 Soreang (NPSN 20200001)" in message
    assert "SMP Negeri 5 Bandung (NPSN 20200002)" in message


def test_a_grade_must_exist_at_the_bentuk(world, tmp_path):
    result = run(world, tmp_path, [student(Tingkat="8")])
    assert messages(result) == ["Baris 2, kolom Tingkat: tingkat 8 tidak ada di SD "
                                "(tingkat 1–6)"]


def test_a_duplicate_nisn_is_reported_on_every_row(world, tmp_path):
    result = run(world, tmp_path, [student(), student(Nama="Lain"), student(NISN="0123456780"),
                                   student(Nama="Ketiga")])
    assert messages(result) == [
        "Baris 2, kolom NISN: NISN 0123456789 muncul lebih dari sekali (juga di baris 3, 5)",
        "Baris 3, kolom NISN: NISN 0123456789 muncul lebih dari sekali (juga di baris 2, 5)",
        "Baris 5, kolom NISN: NISN 0123456789 muncul lebih dari sekali (juga di baris 2, 3)",
    ]


def test_valid_only_imports_the_good_rows_and_skips_the_rest(world, tmp_path):
    result = run(world, tmp_path, [student(), student(NISN="0123456780", Tingkat="9"),
                                   student(NISN="0123456781")], valid_only=True)
    assert result.written and result.errors.count == 1
    assert (result.counts["created"], result.counts["skipped"]) == (2, 1)
    assert not Student.objects.filter(nisn="0123456780").exists()


def test_a_district_team_imports_only_into_its_authority(world, tmp_path):
    # rule S-1: Kab. Bandung's Dinas holds SD, not the province's SMA nor Kemenag's MI.
    result = run(world, tmp_path, [student(), student(NISN="0123456780", NPSN="20200003",
                                                      Tingkat="11"),
                                   student(NISN="0123456781", NPSN="60700001")],
                 actor=world.district)
    assert messages(result) == [
        "Baris 3, kolom NPSN: NPSN 20200003 belum terdaftar atau di luar kewenangan Anda",
        "Baris 4, kolom NPSN: NPSN 60700001 belum terdaftar atau di luar kewenangan Anda",
    ]


def test_an_outsider_cannot_import_into_our_schools(world, tmp_path):
    before = snapshot()
    result = run(world, tmp_path, [student()], actor=world.province_outsider)
    assert messages(result) == [
        "Baris 2, kolom NPSN: NPSN 20200001 belum terdaftar atau di luar kewenangan Anda"]
    assert snapshot() == before


def test_a_school_operator_imports_its_own_students_only(world, tmp_path):
    assert run(world, tmp_path, [student()], actor=world.operator).ok
    result = run(world, tmp_path, [student(NISN="0123456780", NPSN="20200002", Tingkat="8")],
                 actor=world.operator)
    assert not result.written


@pytest.mark.parametrize("role", ["proctor", "technician", "supervisor"])
def test_school_staff_other_than_the_operator_may_not_import(world, tmp_path, role):
    with pytest.raises(PermissionDenied):
        run(world, tmp_path, [student()], actor=getattr(world, role))


def test_every_import_writes_one_audit_entry_with_counts(world, tmp_path):
    run(world, tmp_path, [student(), student(NISN="0123456780")])
    entry = AuditEntry.objects.get(action="import.students")
    assert entry.actor_id == world.province.pk
    assert (entry.summary["created"], entry.summary["rows"], entry.summary["errors"]) == (2, 2, 0)
    assert len(entry.summary["sha256"]) == 64


def test_xlsx_numbers_and_dates_are_read_as_a_person_typed_them(world, tmp_path):
    path = write_xlsx(tmp_path, [
        STUDENT_HEADER,
        # NISN typed as a number lost its leading zero; the grade is the number 5.0.
        [20200001, 123456789, "Ani", "P", "Bandung", datetime.date(2013, 8, 17), 5, "Ya",
         "Ya", "Tidak", "Tidak"],
    ])
    result = import_file(actor=world.province, kind="students", path=path)
    assert result.ok, messages(result)
    ani = Student.objects.get(nisn="0123456789")
    assert (ani.birth_date, ani.grade) == (datetime.date(2013, 8, 17), 5)


def test_optional_columns_may_be_left_out_and_keep_stored_values(world, tmp_path):
    world.student.reading_barrier = True
    world.student.save()
    header = ["NPSN", "NISN", "Nama", "JK", "Tanggal Lahir", "Tingkat"]
    path = write_csv(tmp_path, header, [["20200001", world.student.nisn, "Siti Aminah", "P",
                                         "02-03-2011", "5"]])
    result = import_file(actor=world.province, kind="students", path=path)
    assert result.ok, messages(result)
    world.student.refresh_from_db()
    assert world.student.reading_barrier is True


@pytest.fixture
def meanwhile(monkeypatch):
    """Run an action once validation has finished and before the write transaction begins:
    the window in which another writer could change the database."""
    from anbk.registry.importing import pipeline

    def install(action):
        validate = pipeline._validate

        def validate_then_act(*args, **kwargs):
            spilled = validate(*args, **kwargs)
            action()
            return spilled
        monkeypatch.setattr(pipeline, "_validate", validate_then_act)
    return install


@pytest.mark.django_db(transaction=True)
def test_a_student_registered_elsewhere_meanwhile_writes_nothing(world, tmp_path, meanwhile):
    # Architecture: validate everything, then write in one transaction; what changed in
    # between is caught while writing (here by the unique NISN) and nothing is written.
    from tests.people import make_student

    meanwhile(lambda: make_student("0123456780", world.smp, grade=8))
    result = run(world, tmp_path, [student(), student(NISN="0123456780", Nama="Budi")])
    assert not result.written
    assert "berubah selama impor" in messages(result)[0]
    assert not Student.objects.filter(nisn="0123456789").exists()
    assert Student.objects.get(nisn="0123456780").school == world.smp


@pytest.mark.django_db(transaction=True)
def test_a_student_moved_away_meanwhile_writes_nothing(world, tmp_path, meanwhile):
    meanwhile(lambda: Student.objects.filter(nisn=world.student.nisn).update(
        school=world.smp, grade=8))
    result = run(world, tmp_path, [student(NISN=world.student.nisn, Nama="Siti A.")])
    assert not result.written and "berubah selama impor" in messages(result)[0]
    assert Student.objects.get(nisn=world.student.nisn).name == "Siti Aminah"


@pytest.mark.django_db(transaction=True)
def test_a_student_deleted_meanwhile_is_created_again(world, tmp_path, meanwhile):
    meanwhile(lambda: Student.objects.filter(nisn=world.student.nisn).delete())
    result = run(world, tmp_path, [student(NISN=world.student.nisn, Nama="Siti A.")])
    assert result.ok and result.counts["created"] == 1
    assert Student.objects.get(nisn=world.student.nisn).name == "Siti A."
