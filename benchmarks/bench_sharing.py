"""Resource-sharing benchmark (S-2): a province of N schools of which G need a host, placed by
the engine (anbk.readiness.sharing.suggest) and, in the same run, by the greedy baseline a
person would follow by hand (each guest in turn to the nearest host that still has room).

    .venv/bin/python benchmarks/bench_sharing.py --schools 5000 --guests 1000
    .venv/bin/python benchmarks/bench_sharing.py --schools 5000 --guests 1000 --max-km 10 \\
        --spare 1.2 --repeat 3

The province is synthetic, shaped like Jawa Barat: schools cluster around 27 district towns
in a 2° × 2.5° box (a normal spread of ~8 km around each town, a quarter of them spread
thin over the countryside). Participants: SD-level 20–35, SMP/SMA-level 30–50 (P-5 caps).
Hosts have computers × sessions (S-3) minus their own participants left; `--spare` scales
how many hosts have a lab with places to spare: free places ≈ spare × the guests'
participants. The guests are
handed to both in the same (random) order. Prints time, total participant-km, unplaced
guests, the engine's lower bound (the split optimum) and the ratio engine/greedy.

With --page the same province is also written to a fresh SQLite database (temporary
ANBK_VAR_DIR: schools, approved readiness reports whose computers give the hosts their
places, students of the target grade as participants) and the sharing page's selector,
`readiness.selectors.sharing_plan`, is timed for the province team: the whole request's work
minus the template.
"""

import argparse
import datetime
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from anbk.core.resources import LEVEL_RESOURCES  # noqa: E402
from anbk.core.rules import Level  # noqa: E402
from anbk.readiness.sharing import Policy, Site, greedy, suggest  # noqa: E402

SOUTH, NORTH, WEST, EAST = -7.8, -5.9, 106.3, 108.8
TOWNS = 27
KM_PER_DEGREE = 111.2


def province(schools: int, guests: int, spare: float, seed: int) -> tuple[list, list]:
    rng = random.Random(seed)
    towns = [(rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)) for _ in range(TOWNS)]
    rows = []
    for key in range(schools):
        lat0, lon0 = rng.choice(towns)
        spread = (8 if rng.random() < 0.75 else 30) / KM_PER_DEGREE
        lat = min(max(rng.gauss(lat0, spread), SOUTH), NORTH)
        lon = min(max(rng.gauss(lon0, spread), WEST), EAST)
        level = rng.choices([Level.SD, Level.SMP, Level.SMA], weights=[6, 3, 1])[0]
        participants = rng.randint(20, 35) if level == Level.SD else rng.randint(30, 50)
        rows.append((key, lat, lon, level, participants, rng.choice(["negeri", "swasta"])))
    rng.shuffle(rows)
    guest_rows, host_rows = rows[:guests], rows[guests:]
    demand = sum(r[4] for r in guest_rows)
    # Hosts with a lab of 15–60 computers offer computers × sessions − own participants, in
    # random order until the places reach spare × demand; the other schools just manage
    # their own participants (no places left).
    hosts, offered = [], 0
    for key, lat, lon, level, participants, status in host_rows:
        free = 0
        if offered < spare * demand:
            computers = rng.randint(15, 60)
            free = max(computers * LEVEL_RESOURCES[level].max_sessions_per_day
                       - participants, 0)
            offered += free
        hosts.append(Site(key, lat, lon, 0, free, level, "kemdikbud", status))
    guest_sites = [Site(key, lat, lon, participants, 0, level, "kemdikbud", status)
                   for key, lat, lon, level, participants, status in guest_rows]
    return guest_sites, hosts


