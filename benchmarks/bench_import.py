"""Import benchmark: N student rows through the import pipeline vs. a bulk insert with no
validation, into a fresh SQLite file or a fresh PostgreSQL database.

    .venv/bin/python benchmarks/bench_import.py --rows 1000000 --db sqlite --format csv
    .venv/bin/python benchmarks/bench_import.py --rows 100000 --db both --format both

The files come from `anbk synth` (cached in benchmarks/out/). Each case runs in a fresh
subprocess so its peak RSS (getrusage high-water mark) is its own; the regions and schools
the students need are imported first and not timed. The baseline reads the same file and
bulk-inserts the same rows with no checks at all: COPY on PostgreSQL, one executemany in
one transaction on SQLite. Results go to stdout and to benchmarks/out/results.jsonl; the
figures in docs/benchmarks.md come from there.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PG_SERVER = os.environ.get("ANBK_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "anbk_bench_import"
SEED = 2021


# ---------------------------------------------------------------------------------------------
# Parent: files, cases, report

def synth_files(rows: int, per_school: int, xlsx: bool) -> Path:
    """Generate (or reuse) the synthetic files for this size."""
    from anbk.registry.synth import write_synthetic

    if rows % per_school:
        sys.exit(f"--rows must be a multiple of --students-per-school ({per_school})")
    folder = OUT / f"synth-{rows}-{per_school}-s{SEED}"
    marker = folder / "done.json"
    done = json.loads(marker.read_text()) if marker.exists() else None
    if done is None or (xlsx and not done["xlsx"]):
        shutil.rmtree(folder, ignore_errors=True)
        started = time.monotonic()
        print(f"synth: {rows:,} students into {folder} (xlsx: {xlsx})", flush=True)
        counts = write_synthetic(out=folder, schools=rows // per_school,
                                 students_per_school=per_school, seed=SEED, xlsx=xlsx)
        marker.write_text(json.dumps({"xlsx": xlsx, "students": counts.students,
                                      "schools": counts.schools,
                                      "seconds": round(time.monotonic() - started, 1)}))
    return folder


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip()
    info = {"nproc": os.cpu_count(), "cpu": cpu, "free": free,
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds")}
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as problem:  # PostgreSQL is optional for a SQLite-only run
        info["postgresql"] = f"unavailable ({problem.__class__.__name__})"
    return info


def run_case(case: str, db: str, folder: Path, fmt: str, profile: bool) -> dict:
    spec = {"case": case, "db": db, "folder": str(folder), "format": fmt, "profile": profile}
    load = os.getloadavg()[0]
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(f"{case} on {db}/{fmt} failed")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["loadavg_before"] = round(load, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--students-per-school", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="csv")
    parser.add_argument("--only", choices=["pipeline", "baseline"],
                        help="run one side only (no ratio)")
    parser.add_argument("--profile", action="store_true",
                        help="profile the pipeline case with pyinstrument "
                             "(report in benchmarks/out/profile-*.txt)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return

    os.environ.setdefault("ANBK_VAR_DIR", str(OUT / "var"))
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    formats = ["csv", "xlsx"] if args.format == "both" else [args.format]
    folder = synth_files(args.rows, args.students_per_school, xlsx="xlsx" in formats)
    info = machine()
    print(json.dumps(info, indent=1))
    cases = [args.only] if args.only else ["pipeline", "baseline"]
    results = []
    for db in dbs:
        for fmt in formats:
            found = {}
            for case in cases:
                found[case] = run_case(case, db, folder, fmt, args.profile)
                print(_line(found[case]), flush=True)
            if len(found) == 2:
                ratio = found["pipeline"]["seconds"] / found["baseline"]["seconds"]
                found["pipeline"]["ratio_to_baseline"] = round(ratio, 2)
                print(f"  ratio pipeline/baseline: {ratio:.2f}", flush=True)
            results += found.values()
    with open(OUT / "results.jsonl", "a") as fh:
        for result in results:
            fh.write(json.dumps({**result, "rows": args.rows, "machine": info}) + "\n")


def _line(r: dict) -> str:
    phases = ""
    if "validate_seconds" in r:
        phases = f" (validate {r['validate_seconds']:.1f} s, write {r['write_seconds']:.1f} s)"
    during = (f"; during {r['rss_min_mb']:.0f}–{r['rss_max_mb']:.0f} MB"
              if "rss_min_mb" in r else "")
    return (f"{r['db']:8} {r['format']:4} {r['case']:8} {r['rows']:>9,} rows "
            f"{r['seconds']:8.1f} s{phases}  peak RSS {r['peak_rss_mb']:.0f} MB "
            f"(before {r['rss_before_mb']:.0f} MB{during})  load {r['loadavg_before']}")


# ---------------------------------------------------------------------------------------------
# Child: one case in a fresh process and a fresh database

def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _RssSampler(threading.Thread):
    """Current RSS every 100 ms, to say in which phase the peak happens."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.phase, self.peak, self.peak_phase = "start", 0.0, "start"
        self.running = True
        self.start()

    def run(self) -> None:
        while self.running:
            rss = _rss_mb()
            if rss > self.peak:
                self.peak, self.peak_phase = rss, self.phase
            time.sleep(0.1)

    def stop(self) -> None:
        self.phase = "after"
        time.sleep(0.05)
        self.running = False
        self.join()


