"""Eligibility (P-1 … P-4), one row per rule: the verdict shown to the school and the SQL
the sampling run uses must agree on every case."""

import pytest
from django.db import connection

from anbk.registry.models import Student
from anbk.sampling.eligibility import Reason, eligible_sql, student_eligibility
from anbk.sampling.keys import sample_key
from tests.people import make_school, make_student

# (case, school bentuk, school flags, student fields, sample type or the reasons)
CASES = [
    ("P-2 SD grade 5", "SD", {}, {"grade": 5}, "regular"),
    ("P-2 SD grade 6 is not the target", "SD", {}, {"grade": 6}, (Reason.GRADE,)),
    ("P-2 SMP grade 8", "SMP", {}, {"grade": 8}, "regular"),
    ("P-2 MTs grade 9", "MTs", {}, {"grade": 9}, (Reason.GRADE,)),
    ("P-2 SMK grade 11", "SMK", {}, {"grade": 11}, "regular"),
    ("P-2 Paket C grade 11", "Paket C", {}, {"grade": 11}, "regular"),
    ("P-2 SDLB grade 5", "SDLB", {}, {"grade": 5}, "regular"),
    ("P-3 SD Penggerak grade 4", "SD", {"is_penggerak": True}, {"grade": 4}, "oversample"),
    ("P-3 SD grade 4 not Penggerak", "SD", {}, {"grade": 4}, (Reason.GRADE,)),
    ("P-3 SMP Penggerak grade 7", "SMP", {"is_penggerak": True}, {"grade": 7}, "oversample"),
    ("P-3 SMA Penggerak grade 10", "SMA", {"is_penggerak": True}, {"grade": 10},
     "oversample"),
    ("P-3 SMK PK grade 10", "SMK", {"is_smk_pk": True}, {"grade": 10}, "oversample"),
    ("P-3 SMK Penggerak only grade 10", "SMK", {"is_penggerak": True}, {"grade": 10},
     (Reason.GRADE,)),
    ("P-4 not active", "SD", {}, {"grade": 5, "is_active": False}, (Reason.INACTIVE,)),
    ("P-4 report cards", "SD", {}, {"grade": 5, "report_cards_complete": False},
     (Reason.REPORT_CARDS,)),
    ("P-4 reading barrier", "SD", {}, {"grade": 5, "reading_barrier": True},
     (Reason.READING_BARRIER,)),
    ("P-4 tunarungu eligible", "SD", {}, {"grade": 5, "disability": "tunarungu"}, "regular"),
    ("P-4 tunadaksa eligible", "SD", {}, {"grade": 5, "disability": "tunadaksa"}, "regular"),
    ("P-4 tunanetra", "SD", {}, {"grade": 5, "disability": "tunanetra"}, (Reason.DISABILITY,)),
    ("P-4 tunagrahita", "SD", {}, {"grade": 5, "disability": "tunagrahita"},
     (Reason.DISABILITY,)),
    ("P-4 placeholder NISN", "SD", {}, {"grade": 5, "nisn": "0000000000"}, (Reason.NISN,)),
    ("P-4 short NISN", "SD", {}, {"grade": 5, "nisn": "12345"}, (Reason.NISN,)),
    ("P-4 several reasons", "SD", {}, {"grade": 6, "is_active": False,
                                       "reading_barrier": True},
     (Reason.GRADE, Reason.INACTIVE, Reason.READING_BARRIER)),
    ("P-1 invalid NPSN", "SD", {"npsn": "2020-001"}, {"grade": 5}, (Reason.SCHOOL_NPSN,)),
]


def _sql_says(student) -> bool:
    sql = (f"SELECT COUNT(*) FROM registry_student st JOIN registry_school s"
           f" ON s.id = st.school_id WHERE st.id = %s AND {eligible_sql(connection.vendor)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [student.pk])
        return cursor.fetchone()[0] == 1


@pytest.mark.parametrize(("case", "bentuk", "flags", "fields", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_eligibility_rule_by_rule(world, case, bentuk, flags, fields, expected):
    flags = dict(flags)
    npsn = flags.pop("npsn", "20208888")
    school = make_school(npsn, "Sekolah Kasus", bentuk, world.kab_bandung, **flags)
    fields = dict(fields)
    nisn = fields.pop("nisn", "0812345678")
    student = make_student(nisn, school, **fields)
    verdict = student_eligibility(student)
    if isinstance(expected, str):
        assert verdict.eligible and verdict.sample_type == expected
        assert _sql_says(student)
    else:
        assert verdict.reasons == expected and verdict.sample_type is None
        assert verdict.texts  # every reason has a text the school reads
        # The school's NPSN (P-1) is checked by the run over schools, not in this clause.
        if Reason.SCHOOL_NPSN not in expected:
            assert not _sql_says(student)


def test_reasons_are_shown_in_indonesian(world):
    student = Student.objects.get(pk=world.student.pk)
    student.is_active = False
    assert "Tidak aktif" in student_eligibility(student).texts[0]
    assert sample_key(1, student.nisn) != sample_key(2, student.nisn)
