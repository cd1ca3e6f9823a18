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
ANALYZE_AFTER_SCHOOLS = 1000
RANKED = "sampling_ranked_candidates"


def _not_participant_sql() -> str:
    """A student who is already a current participant of the assessment (sampled at another
    school before moving) is not a candidate again."""
    return ("NOT EXISTS (SELECT 1 FROM sampling_participant p WHERE p.assessment_id = %s"
            " AND p.student_id = st.id AND p.removed_at IS NULL)")


def _quota_sql(part: str) -> str:
    """The quota `part` ("main" or "total", core.participation.QUOTAS) of school `s`'s level."""
    return _case_by_level({level: getattr(q, part) for level, q in QUOTAS.items()})


def _others_sampled(run) -> bool:
    """Whether the assessment has current participants yet. The first run of a year has
    none, and probing for each of millions of candidates would cost seconds; should another
    run commit participants meanwhile, the unique (student, assessment) index still refuses
    a second place for anyone."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sampling_participant WHERE assessment_id = %s"
                       " AND removed_at IS NULL LIMIT 1", [run.assessment_id])
        return cursor.fetchone() is not None


def create_school_samples(*, run, scope_sql: str, scope_params: list) -> int:
    """One SchoolSample per school in scope with a valid NPSN (P-1) and no sample yet in the
    assessment. Returns the number of schools."""
    # The schools already sampled are read once, up front: probing the table being filled
    # for every school would read the statement's own new rows again and again.
    sql = f"""
        INSERT INTO sampling_schoolsample
            (assessment_id, school_id, run_id, stage, regular_candidates,
             oversample_candidates)
        WITH sampled AS MATERIALIZED (
            SELECT school_id FROM sampling_schoolsample WHERE assessment_id = %s)
        SELECT %s, s.id, %s, 'dns', 0, 0
        FROM registry_school s
        WHERE {scope_sql} AND {school_valid_sql(connection.vendor)}
          AND s.id NOT IN (SELECT school_id FROM sampled)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [run.assessment_id, run.assessment_id, run.pk, *scope_params])
        schools = cursor.rowcount
        if connection.vendor == "postgresql" and schools >= ANALYZE_AFTER_SCHOOLS:
            # The planner's statistics do not know the rows this transaction just wrote;
            # without them it probes the students school by school instead of one hash join.
            cursor.execute("ANALYZE sampling_schoolsample")
    return schools