def fresh_database(db: str, name: str, pg_database: str = PG_DATABASE) -> None:
    """Point DATABASE_URL at an empty database: a new SQLite file `benchmarks/out/<name>`
    or the PostgreSQL database `pg_database`, dropped and created again."""
    if db == "sqlite":
        path = OUT / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {pg_database} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {pg_database}")
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{pg_database}"


def _baseline_rows(path: Path, fmt: str, school_ids: dict, now: str):
    """The same rows, converted just enough for the table: no checks of any kind."""
    disability = {"Tidak": "none", "Tunarungu": "tunarungu", "Tunadaksa": "tunadaksa",
                  "Tunanetra": "tunanetra", "Tunagrahita": "tunagrahita", "Lainnya": "lainnya"}
    if fmt == "csv":
        import csv

        fh = open(path, newline="", encoding="utf-8")
        reader = csv.reader(fh)
    else:
        from python_calamine import CalamineWorkbook

        reader = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
    next(reader)
    for npsn, nisn, name, sex, place, born, grade, active, cards, dis, reading in reader:
        if isinstance(born, str):
            born = f"{born[6:]}-{born[3:5]}-{born[:2]}"
        else:
            born = born.isoformat()
        yield (nisn, school_ids[npsn], name, sex, place, born, int(grade), active == "Ya",
               cards == "Ya", disability[dis], reading == "Ya", now)


_STUDENT_COLUMNS = ("nisn, school_id, name, sex, birth_place, birth_date, grade, is_active, "
                    "report_cards_complete, disability, reading_barrier, updated_at")


def _baseline(path: Path, fmt: str) -> int:
    from django.db import connection, transaction
    from django.utils import timezone

    from anbk.registry.models import School

    school_ids = dict(School.objects.values_list("npsn", "id"))
    now = timezone.now().isoformat()
    rows = _baseline_rows(path, fmt, school_ids, now)
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                    f"COPY registry_student ({_STUDENT_COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            def counted():
                nonlocal count
                for row in rows:
                    count += 1
                    yield row

            # The sqlite3 connection itself: Django's executemany tee()s its argument to peek
            # at the first row, which keeps every row of a generator in memory.
            marks = ", ".join(["?"] * 12)
            connection.connection.executemany(
                f"INSERT INTO registry_student ({_STUDENT_COLUMNS}) VALUES ({marks})", counted())
    return count


def _pipeline_version() -> str:
    """A digest of the import package's source: ties each figure to the code it measured."""
    import hashlib

    import anbk.registry.importing as package

    digest = hashlib.sha256()
    for source in sorted(Path(package.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def child(spec: dict) -> None:
    case, db, fmt = spec["case"], spec["db"], spec["format"]
    folder = Path(spec["folder"])
    fresh_database(db, f"bench-{case}.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "anbk.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from anbk.registry.importing.services import import_file
    from anbk.registry.models import Student

    call_command("migrate", interactive=False, verbosity=0)
    for kind in ("regions", "schools"):
        result = import_file(actor=None, kind=kind, path=folder / f"{kind}.csv")
        assert result.written and not result.errors, kind
    path = folder / f"students.{fmt}"
    rss_before = _rss_mb()
    samples: list[tuple[str, float, float]] = []  # phase, seconds since start, RSS MB
    started = time.perf_counter()
    sampler = _RssSampler()

    def progress(phase: str, fraction: float, rows: int) -> None:
        sampler.phase = phase
        samples.append((phase, time.perf_counter() - started, _rss_mb()))

    extra: dict = {}
    if case == "pipeline":
        profiler = None
        if spec["profile"]:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.005)
            profiler.start()
        result = import_file(actor=None, kind="students", path=path, progress=progress)
        seconds = time.perf_counter() - started
        if profiler is not None:
            profiler.stop()
            report = OUT / f"profile-{db}-{fmt}.txt"
            report.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
            extra["profile"] = str(report)
        assert result.written and not result.errors, [p.text() for p in result.errors.sorted()]
        rows = result.counts["created"]
        # The pipeline always reports the end of validation (fraction 1.0) before writing.
        checked = [t for phase, t, _rss in samples if phase == "validate"]
        extra["validate_seconds"] = round(checked[-1] if checked else seconds, 2)
        extra["write_seconds"] = round(seconds - extra["validate_seconds"], 2)
    else:
        rows = _baseline(path, fmt)
        seconds = time.perf_counter() - started
    sampler.stop()
    extra["rss_peak_sampled_mb"] = round(sampler.peak, 1)
    extra["rss_peak_phase"] = sampler.peak_phase
    assert Student.objects.count() == rows
    rss = [s[2] for s in samples]
    print(json.dumps({
        "case": case, "db": db, "format": fmt, "rows": rows, "seconds": round(seconds, 2),
        "pipeline_version": _pipeline_version(),
        "peak_rss_mb": round(_peak_rss_mb(), 1), "rss_before_mb": round(rss_before, 1),
        **({"rss_min_mb": round(min(rss), 1), "rss_max_mb": round(max(rss), 1)} if rss else {}),
        **extra,
    }))


if __name__ == "__main__":
    main()