def timed(function, *args, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def check(result, guests, hosts, policy) -> int:
    """Violations of capacity or distance in a result (must be 0)."""
    capacity = {h.key: h.capacity for h in hosts}
    load: dict[int, int] = {}
    bad = 0
    for p in result.placements:
        load[p.host] = load.get(p.host, 0) + p.participants
        bad += p.km > policy.max_km
    return bad + sum(load[h] > capacity[h] for h in load)


def page_time(guests: list[Site], hosts: list[Site], repeat: int) -> tuple[float, int, int]:
    """Write the province into a fresh database and time sharing_plan for its team."""
    with tempfile.TemporaryDirectory(prefix="anbk-bench-sharing-") as var_dir:
        os.environ["ANBK_VAR_DIR"] = var_dir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return _page_run(guests, hosts, repeat)


def _page_run(guests, hosts, repeat):
    from decimal import Decimal

    from anbk.accounts.models import Role, User
    from anbk.core.rules import TARGET_GRADE
    from anbk.readiness.models import ReadinessReport
    from anbk.readiness.selectors import sharing_plan
    from anbk.registry.models import Region, School, Student

    province = Region.objects.create(code="32", name="Jawa Barat", kind="provinsi")
    district = Region.objects.create(code="32.04", name="Bandung", kind="kabupaten",
                                     parent=province)
    bentuk = {Level.SD: "SD", Level.SMP: "SMP", Level.SMA: "SMA"}
    tier = {Level.SD: "district", Level.SMP: "district", Level.SMA: "province"}
    sites = [(g, True) for g in guests] + [(h, False) for h in hosts]
    School.objects.bulk_create([School(
        npsn=f"{20000000 + s.key}", name=f"Sekolah {s.key}", bentuk=bentuk[Level(s.level)],
        level=s.level, status=s.status, agency="kemdikbud", tier=tier[Level(s.level)],
        district=district, province=province, source="dapodik",
        latitude=Decimal(f"{s.latitude:.6f}"), longitude=Decimal(f"{s.longitude:.6f}"))
        for s, _guest in sites], batch_size=2000)
    pk = dict(School.objects.values_list("npsn", "pk"))
    team = User.objects.create(username="prov32", role=Role.PROVINCE_TEAM, region=province)
    reports, students, nisn = [], [], 0
    born = datetime.date(2011, 1, 1)
    for site, is_guest in sites:
        school = pk[f"{20000000 + site.key}"]
        sessions = LEVEL_RESOURCES[Level(site.level)].max_sessions_per_day
        own = site.participants if is_guest else 30
        # A host's computers give exactly its places: computers × sessions − own = capacity.
        computers = 0 if is_guest else math.ceil((site.capacity + own) / sessions)
        reports.append(ReadinessReport(
            school_id=school, client_computers=computers, client_computers_total=computers,
            rooms=math.ceil(computers / 15) if computers else 0, bandwidth_mbps=Decimal(100),
            bandwidth_text="100 Mbps", technician_candidates=1, status="approved"))
        for _ in range(own):
            nisn += 1
            students.append(Student(nisn=f"{nisn:010d}", school_id=school, name="Peserta",
                                    sex="P", birth_date=born,
                                    grade=TARGET_GRADE[Level(site.level)]))
    ReadinessReport.objects.bulk_create(reports, batch_size=2000)
    Student.objects.bulk_create(students, batch_size=5000)
    from anbk.readiness.sharing import Policy as _Policy

    times, plan = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        plan = sharing_plan(actor=team, policy=_Policy(max_km=15))
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(plan.result.placements), len(plan.result.unplaced)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--guests", type=int, default=1000)
    parser.add_argument("--max-km", type=float, default=15.0)
    parser.add_argument("--spare", type=float, default=1.3,
                        help="hosts' free places as a multiple of the guests' participants")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the median is shown")
    parser.add_argument("--page", action="store_true",
                        help="also time the sharing page's selector on a SQLite database")
    args = parser.parse_args()

    guests, hosts = province(args.schools, args.guests, args.spare, args.seed)
    policy = Policy(max_km=args.max_km)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"province: {args.schools:,} schools, {len(guests):,} guests "
          f"({sum(g.participants for g in guests):,} participants), {len(hosts):,} hosts "
          f"({sum(h.capacity for h in hosts):,} free places), max {args.max_km:g} km, "
          f"seed {args.seed}")
    engine, engine_s = timed(suggest, guests, hosts, policy, repeat=args.repeat)
    base, base_s = timed(greedy, guests, hosts, policy, repeat=args.repeat)
    print(f"{'':<8}{'time s':>9}{'placed':>8}{'unplaced':>10}{'participant-km':>16}"
          f"{'mean km':>9}{'violations':>12}")
    for name, result, seconds in (("engine", engine, engine_s), ("greedy", base, base_s)):
        placed = sum(p.participants for p in result.placements)
        mean = result.total / placed if placed else math.nan
        print(f"{name:<8}{seconds:>9.2f}{len(result.placements):>8}{len(result.unplaced):>10}"
              f"{result.total:>16,.0f}{mean:>9.2f}{check(result, guests, hosts, policy):>12}")
    print(f"lower bound (split optimum): {engine.lower_bound:,.0f} participant-km; "
          f"engine/bound = {engine.total / engine.lower_bound:.4f}")
    common = ({p.guest for p in engine.placements} & {p.guest for p in base.placements})
    engine_common = sum(p.participants * p.km for p in engine.placements if p.guest in common)
    base_common = sum(p.participants * p.km for p in base.placements if p.guest in common)
    print(f"engine/greedy total distance = {engine.total / base.total:.3f}; on the "
          f"{len(common)} guests both placed = {engine_common / base_common:.3f}; "
          f"unplaced {len(engine.unplaced)} vs {len(base.unplaced)}")
    if args.page:
        seconds, placed, unplaced = page_time(guests, hosts, args.repeat)
        print(f"sharing page selector on SQLite (reads, calculator per school, engine): "
              f"{seconds:.2f} s; {placed} placed, {unplaced} unplaced")


if __name__ == "__main__":
    main()
