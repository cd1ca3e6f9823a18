"""National sampling benchmark (P-5): sampling plus DNS creation for a share of the country
(270,000 schools and about 12.6 million candidates at 100 %) on SQLite and PostgreSQL, with
a floor in the same run.

    .venv/bin/python benchmarks/bench_sampling.py --db sqlite --fraction 0.01 0.1
    .venv/bin/python benchmarks/bench_sampling.py --db postgres --fraction 0.01 0.1 1

Data come from a set-based generator (faster than `anbk synth` + import at this size): the
schools follow the national bentuk mix of `anbk synth` (registry.synth.BENTUK_SHARE); each
school gets a cohort in its level's target grade drawn around the national mean (SD 28,
SMP 69, SMA/SMK 82 candidates a school), Sekolah Penggerak / SMK PK (4 %) also an oversample
cohort, and about 3 % of students fail an eligibility rule. Generation is not timed.

Timed, in a fresh subprocess and a fresh database per case:
- floor: one query that reads every candidate's key columns (school, NISN, grade, the
  eligibility flags) joined to its school — what any sampling must at least read;
- sampling: `services.run_sampling` over the whole country as the system (one national
  run): SchoolSample rows, candidate counts, the ranked participants (the DNS), the audit;
- write floor: the run's participant rows written once more from a plain table with the
  participant table's indexes (then rolled back): what storing the DNS alone costs.
Results go to stdout and benchmarks/out/results-sampling.jsonl.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))

from benchmarks.bench_import import _peak_rss_mb, fresh_database, machine  # noqa: E402

PG_DATABASE = "bench_sampling"
NATIONAL_SCHOOLS = 270_000
# Mean candidates (target grade) per school by level, from national cohort sizes (grade 5
# about 4.5 M, grade 8 about 4.3 M, grade 11 about 3.8 M) over the schools of each level.
MEAN_COHORT = {"SD": 28, "SMP": 69, "SMA": 82, "SMK": 82}
OVERSAMPLED_PER_MILLE = 40
INELIGIBLE_EVERY = 33  # about 3 % fail a P-4 rule


def _spec(fraction: float) -> dict:
    return {"schools": round(NATIONAL_SCHOOLS * fraction)}


# ---------------------------------------------------------------------------------------------
# Parent

def run_case(db: str, fraction: float) -> dict:
    """One case in a fresh process, so its peak RSS is its own."""
    load = os.getloadavg()[0]
    try:
        out = subprocess.check_output(
            [sys.executable, __file__, "--child", json.dumps({"db": db, "fraction": fraction})],
            text=True)
    except subprocess.CalledProcessError:
        sys.exit(f"{db} {fraction:.0%} failed")
    return {**json.loads(out.strip().splitlines()[-1]), "loadavg_before": round(load, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--fraction", type=float, nargs="+", default=[0.01],
                        help="shares of the country: 0.01 0.1 1")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    OUT.mkdir(exist_ok=True)
    info = machine()
    print(json.dumps(info, indent=1), flush=True)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with open(OUT / "results-sampling.jsonl", "a") as fh:
        for db in dbs:
            for fraction in args.fraction:
                result = run_case(db, fraction)
                print(_line(result), flush=True)
                fh.write(json.dumps({**result, "machine": info}) + "\n")


def _line(r: dict) -> str:
    return (f"{r['db']:8} {r['fraction']:>5.0%} {r['schools']:>8,} schools "
            f"{r['candidates']:>11,} candidates | generate {r['generate_seconds']:6.1f} s | "
            f"floor {r['floor_seconds']:6.2f} s | sampling {r['sampling_seconds']:6.2f} s "
            f"(ratio {r['ratio_to_floor']:.1f}) | write floor {r['write_floor_seconds']:6.2f} s "
            f"(ratio {r['ratio_to_write_floor']:.2f}) | {r['main']:,} main, {r['reserve']:,} "
            f"reserve | peak RSS {r['peak_rss_mb']:.0f} MB | load {r['loadavg_before']}")


# ---------------------------------------------------------------------------------------------
# Child: one database, one fraction

def _bentuk_plan(schools: int) -> list[tuple[str, int]]:
    """(bentuk, count) in the national mix, summing to `schools`."""
    from anbk.registry.synth import BENTUK_SHARE

    total = sum(BENTUK_SHARE.values())
    plan = [(b, schools * share // total) for b, share in BENTUK_SHARE.items()]
    plan[0] = (plan[0][0], plan[0][1] + schools - sum(n for _b, n in plan))
    return plan


def generate(schools: int) -> int:
    """Regions, schools and students, set-based; returns the number of candidate rows."""
    from django.db import connection, transaction

    from anbk.core.participation import OVERSAMPLE, TARGET_GRADE
    from anbk.core.rules import BENTUK, Level
    from anbk.registry.models import Region, School

    level_of_spk = Level.SMA
    with transaction.atomic():
        province = Region.objects.create(code="99", name="Provinsi Uji", kind="provinsi")
        districts = Region.objects.bulk_create([
            Region(code=f"99.{i:02d}", name=f"Kabupaten Uji {i}", kind="kabupaten",
                   parent=province) for i in range(1, 100)])
        rows, serial = [], 0
        for bentuk, count in _bentuk_plan(schools):
            b = BENTUK[bentuk]
            level = b.level or level_of_spk
            for _ in range(count):
                serial += 1
                district = districts[serial % len(districts)]
                flag = serial % 1000 < OVERSAMPLED_PER_MILLE
                rows.append(School(
                    npsn=f"{10_000_000 + serial}", name=f"{bentuk} Uji {serial}", bentuk=bentuk,
                    level=level, status="negeri", agency=b.agency, tier=b.tier,
                    district=district, province=province, source="dapodik",
                    is_penggerak=flag and level != Level.SMK,
                    is_smk_pk=flag and level == Level.SMK))
        School.objects.bulk_create(rows, batch_size=5000)
    # Cohort size per school: mean × (0.2 … 1.8), from the school id (reproducible).
    level_case = lambda values: "CASE s.level " + " ".join(  # noqa: E731
        f"WHEN '{lv.value}' THEN {v}" for lv, v in values.items()) + " END"
    mean = level_case({Level(k): v for k, v in MEAN_COHORT.items()})
    size = f"(({mean}) * (20 + (s.id * 7919) % 161) / 100)"
    target = level_case(TARGET_GRADE)
    extra = level_case({lv: o.grade for lv, o in OVERSAMPLE.items()})
    number = "s.id * 1000 + n.i + {offset}"
    nisn = ("lpad(CAST({number} AS text), 10, '0')" if connection.vendor == "postgresql"
            else "printf('%010d', {number})").format(number=number)
    with connection.cursor() as cur, transaction.atomic():
        cur.execute("CREATE TEMPORARY TABLE bench_n (i integer PRIMARY KEY)")
        cur.executemany("INSERT INTO bench_n VALUES (%s)", [(i,) for i in range(1, 500)])
        for grade, offset, condition in (
                (target, 0, "TRUE"),
                (extra, 250, "(s.is_penggerak OR s.is_smk_pk)")):
            cur.execute(f"""
                INSERT INTO registry_student (nisn, school_id, name, sex, birth_place,
                    birth_date, grade, is_active, report_cards_complete, disability,
                    reading_barrier, updated_at)
                SELECT {nisn.format(offset=offset)}, s.id, 'Siswa Uji', 'L', '',
                       '2013-01-01', {grade},
                       (s.id + n.i) % {INELIGIBLE_EVERY} <> 0, TRUE, 'none', FALSE,
                       CURRENT_TIMESTAMP
                FROM registry_school s JOIN bench_n n ON n.i <= {size}
                WHERE {condition}""")
        cur.execute("DROP TABLE bench_n")
        cur.execute("SELECT COUNT(*) FROM registry_student")
        count = cur.fetchone()[0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return count


FLOOR_SQL = """
    SELECT COUNT(*), MAX(st.nisn), SUM(st.grade), SUM(CASE WHEN st.is_active THEN 1 ELSE 0 END)
    FROM registry_student st JOIN registry_school s ON s.id = st.school_id