def sample_run(*, run) -> int:
    """Rank the candidates of the run's school samples, record how many each sample had,
    and write the first main + reserve quota of each as participants. Returns the number
    of participants written.

    One pass over the students: the ranked rows (one per participant, each carrying its
    sample's candidate count) go to a temporary table that both the counts and the
    participant rows are taken from."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The window sort of a national run spills to disk at the default 4 MB.
            cursor.execute(f"SET LOCAL work_mem = '{SORT_MEMORY}'")
        _rank_candidates(cursor, run)
        _record_counts(cursor)
        written = _write_participants(cursor, run)
        cursor.execute(f"DROP TABLE {RANKED}")
    return written


def _rank_candidates(cursor, run) -> None:
    """Every candidate of the run's schools, ranked by (random key, NISN) within school and
    sample type; kept: the first main + reserve quota of each, with the candidate count."""
    vendor = connection.vendor
    target = target_grade_sql()
    # Keys and NISNs are ASCII hex digits and digits of fixed length: byte order is the
    # documented order, and far cheaper than the database's locale collation. The collation
    # belongs to the columns themselves: a COLLATE in ORDER BY alone makes PostgreSQL hash
    # every candidate a second time for the output.
    bytewise = ' COLLATE "C"' if vendor == "postgresql" else ""
    not_participant, params = "", []
    if _others_sampled(run):
        not_participant, params = f"AND {_not_participant_sql()}", [run.assessment_id]
    # The grade stands for the sample type within a school (P-2, P-3) and sorts faster.
    # SQLite must materialise the keyed rows, or it inlines the subquery and calls the hash
    # function for every reference to the column; PostgreSQL computes each key once anyway,
    # and copying a national run's rows into a work table costs seconds.
    materialized = "" if vendor == "postgresql" else "MATERIALIZED"
    cursor.execute(f"""
        CREATE TEMPORARY TABLE {RANKED} AS
        WITH keyed AS {materialized} (
            SELECT ss.id AS school_sample_id, st.school_id AS school_id,
                   st.id AS student_id, st.nisn{bytewise} AS nisn, st.grade AS grade,
                   CASE WHEN st.grade = {target} THEN 'regular' ELSE 'oversample' END
                       AS sample_type,
                   {key_sql(vendor)}{bytewise} AS random_key,
                   {_quota_sql("main")} AS main_quota, {_quota_sql("total")} AS total_quota
            FROM sampling_schoolsample ss
            JOIN registry_school s ON s.id = ss.school_id
            JOIN registry_student st ON st.school_id = s.id
            WHERE ss.run_id = %s AND {eligible_sql(vendor)} {not_participant}
        ), ranked AS (
            SELECT keyed.*,
                   ROW_NUMBER() OVER (
                       PARTITION BY keyed.school_id, keyed.grade
                       ORDER BY keyed.random_key, keyed.nisn)
                       AS position,
                   COUNT(*) OVER (PARTITION BY keyed.school_id, keyed.grade) AS candidates
            FROM keyed
        )
        SELECT * FROM ranked WHERE ranked.position <= ranked.total_quota
    """, [str(run.seed), run.pk, *params])


def _record_counts(cursor) -> None:
    """Each sample's candidate counts, from the first-ranked row of each sample type."""
    cursor.execute(f"""
        UPDATE sampling_schoolsample
        SET regular_candidates = counted.regular, oversample_candidates = counted.oversample
        FROM (SELECT school_sample_id,
                     SUM(CASE WHEN sample_type = 'regular' THEN candidates ELSE 0 END)
                         AS regular,
                     SUM(CASE WHEN sample_type = 'regular' THEN 0 ELSE candidates END)
                         AS oversample
              FROM {RANKED} WHERE position = 1
              GROUP BY school_sample_id) counted
        WHERE sampling_schoolsample.id = counted.school_sample_id
    """)


def _write_participants(cursor, run) -> int:
    """The kept rows as participants: the first `main` of each sample are main participants,
    the rest reserves (fewer candidates than `main`: all main)."""
    cursor.execute(f"""
        INSERT INTO sampling_participant
            (assessment_id, school_sample_id, school_id, student_id, run_id, sample_type,
             participant_type, random_key, source, verification, flag_reason, flag_note,
             resolution_note, removal_reason, an_number)
        SELECT %s, school_sample_id, school_id, student_id, %s, sample_type,
               CASE WHEN position <= main_quota THEN 'main' ELSE 'reserve' END,
               random_key, 'sampled', 'pending', '', '', '', '', ''
        FROM {RANKED}
    """, [run.assessment_id, run.pk])
    return cursor.rowcount


def run_counts(*, run) -> dict:
    """Schools, candidates, main and reserve participants of the run, from the candidate
    counts and the quotas (P-5): per school and sample type, main = min(candidates, main
    quota) and reserve = min(candidates, total quota) − main. Counting the participant rows
    themselves would read the millions just written again; the caller checks that the two
    agree."""
    main_quota, total_quota = _quota_sql("main"), _quota_sql("total")

    def taken(quota: str) -> str:
        return " + ".join(f"(CASE WHEN ss.{c} < {quota} THEN ss.{c} ELSE {quota} END)"
                          for c in ("regular_candidates", "oversample_candidates"))

    sql = f"""
        SELECT COUNT(*), COALESCE(SUM(ss.regular_candidates + ss.oversample_candidates), 0),
               COALESCE(SUM({taken(main_quota)}), 0), COALESCE(SUM({taken(total_quota)}), 0)
        FROM sampling_schoolsample ss JOIN registry_school s ON s.id = ss.school_id
        WHERE ss.run_id = %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [run.pk])
        schools, candidates, main, total = (int(v) for v in cursor.fetchone())
    return {"schools": schools, "candidates": candidates, "main_count": main,
            "reserve_count": total - main}
