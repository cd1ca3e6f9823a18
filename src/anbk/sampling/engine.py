"""The set-based sampling step (P-5): a few INSERT … SELECT statements over every school of
a run at once, never a Python loop per school. docs/sampling.md states the algorithm; this is
its SQL. The caller (services.run_sampling) holds the transaction and writes the audit entry.
"""

from django.db import connection

from anbk.core.participation import QUOTAS
from anbk.sampling.eligibility import (
    _case_by_level,
    eligible_sql,
    school_valid_sql,
    target_grade_sql,
)
from anbk.sampling.keys import key_sql

SORT_MEMORY = "256MB"


def _not_participant_sql() -> str:
    """A student who is already a current participant of the assessment (sampled at another
    school before moving) is not a candidate again."""
    return ("NOT EXISTS (SELECT 1 FROM sampling_participant p WHERE p.assessment_id = %s"
            " AND p.student_id = st.id AND p.removed_at IS NULL)")


def _candidates_sql(vendor: str) -> str:
    return f"{eligible_sql(vendor)} AND {_not_participant_sql()}"


def create_school_samples(*, run, scope_sql: str, scope_params: list) -> int:
    """One SchoolSample per school in scope with a valid NPSN (P-1) and no sample yet in the
    assessment. Returns the number of schools."""
    sql = f"""
        INSERT INTO sampling_schoolsample
            (assessment_id, school_id, run_id, stage, regular_candidates,
             oversample_candidates)
        SELECT %s, s.id, %s, 'dns', 0, 0
        FROM registry_school s
        WHERE {scope_sql} AND {school_valid_sql(connection.vendor)}
          AND NOT EXISTS (SELECT 1 FROM sampling_schoolsample x
                          WHERE x.assessment_id = %s AND x.school_id = s.id)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [run.assessment_id, run.pk, *scope_params, run.assessment_id])
        return cursor.rowcount


def count_candidates(*, run) -> None:
    """Record on each SchoolSample of the run how many candidates each sample had; before
    select_participants, which makes them participants."""
    vendor = connection.vendor
    target = target_grade_sql()

    def count(sample_condition: str) -> str:
        return f"""(SELECT COUNT(*) FROM registry_student st
                    JOIN registry_school s ON s.id = st.school_id
                    WHERE st.school_id = sampling_schoolsample.school_id
                      AND {_candidates_sql(vendor)} AND {sample_condition})"""

    sql = f"""
        UPDATE sampling_schoolsample
        SET regular_candidates = {count(f"st.grade = {target}")},
            oversample_candidates = {count(f"st.grade <> {target}")}
        WHERE run_id = %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [run.assessment_id, run.assessment_id, run.pk])


def select_participants(*, run) -> None:
    """Rank every candidate of the run's schools by (random key, NISN) within school and
    sample type, and keep the first main + reserve quota: the first `main` are main
    participants, the rest reserves (fewer candidates than `main`: all main)."""
    vendor = connection.vendor
    target = target_grade_sql()
    main = _case_by_level({level: q.main for level, q in QUOTAS.items()})
    total = _case_by_level({level: q.total for level, q in QUOTAS.items()})
    # MATERIALIZED: the key is computed once per candidate (SQLite would otherwise inline
    # the subquery and call the hash function for every reference to the column).
    sql = f"""
        INSERT INTO sampling_participant
            (assessment_id, school_sample_id, school_id, student_id, run_id, sample_type,
             participant_type, random_key, source, verification, flag_reason, flag_note,
             resolution_note, removal_reason, an_number)
        WITH keyed AS MATERIALIZED (
            SELECT ss.id AS school_sample_id, st.school_id AS school_id,
                   st.id AS student_id, st.nisn AS nisn,
                   CASE WHEN st.grade = {target} THEN 'regular' ELSE 'oversample' END
                       AS sample_type,
                   {key_sql(vendor)} AS random_key,
                   {main} AS main_quota, {total} AS total_quota
            FROM sampling_schoolsample ss
            JOIN registry_school s ON s.id = ss.school_id
            JOIN registry_student st ON st.school_id = s.id
            WHERE ss.run_id = %s AND {_candidates_sql(vendor)}
        ), ranked AS (
            SELECT keyed.*, ROW_NUMBER() OVER (
                       PARTITION BY keyed.school_id, keyed.sample_type
                       ORDER BY keyed.random_key, keyed.nisn) AS position
            FROM keyed
        )
        SELECT %s, ranked.school_sample_id, ranked.school_id, ranked.student_id, %s,
               ranked.sample_type,
               CASE WHEN ranked.position <= ranked.main_quota THEN 'main' ELSE 'reserve' END,
               ranked.random_key, 'sampled', 'pending', '', '', '', '', ''
        FROM ranked
        WHERE ranked.position <= ranked.total_quota
    """
    params = [str(run.seed), run.pk, run.assessment_id, run.assessment_id, run.pk]
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            # The window sort of a national run spills to disk at the default 4 MB.
            cursor.execute(f"SET LOCAL work_mem = '{SORT_MEMORY}'")
        cursor.execute(sql, params)


def run_counts(*, run) -> dict:
    """Schools, candidates, main and reserve participants the run selected."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*), COALESCE(SUM(regular_candidates + oversample_candidates), 0)"
            " FROM sampling_schoolsample WHERE run_id = %s", [run.pk])
        schools, candidates = cursor.fetchone()
        cursor.execute(
            "SELECT participant_type, COUNT(*) FROM sampling_participant"
            " WHERE run_id = %s AND removed_at IS NULL GROUP BY participant_type", [run.pk])
        by_type = dict(cursor.fetchall())
    return {"schools": schools, "candidates": int(candidates),
            "main_count": by_type.get("main", 0), "reserve_count": by_type.get("reserve", 0)}