"""


class _Discard(Exception):
    """Rolls the write-floor transaction back."""


def write_floor(run) -> float:
    """Seconds to write the run's participant rows once more from a plain table (under
    another assessment, so the unique index takes them), rolled back afterwards: the least
    any design that stores one indexed participant row per sampled student must spend."""
    from django.db import connection, transaction

    from anbk.sampling.models import Assessment, Participant

    columns = ", ".join(f.column for f in Participant._meta.concrete_fields
                        if f.column not in ("id", "assessment_id"))
    try:
        with transaction.atomic(), connection.cursor() as cur:
            other = Assessment.objects.create(year=run.assessment.year + 1, name="Bench")
            cur.execute(f"CREATE TEMPORARY TABLE bench_rows AS SELECT {columns}"
                        " FROM sampling_participant WHERE run_id = %s", [run.pk])
            started = time.monotonic()
            cur.execute(f"INSERT INTO sampling_participant (assessment_id, {columns})"
                        f" SELECT %s, {columns} FROM bench_rows", [other.pk])
            elapsed = time.monotonic() - started
            raise _Discard
    except _Discard:
        return elapsed


def child(spec: dict) -> None:
    fresh_database(spec["db"], f"bench-sampling-{spec['fraction']:g}.sqlite3", PG_DATABASE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from anbk.sampling import services
    from anbk.sampling.authority import Authority

    call_command("migrate", interactive=False, verbosity=0)
    schools = _spec(spec["fraction"])["schools"]
    started = time.monotonic()
    candidates = generate(schools)
    generated = time.monotonic() - started

    with connection.cursor() as cur:  # warm the cache the same way for both
        cur.execute(FLOOR_SQL)
        started = time.monotonic()
        cur.execute(FLOOR_SQL)
        cur.fetchall()
        floor = time.monotonic() - started

    started = time.monotonic()
    run = services.run_sampling(actor=None, authority=Authority(None, None, None), seed=2021)
    sampling = time.monotonic() - started
    written = write_floor(run)
    print(json.dumps({
        "db": spec["db"], "fraction": spec["fraction"], "schools": run.schools,
        "candidates": candidates, "eligible": run.candidates,
        "generate_seconds": round(generated, 1), "floor_seconds": round(floor, 3),
        "sampling_seconds": round(sampling, 3), "ratio_to_floor": round(sampling / floor, 2),
        "write_floor_seconds": round(written, 3),
        "ratio_to_write_floor": round(sampling / written, 2),
        "main": run.main_count, "reserve": run.reserve_count,
        "peak_rss_mb": round(_peak_rss_mb(), 1)}))


if __name__ == "__main__":
    main()
