"""Supervisor assignment benchmark (S-7): the crosswise planner on a synthetic province of
N schools × S sessions, against a first-fit baseline in the same run.

    .venv/bin/python benchmarks/bench_supervisors.py --schools 5000 --sessions 3

The data is plain (the planner is a pure function): schools scattered over Jawa Barat's
bounding box, each with 1–3 rooms (one seat per room and session), a supervisor pool of
about 1.2 people per room proposed by the schools themselves (a tenth of them serving a
second, nearby school, P-8), and a tenth of the schools hosting a guest school whose staff
may not supervise there either (S-2). Some people are busy as proctors in some sessions.
Both planners get the same input; the figures are wall and CPU time, constraint violations (checked
by `plan_violations`, must be 0), unfilled seats, and total / mean distance with the ratio
planner ÷ first-fit.
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")

from anbk.staffing.planner import (  # noqa: E402
    Candidate,
    Seat,
    first_fit_supervisors,
    plan_supervisors,
    plan_violations,
)

# Jawa Barat, roughly: where the schools of the synthetic province lie.
LAT = (-7.8, -5.9)
LON = (106.3, 108.8)
SEED = 2021


def province(schools: int, sessions: int, seed: int):
    rng = random.Random(seed)
    places = [(rng.uniform(*LAT), rng.uniform(*LON)) for _ in range(schools)]
    guests = {}
    for host in rng.sample(range(schools), schools // 10):
        guests[host] = min(range(schools), key=lambda s: abs(places[s][0] - places[host][0])
                           + abs(places[s][1] - places[host][1]) + (s == host) * 99)
    seats, candidates, busy = [], [], []
    room = person = 0
    slots = [(1, s) for s in range(1, sessions + 1)]
    for school, (lat, lon) in enumerate(places):
        seated = frozenset({school, guests[school]} if school in guests else {school})
        rooms = rng.choices((1, 2, 3), weights=(5, 3, 2))[0]
        for _ in range(rooms):
            seats += [Seat(room, slot, school, lat, lon, seated) for slot in slots]
            room += 1
        for _ in range(round(rooms * 1.2) or 1):
            serves = {school}
            if rng.random() < 0.1:
                serves.add(rng.randrange(schools))
            candidates.append(Candidate(person, frozenset(serves), lat, lon))
            if rng.random() < 0.15:  # also a proctor at home in one session
                busy.append((person, rng.choice(slots)))
            person += 1
    rng.shuffle(candidates)  # first-fit takes the pool in the order it comes
    return seats, candidates, busy


def run(name: str, planner, seats, candidates, busy) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    plan = planner(seats, candidates, busy)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    violations = plan_violations(seats, plan, busy)
    known = [p.distance_km for p in plan.placements if p.distance_km is not None]
    # CPU time next to wall time: on the shared machine the load swings the wall clock.
    return {"planner": name, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "violations": len(violations),
            "placed": len(plan.placements), "unfilled": len(plan.unfilled),
            "total_km": round(plan.total_km), "mean_km": round(sum(known) / len(known), 2)
            if known else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    seats, candidates, busy = province(args.schools, args.sessions, args.seed)
    print(json.dumps({"schools": args.schools, "sessions": args.sessions,
                      "seats": len(seats), "pool": len(candidates), "busy": len(busy),
                      "python": platform.python_version(), "nproc": os.cpu_count(),
                      "loadavg": round(os.getloadavg()[0], 2)}))
    planned = run("planner", plan_supervisors, seats, candidates, busy)
    print(json.dumps(planned), flush=True)
    baseline = run("first-fit", first_fit_supervisors, seats, candidates, busy)
    print(json.dumps(baseline), flush=True)
    ratio = planned["total_km"] / baseline["total_km"] if baseline["total_km"] else None
    print(f"distance planner ÷ first-fit: {ratio:.4f}" if ratio is not None else "no distance")
    if planned["violations"] or baseline["violations"]:
        sys.exit("constraint violations found")


if __name__ == "__main__":
    main()
