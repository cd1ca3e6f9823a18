"""Login-storm benchmark (J-7): verifying participant logins against the keyed hash
(scheduling.credentials.verify_login) vs. argon2, the staff-password hasher, in the same run.

    .venv/bin/python benchmarks/bench_credentials.py --participants 20000
    .venv/bin/python benchmarks/bench_credentials.py --participants 20000 --argon2-samples 50

A fresh SQLite database in a temporary ANBK_VAR_DIR gets one district of schools with
`--per-school` participants each; their logins are issued through the service
(credentials_issue_participants, audited, one call per school) and timed. Then every
participant logs in once, in random order, as at the start of a session: 90 % with the
right password, 10 % with a wrong one. Figures: verifications per second with the database
lookup ("storm"), and for the HMAC comparison alone ("hmac"); the baseline verifies the
same kind of 8-character password with Django's Argon2PasswordHasher (its default cost) on a
sample, and the ratio is reported. One process, one core.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def setup_django(var_dir: str) -> None:
    os.environ["ANBK_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(participants: int, per_school: int) -> tuple[list[str], float]:
    """Schools, students and their logins; returns the usernames and the issue time."""
    import datetime

    from anbk.accounts.models import Role, User
    from anbk.registry.models import Region, School, Student
    from anbk.scheduling.services import credentials_issue_participants

    province = Region.objects.create(code="32", name="Jawa Barat", kind="provinsi")
    district = Region.objects.create(code="32.04", name="Bandung", kind="kabupaten",
                                     parent=province)
    centre = User.objects.create(username="pusat", role=Role.CENTRE_ADMIN)
    schools = School.objects.bulk_create([
        School(npsn=f"{20000000 + n}", name=f"SMP Negeri {n} Bandung", bentuk="SMP",
               level="SMP", status="negeri", agency="kemdikbud", tier="district",
               district=district, province=province, source="dapodik")
        for n in range((participants + per_school - 1) // per_school)])
    students = Student.objects.bulk_create([
        Student(nisn=f"{n:010d}", school=schools[n // per_school], name=f"Peserta {n}",
                sex="P", birth_date=datetime.date(2008, 1, 1), grade=8)
        for n in range(participants)])
    by_school: dict[int, list] = {}
    for student in students:
        by_school.setdefault(student.school_id, []).append(student)
    started = time.perf_counter()
    usernames = []
    for school in schools:
        issued = credentials_issue_participants(actor=centre, school=school,
                                                students=by_school[school.pk])
        usernames += [c.username for c in issued]
    return usernames, time.perf_counter() - started


def storm(usernames: list[str], wrong_share: float, seed: int) -> dict:
    from anbk.scheduling.credentials import derive_password, verify_login

    rng = random.Random(seed)
    attempts = []
    for username in usernames:
        password = derive_password(username, 1)
        if rng.random() < wrong_share:
            password = password[::-1] if password[::-1] != password else "salahsal"
        attempts.append((username, password))
    rng.shuffle(attempts)
    started = time.perf_counter()
    opened = sum(verify_login(u, p) is not None for u, p in attempts)
    seconds = time.perf_counter() - started
    return {"attempts": len(attempts), "opened": opened, "seconds": round(seconds, 3),
            "per_second": round(len(attempts) / seconds)}


def hmac_only(usernames: list[str]) -> dict:
    from anbk.scheduling.credentials import derive_password, digest_matches, password_digest

    pairs = [(u, derive_password(u, 1)) for u in usernames]
    stored = {u: password_digest(u, p) for u, p in pairs}
    started = time.perf_counter()
    ok = sum(digest_matches(stored[u], u, p) for u, p in pairs)
    seconds = time.perf_counter() - started
    assert ok == len(pairs)
    return {"attempts": len(pairs), "seconds": round(seconds, 4),
            "per_second": round(len(pairs) / seconds)}


def argon2_baseline(samples: int) -> dict:
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from anbk.scheduling.credentials import derive_password

    hasher = Argon2PasswordHasher()
    pairs = [derive_password(f"P{n:010d}", 1) for n in range(samples)]
    encoded = [hasher.encode(p, hasher.salt()) for p in pairs]
    started = time.perf_counter()
    ok = sum(hasher.verify(p, e) for p, e in zip(pairs, encoded, strict=True))
    seconds = time.perf_counter() - started
    assert ok == samples
    return {"attempts": samples, "seconds": round(seconds, 3),
            "per_second": round(samples / seconds, 1),
            "params": {"time_cost": hasher.time_cost, "memory_cost": hasher.memory_cost,
                       "parallelism": hasher.parallelism}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=20000)
    parser.add_argument("--per-school", type=int, default=50)
    parser.add_argument("--wrong-share", type=float, default=0.1)
    parser.add_argument("--argon2-samples", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    with tempfile.TemporaryDirectory(prefix="bench-credentials-") as var_dir:
        setup_django(var_dir)
        usernames, issue_seconds = build(args.participants, args.per_school)
        result = {
            "participants": len(usernames),
            "issue": {"seconds": round(issue_seconds, 2),
                      "per_second": round(len(usernames) / issue_seconds)},
            "storm": storm(usernames, args.wrong_share, args.seed),
            "hmac": hmac_only(usernames),
            "argon2": argon2_baseline(args.argon2_samples),
        }
    result["ratio_storm_vs_argon2"] = round(
        result["storm"]["per_second"] / result["argon2"]["per_second"])
    print(json.dumps(result, indent=2))
    print(f"\nlogin storm: {result['storm']['per_second']:,} verifications/s with the database "
          f"lookup, {result['hmac']['per_second']:,}/s HMAC alone; argon2: "
          f"{result['argon2']['per_second']}/s → {result['ratio_storm_vs_argon2']:,}× faster")


if __name__ == "__main__":
    main()
