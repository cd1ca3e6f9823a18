"""`anbk demo`: a database with a synthetic province, one login per role, and the portal.

Everything goes in the way real data does: the province is written by `anbk synth` into a
temporary folder and loaded through the import pipeline (validation included), the SILN list
through its loader, and every account through accounts.services.user_issue by the level that
issues it (S-8), so the audit log reads like a real one. Only two shortcuts exist, both
audited and both for the demo alone: the very first centre admin has no issuer, and every
demo account gets the same known password without a forced change.
"""

import argparse
import importlib
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from anbk.accounts.models import Role, User
from anbk.core.audit import audit_record
from anbk.core.rules import Agency
from anbk.registry.models import Region, School
from anbk.registry.synth import SynthCounts, write_synthetic
from anbk.registry.synth_places import DISTRICTS_BY_CODE

DEMO_PASSWORD = "anbk-demo-2025"
DEMO_SEED = 2021
# Jawa Barat: Kab. Bandung (where the district accounts sit), Kota Bandung, Kota Cimahi and
# Kab. Bandung Barat.
DEMO_DISTRICTS = ("32.04", "32.73", "32.77", "32.17")
DEMO_PROVINCE = "32"
DEMO_SCHOOLS = 48
DEMO_STUDENTS_PER_SCHOOL = 45  # 48 × 45 = 2,160 students

CENTRE = "pusat"


@dataclass(frozen=True)
class _Account:
    username: str
    role: str
    full_name: str
    issuer: str | None  # username of the issuing account; None: the bootstrap centre admin
    agency: str = Agency.KEMDIKBUD
    region: str | None = None  # region code for team accounts
    school_bound: bool = False  # bound to the demo school


def _accounts(npsn: str) -> list[_Account]:
    district = DEMO_DISTRICTS[0].replace(".", "")
    return [
        _Account(CENTRE, Role.CENTRE_ADMIN, "Hendra Gunawan", None),
        _Account(f"prov{DEMO_PROVINCE}", Role.PROVINCE_TEAM, "Euis Komalasari", CENTRE,
                 region=DEMO_PROVINCE),
        _Account(f"kanwil{DEMO_PROVINCE}", Role.PROVINCE_TEAM, "Ahmad Fauzi", CENTRE,
                 agency=Agency.KEMENAG, region=DEMO_PROVINCE),
        _Account(f"kab{district}", Role.DISTRICT_TEAM, "Dadang Suryana", f"prov{DEMO_PROVINCE}",
                 region=DEMO_DISTRICTS[0]),
        _Account(f"kemenag{district}", Role.DISTRICT_TEAM, "Nur Hasanah",
                 f"kanwil{DEMO_PROVINCE}", agency=Agency.KEMENAG, region=DEMO_DISTRICTS[0]),
        _Account(f"op{npsn}", Role.SCHOOL_OPERATOR, "Rina Marlina", f"kab{district}",
                 school_bound=True),
        _Account(f"proktor{npsn}", Role.PROCTOR, "Asep Saepudin", f"op{npsn}",
                 school_bound=True),
        _Account(f"teknisi{npsn}", Role.TECHNICIAN, "Yudi Permana", f"op{npsn}",
                 school_bound=True),
        _Account(f"pengawas{npsn}", Role.SUPERVISOR, "Dewi Rahmawati", f"kab{district}",
                 school_bound=True),
        _Account("penulis.soal", Role.ITEM_AUTHOR, "Lestari Widyaningsih", CENTRE),
        _Account("penelaah.soal", Role.ITEM_REVIEWER, "Bambang Sutrisno", CENTRE),
    ]


class DemoError(Exception):
    """The demo cannot be prepared (message in Indonesian)."""


def _say(text: str) -> None:
    print(text, flush=True)


