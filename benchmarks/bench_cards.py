"""Login-card benchmark (J-5): N participants' cards into one PDF, against a baseline
ReportLab document with the same number of pages and nothing on them.

    .venv/bin/python benchmarks/bench_cards.py --cards 1000 100000
    .venv/bin/python benchmarks/bench_cards.py --cards 100000 --per-school 40 --profile

Each case runs in a fresh subprocess pinned to one core, so its peak RSS (getrusage
high-water mark) is its own; speed is counted in CPU time (cards per CPU-second), which a
busy shared machine does not distort, with the wall time beside it. Rows are generated on
the fly (a generator, as the batch job feeds them), with names that need diacritics on one
card in ten. "cards" writes one PDF to a file; "zip" writes one PDF per school of
--per-school participants into a zip file, the way a district batch is stored; "baseline"
is a Canvas with the same page count, showPage only.
Results go to stdout and to benchmarks/out/results.jsonl.
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
NAMES = ("Siti Nurhaliza", "Muhammad Rizky Pratama", "Dewi Lestari Wulandari", "Ahmad Fauzi",
         "Ni Luh Putu Ayu Kartika", "I Gede Made Wirawan", "Rina Marlina", "Yohanes Paulus",
         "Fransiskus Xaverius Lamahoda", "Ñoño Çağlar Đặng Thị Hương")


def rows(count: int, per_school: int):
    from anbk.documents.cards import CardRow

    days = ("Senin, 6-9-2021 · Sesi 1 · 07.30–09.40", "Selasa, 7-9-2021 · Sesi 1 · 07.30–09.40")
    for i in range(count):
        school = i // per_school
        yield CardRow(name=f"{NAMES[i % len(NAMES)]} {i}", nisn=f"{i:010d}",
                      an_number=f"2-26-32-04-{school:04d}-{i % per_school:04d}-7",
                      school=f"SD Negeri {school} Soreang", username=f"p26{i:08d}",
                      password="K7RW4MZP", days=days,
                      room=f"Lab Komputer {i % 3 + 1} (ID proktor {school:08d}-00{i % 3 + 1})",
                      seat=f"{i % 15 + 1:02d}")


def child(spec: dict) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    import django

    django.setup()
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from anbk.documents.cards import PER_PAGE, render_login_cards
    from anbk.documents.pdf import register_fonts

    register_fonts()
    count, per_school = spec["cards"], spec["per_school"]
    target = OUT / f"bench-cards-{spec['case']}-{count}.{'zip' if spec['case'] == 'zip' else 'pdf'}"
    pages = -(-count // PER_PAGE)
    profiler = cProfile.Profile() if spec["profile"] else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    if spec["case"] == "cards":
        with open(target, "wb") as out:
            pages = render_login_cards(rows(count, per_school), out, year=2026)
    elif spec["case"] == "zip":
        pages = 0
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
            source = rows(count, per_school)
            for school in range(-(-count // per_school)):
                batch = (next(source) for _ in range(min(per_school,
                                                         count - school * per_school)))
                buffer = io.BytesIO()
                pages += render_login_cards(batch, buffer, year=2026)
                archive.writestr(f"kartu-{school:05d}.pdf", buffer.getvalue())
    else:
        with open(target, "wb") as out:
            canvas = Canvas(out, pagesize=A4, pageCompression=1)
            for _page in range(pages):
                canvas.showPage()
            canvas.save()
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    result = {"case": spec["case"], "cards": count, "pages": pages,
              "seconds": round(seconds, 3), "cards_per_s": round(count / seconds),
              "cpu_seconds": round(cpu, 3), "cards_per_cpu_s": round(count / cpu),
              "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
              "bytes": target.stat().st_size}
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(15)
        result["profile"] = text.getvalue()
    target.unlink()
    return result


def run(case: str, cards: int, per_school: int, profile: bool) -> dict:
    spec = {"case": case, "cards": cards, "per_school": per_school, "profile": profile}
    # One core: the goal is stated per core, and the machine is shared.
    command = ["taskset", "-c", "0", sys.executable, __file__, "--child", json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--per-school", type=int, default=40)
    parser.add_argument("--zip", action="store_true", help="also the per-school zip case")
    parser.add_argument("--profile", action="store_true", help="cProfile the cards case")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    OUT.mkdir(exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.2f}")
    for count in args.cards:
        results = {case: run(case, count, args.per_school, args.profile and case == "cards")
                   for case in ("cards", "baseline", *(("zip",) if args.zip else ()))}
        # CPU time, not wall time: on a shared machine the wall clock counts other
        # processes' turns too.
        ratio = results["cards"]["cpu_seconds"] / max(results["baseline"]["cpu_seconds"], 1e-9)
        for result in results.values():
            profile = result.pop("profile", None)
            print(f"{result['case']:>8}: {result['cards']:>7,} cards, {result['pages']:>6,} pages,"
                  f" {result['seconds']:>7.2f} s wall, {result['cpu_seconds']:>7.2f} s CPU, "
                  f"{result['cards_per_cpu_s']:>6,} cards/CPU-s, "
                  f"peak RSS {result['peak_rss_mib']:>4} MiB, {result['bytes'] / 1e6:.1f} MB")
            if profile:
                print(profile)
        print(f"   ratio: cards take {ratio:.1f}× the empty baseline's CPU time")
        with open(OUT / "results.jsonl", "a") as log:
            log.write(json.dumps({"bench": "cards", "at": datetime.datetime.now().isoformat(
                timespec="seconds"), "ratio": round(ratio, 2), **{
                    k: v for k, v in results.items()}}) + "\n")


if __name__ == "__main__":
    main()
