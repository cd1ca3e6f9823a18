"""Placement benchmark (J-4): a district of N schools, hosts and guests, through the services;
time and constraint violations (must be 0).

    .venv/bin/python benchmarks/bench_placement.py --schools 500

A fresh SQLite database (temporary ANBK_VAR_DIR) gets one district of `--schools` schools:
60 % SD (35 participants: 30 main + 5 reserve), 25 % SMP and 15 % SMA (50 each); every
fifth school is a guest at the host before it (S-2; hosts of any level, so some guests ride
across levels). Each host gets rooms of 8–15 clients, about one client per 3 participants
(1 per 2 at SD, S-3), sometimes fewer. Timed, through the audited services: the host sets
its sessions per level (`sessions_set`, the suggested number a day, and the second day pair
when one pair is short) and runs `placement_run` per level. Then every stored placement is
checked against the constraints from the database: seats exist, no seat twice, ≤ 15 per room
and session, everyone placed at most once, guests at their host, the same session on both
days, and nobody left unplaced while a seat of their host and level is free. Baseline in
the same run: the pure planner (anbk.scheduling.planner) on the same inputs, no database.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

LEVELS = (("SD", "SD", 0.60, 30, 5), ("SMP", "SMP", 0.25, 45, 5), ("SMA", "SMA", 0.15, 45, 5))


def setup_django(var_dir: str) -> None:
    os.environ["ANBK_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n_schools: int, seed: int):
    from anbk.accounts.models import Role, User
    from anbk.core.rules import BENTUK
    from anbk.readiness.models import HostingStatus, ModaDecision
    from anbk.registry.models import Region, School, Student
    from anbk.sampling.models import Assessment, Participant, SamplingRun, SchoolSample
    from anbk.staffing.models import Room

    rng = random.Random(seed)
    province = Region.objects.create(code="32", name="Jawa Barat", kind="provinsi")
    district = Region.objects.create(code="32.04", name="Bandung", kind="kabupaten",
                                     parent=province)
    actor = User.objects.create(username="kab3204", role=Role.DISTRICT_TEAM, region=district)
    kinds = []
    for level, bentuk, share, main, reserve in LEVELS:
        kinds += [(level, bentuk, main, reserve)] * round(share * n_schools)
    kinds = (kinds + [kinds[0]] * n_schools)[:n_schools]
    rng.shuffle(kinds)
    schools = School.objects.bulk_create([
        School(npsn=f"{20400000 + i}", name=f"{bentuk} Negeri {i} Bandung", bentuk=bentuk,
               level=level, status="negeri", agency=BENTUK[bentuk].agency, tier="district",
               district=district, province=province, source="dapodik")
        for i, (level, bentuk, _m, _r) in enumerate(kinds)])
    assessment = Assessment.objects.create(year=2021, name="AN 2021")
    run = SamplingRun.objects.create(assessment=assessment, tier="district", seed=seed)
    samples = SchoolSample.objects.bulk_create([
        SchoolSample(assessment=assessment, school=s, run=run) for s in schools])
    grade = {"SD": 5, "SMP": 8, "SMA": 11}
    students, rows = [], []
    for school, sample, (level, _b, main, reserve) in zip(schools, samples, kinds, strict=True):
        for k in range(main + reserve):
            students.append(Student(nisn=f"{len(students):010d}", school=school,
                                    name=f"Peserta {len(students)}", sex="P",
                                    birth_date=datetime.date(2010, 1, 1), grade=grade[level]))
            rows.append((school, sample, "main" if k < main else "reserve"))
    Student.objects.bulk_create(students, batch_size=2000)
    Participant.objects.bulk_create([
        Participant(assessment=assessment, school_sample=sample, school=school, student=student,
                    run=run, sample_type="regular", participant_type=kind,
                    random_key=f"{i:016x}")
        for i, (student, (school, sample, kind)) in enumerate(zip(students, rows, strict=True))],
        batch_size=2000)
    hosts, guest_of = [], {}
    for i, school in enumerate(schools):
        if i % 5 == 4 and hosts:
            guest_of[school.pk] = hosts[-1]
        else:
            hosts.append(school)
    ModaDecision.objects.bulk_create([
        ModaDecision(school_id=g, moda="online", status=HostingStatus.GUEST, host=h,
                     reason="bench", decided_by=actor) for g, h in guest_of.items()])
    seated = Counter()
    for school, (_level, _b, main, reserve) in zip(schools, kinds, strict=True):
        host = guest_of.get(school.pk, school)
        seated[host.pk] += main + reserve
    room_rows = []
    for host in hosts:
        ratio = 2 if host.level == "SD" else 3
        need = -(-seated[host.pk] // ratio)
        clients = round(need * rng.uniform(0.8, 1.2))
        n = 1
        while clients > 0:
            size = min(15, max(8, clients))
            room_rows.append(Room(school=host, name=f"Lab {n}", clients=size))
            clients -= size
            n += 1
    Room.objects.bulk_create(room_rows)
    return actor, hosts, guest_of


def place_all(actor, hosts) -> dict:
    from anbk.core.schedule import DAY_PAIRS
    from anbk.scheduling import selectors, services, sources

    counts = Counter()
    started = time.perf_counter()
    for host in hosts:
        for level in sources.levels_at(host):
            per_day = selectors.suggested_sessions(host, level)
            per_pair = {1: per_day}
            outcome = services.sessions_set(actor=actor, school=host, level=level,
                                            wave=1 if level == "SD" else 0, per_pair=per_pair)
            if outcome.warnings and DAY_PAIRS > 1:  # one pair is short: use the second too
                per_pair[2] = per_day
                services.sessions_set(actor=actor, school=host, level=level,
                                      wave=1 if level == "SD" else 0, per_pair=per_pair)
            result = services.placement_run(actor=actor, school=host, level=level)
            counts["placed"] += result.placed
            counts["unplaced"] += result.unplaced
            counts["runs"] += 1
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return dict(counts)


def planner_only(hosts) -> dict:
    """The same problems through the pure planner, no database writes (baseline)."""
    from anbk.scheduling import sources
    from anbk.scheduling.models import Session
    from anbk.scheduling.planner import RoomSeats, Sitter, Slot, plan_placement

    problems = []
    for host in hosts:
        rooms = [RoomSeats(r.pk, r.clients) for r in sources.host_rooms(host)]
        for level in sources.levels_at(host):
            slots = [Slot(s.pair, s.number) for s in Session.objects.filter(school=host,
                                                                             level=level)]
            sitters = [Sitter(p.pk, p.school_id, sources.sitting_order(p))
                       for p in sources.participants_at(host, level)]
            problems.append((slots, rooms, sitters))
    started = time.perf_counter()
    placed = sum(len(plan_placement(slots=s, rooms=r, sitters=p).seats)
                 for s, r, p in problems)
    return {"placed": placed, "seconds": round(time.perf_counter() - started, 3)}


def violations(guest_of) -> dict:
    """Every constraint checked on what the database holds."""
    from anbk.core.resources import ROOM_MAX_CLIENTS
    from anbk.sampling.models import Participant
    from anbk.scheduling.models import Placement, Session
    from anbk.scheduling.planner import Slot
    from anbk.staffing.models import Room

    found: Counter = Counter()
    rooms = {r.pk: r for r in Room.objects.all()}
    seats, per_room, placed = set(), Counter(), Counter()
    free = defaultdict(int)
    rows = Placement.objects.values_list("participant_id", "participant__school_id",
                                         "participant__school__level", "session__school_id",
                                         "session__level", "session__pair", "session__number",
                                         "session_id", "room_id", "seat")
    for pid, school_id, level, host_id, s_level, pair, number, session_id, room_id, seat in rows:
        room = rooms[room_id]
        expected_host = guest_of[school_id].pk if school_id in guest_of else school_id
        found["guest_not_at_host"] += host_id != expected_host
        found["wrong_level"] += level != s_level
        found["room_of_other_school"] += room.school_id != host_id
        found["seat_missing"] += not 1 <= seat <= min(room.clients, ROOM_MAX_CLIENTS)
        found["seat_twice"] += (session_id, room_id, seat) in seats
        seats.add((session_id, room_id, seat))
        per_room[(session_id, room_id)] += 1
        placed[pid] += 1
        found["not_both_days"] += len(Slot(pair, number).days) != 2
    found["room_over_capacity"] = sum(
        n > min(rooms[room_id].clients, ROOM_MAX_CLIENTS) for (_s, room_id), n in per_room.items())
    found["participant_twice"] = sum(n > 1 for n in placed.values())
    # Nobody unplaced while their host has a free seat in a session of their level.
    for session in Session.objects.all():
        capacity = sum(min(r.clients, ROOM_MAX_CLIENTS) for r in rooms.values()
                       if r.school_id == session.school_id)
        free[(session.school_id, session.level)] += capacity - sum(
            n for (s, _r), n in per_room.items() if s == session.pk)
    unplaced = Participant.objects.filter(placement__isnull=True).values_list("school_id",
                                                                               "school__level")
    found["unplaced_with_free_seat"] = sum(
        free[(guest_of[s].pk if s in guest_of else s, level)] > 0 for s, level in unplaced)
    found["unplaced"] = len(unplaced)
    return dict(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    with tempfile.TemporaryDirectory(prefix="bench-placement-") as var_dir:
        setup_django(var_dir)
        started = time.perf_counter()
        actor, hosts, guest_of = build(args.schools, args.seed)
        build_seconds = round(time.perf_counter() - started, 1)
        from anbk.sampling.models import Participant

        result = {"schools": args.schools, "hosts": len(hosts), "guests": len(guest_of),
                  "participants": Participant.objects.count(), "build_seconds": build_seconds,
                  "services": place_all(actor, hosts)}
        result["planner_only"] = planner_only(hosts)
        result["violations"] = violations(guest_of)
    broken = {k: v for k, v in result["violations"].items() if v and k != "unplaced"}
    result["ratio_services_vs_planner"] = round(
        result["services"]["seconds"] / max(result["planner_only"]["seconds"], 1e-6))
    print(json.dumps(result, indent=2))
    print(f"\nplacement of {result['participants']:,} participants at {len(hosts)} hosts: "
          f"{result['services']['seconds']} s through the services "
          f"({result['planner_only']['seconds']} s planner alone); "
          f"violations: {sum(broken.values())}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
