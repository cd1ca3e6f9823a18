"""Builders for the participant tests and the auditor's re-derivation of a sample
(docs/sampling.md) written independently of the SQL in anbk.sampling.engine."""

import datetime
import hashlib

from anbk.core.participation import QUOTAS
from anbk.core.rules import Level
from anbk.registry.models import Student


def add_students(school, count: int, *, grade: int, start: int, **extra) -> list[Student]:
    """count students of one grade at school, NISNs start, start+1, … (10 digits)."""
    return Student.objects.bulk_create([
        Student(nisn=f"{start + i:010d}", school=school, name=f"Siswa {start + i}", sex="L",
                birth_date=datetime.date(2012, 1, 1), grade=grade, **extra)
        for i in range(count)])


def rederive(seed: int, nisns, level: str) -> tuple[list[str], list[str]]:
    """(main, reserve) NISNs as an auditor computes them from the documented algorithm."""
    key = {n: hashlib.sha256(f"{seed}:{n}".encode()).hexdigest()[:16] for n in nisns}
    order = sorted(nisns, key=lambda n: (key[n], n))
    quota = QUOTAS[Level(level)]
    return order[:quota.main], order[quota.main:quota.total]