def _migrate_if_needed() -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        _say("Menyiapkan basis data (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)


def demo_school() -> School | None:
    """The school the school-level demo accounts belong to: a public SD of Kab. Bandung,
    under the district Dinas, so every team account above it sees it too."""
    return (School.objects.filter(district__code=DEMO_DISTRICTS[0], bentuk="SD",
                                  status="negeri").order_by("npsn").first())


def demo_users() -> list[User]:
    """The demo accounts that exist, in the order of the login table."""
    school = demo_school()
    wanted = [a.username for a in _accounts(school.npsn if school else "-")]
    found = {u.username: u for u in User.objects.filter(username__in=wanted)
             .select_related("region", "school")}
    return [found[name] for name in wanted if name in found]


def demo_ready() -> bool:
    school = demo_school()
    return school is not None and len(demo_users()) == len(_accounts(school.npsn))


# ---------------------------------------------------------------------------------------------
# Loading

@transaction.atomic
def _centre_bootstrap(account: _Account) -> User:
    """The first centre admin: no account exists yet that could issue it."""
    user = User.objects.filter(username=account.username).first()
    if user is not None:
        return user
    first, _sep, last = account.full_name.partition(" ")
    user = User(username=account.username, role=account.role, first_name=first,
                last_name=last, must_change_password=True)
    user.set_unusable_password()
    user.save()
    audit_record(actor=None, action="user.bootstrap", obj=user,
                 summary={"username": user.username, "role": user.role, "demo": True})
    return user


def _import(kind: str, path: Path, actor: User) -> None:
    from anbk.registry.importing.services import import_file

    started = time.monotonic()
    result = import_file(actor=actor, kind=kind, path=path)
    if not result.written:
        shown = [p.text() for p in result.errors.sorted()[:10]]
        raise DemoError(f"Impor {path.name} ditolak ({result.errors.count} galat):\n  "
                        + "\n  ".join(shown))
    counts = result.counts
    _say(f"  {path.name:<13} {result.rows:>6} baris: {counts.get('created', 0)} baru, "
         f"{counts.get('updated', 0)} diperbarui, {counts.get('unchanged', 0)} tetap "
         f"({time.monotonic() - started:.1f} dtk)")


def demo_load(*, centre: User, schools: int, students_per_school: int) -> SynthCounts:
    """Generate the province and load it through the import pipeline as the centre admin."""
    districts = [DISTRICTS_BY_CODE[code] for code in DEMO_DISTRICTS]
    with tempfile.TemporaryDirectory(prefix="anbk-demo-") as tmp:
        out = Path(tmp)
        counts = write_synthetic(out=out, schools=schools,
                                 students_per_school=students_per_school, seed=DEMO_SEED,
                                 districts=districts)
        _say(f"Memuat provinsi sintetis Jawa Barat ({len(districts)} kabupaten/kota, "
             f"{counts.schools} sekolah, {counts.students} siswa, {counts.teachers} guru) "
             "melalui impor…")
        for kind in ("regions", "schools", "students", "teachers"):
            _import(kind, out / f"{kind}.csv", centre)
    from anbk.registry.importing.services import siln_load

    siln = siln_load(actor=centre)
    _say(f"  SILN (13 Sekolah Indonesia Luar Negeri): {siln.get('created', 0)} baru")
    return counts


def _set_demo_password(user: User) -> None:
    with transaction.atomic():
        user.set_password(DEMO_PASSWORD)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_record(actor=None, action="user.demo_password", obj=user,
                     summary={"username": user.username, "demo": True})


def demo_accounts(centre: User) -> list[User]:
    """Issue every missing demo account from the level that issues it, then give each the
    demo password. Existing accounts are left as they are."""
    from anbk.accounts.services import user_issue

    school = demo_school()
    if school is None:
        raise DemoError("Sekolah demo (SD negeri di Kab. Bandung) tidak ditemukan.")
    users = {CENTRE: centre}
    fresh = [] if centre.has_usable_password() else [centre]
    for account in _accounts(school.npsn)[1:]:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            region = Region.objects.get(code=account.region) if account.region else None
            user = user_issue(actor=users[account.issuer], username=account.username,
                              role=account.role, full_name=account.full_name, region=region,
                              school=school if account.school_bound else None,
                              agency=account.agency).user
            fresh.append(user)
        users[account.username] = user
    for user in fresh:
        _set_demo_password(user)
    return demo_users()


def demo_app_steps(users: list[User]) -> None:
    """Let every anbk app that has one run its demo step, in INSTALLED_APPS order (each may
    build on the ones above it): `anbk.<app>.demo.load_demo(users=...)`, given the demo
    accounts by username. A step goes through the app's services, as a person would."""
    by_username = {user.username: user for user in users}
    for config in apps.get_app_configs():
        if not config.name.startswith("anbk."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as missing:
            if missing.name == f"{config.name}.demo":
                continue
            raise
        load = getattr(module, "load_demo", None)
        if load is not None:
            started = time.monotonic()
            load(users=by_username)
            _say(f"  {config.label}: siap ({time.monotonic() - started:.1f} dtk)")


def demo_reset() -> None:
    """Empty the database, but only when it holds nothing but demo data (no other account,
    no school outside the demo districts): --reset must never wipe a real installation that
    DATABASE_URL happens to point at."""
    demo = {u.pk for u in demo_users()}
    others = User.objects.exclude(pk__in=demo).count()
    schools = (School.objects.exclude(district__code__in=DEMO_DISTRICTS)
               .exclude(bentuk="SILN").count())
    if others or schools:
        found = f"{others} akun" if others else f"{schools} sekolah"
        raise DemoError(f"--reset dibatalkan: basis data ini berisi {found} di luar data "
                        "demo. Gunakan basis data lain (DATABASE_URL).")
    _say("Mengosongkan basis data demo…")
    call_command("flush", interactive=False, verbosity=0)


# ---------------------------------------------------------------------------------------------
# Output and serving

def _role_label(user: User) -> str:
    label = str(user.get_role_display())
    if user.role in (Role.PROVINCE_TEAM, Role.DISTRICT_TEAM):
        office = {(Role.PROVINCE_TEAM, Agency.KEMDIKBUD): "Dinas Pendidikan",
                  (Role.PROVINCE_TEAM, Agency.KEMENAG): "Kanwil Kemenag",
                  (Role.DISTRICT_TEAM, Agency.KEMDIKBUD): "Dinas Pendidikan",
                  (Role.DISTRICT_TEAM, Agency.KEMENAG): "Kantor Kemenag"}[(user.role,
                                                                            user.agency)]
        label = f"{label} ({office})"
    return label


def _scope_label(user: User) -> str:
    if user.school_id:
        return f"{user.school.name} ({user.school.npsn})"
    if user.region_id:
        return str(user.region)
    return "Seluruh Indonesia"


def login_table(users: list[User]) -> str:
    rows = [("Nama pengguna", "Kata sandi", "Peran", "Lingkup")]
    rows += [(u.username, DEMO_PASSWORD, _role_label(u), _scope_label(u)) for u in users]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    return f"http://{shown}:{port}/"


def _serve(host: str, port: int) -> int:
    """The portal as `anbk serve` runs it, with `anbk worker` beside it for portal imports."""
    from anbk.cli import cmd_serve

    worker = subprocess.Popen([sys.executable, "-m", "anbk.cli", "worker"])
    try:
        return cmd_serve(argparse.Namespace(host=host, port=port, workers=1, threads=8,
                                            no_migrate=True))
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def run_demo(*, host: str, port: int, reset: bool, serve: bool, schools: int = DEMO_SCHOOLS,
             students_per_school: int = DEMO_STUDENTS_PER_SCHOOL) -> int:
    started = time.monotonic()
    try:
        _migrate_if_needed()
        if reset:
            demo_reset()
        if demo_ready():
            _say("Data demo sudah ada; dipakai lagi (--reset untuk memuat ulang).")
            users = demo_users()
        else:
            centre = _centre_bootstrap(_accounts("-")[0])
            demo_load(centre=centre, schools=schools, students_per_school=students_per_school)
            users = demo_accounts(centre)
            demo_app_steps(users)
            _say(f"Demo siap dalam {time.monotonic() - started:.1f} detik.")
    except DemoError as problem:
        print(f"GAGAL: {problem}", file=sys.stderr)
        return 1
    _say("")
    _say("Akun demo — HANYA UNTUK DEMO: semua memakai kata sandi yang sama dan tidak diminta "
         "menggantinya. Jangan pakai basis data ini untuk data sungguhan.")
    _say(login_table(users))
    _say("")
    if not serve:
        _say(f"Portal: {_url(host, port)} (jalankan `anbk demo` tanpa --no-serve untuk "
             "menyalakannya)")
        return 0
    _say(f"Portal: {_url(host, port)} — tekan Ctrl+C untuk berhenti.")
    return _serve(host, port)
