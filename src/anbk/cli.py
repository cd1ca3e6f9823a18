"""The `anbk` command: one entry point for operators (see README and docs/operations.md)."""

import argparse
import os
import sys


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    import django

    django.setup()


def _migrate(verbosity: int = 1) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def cmd_migrate(args) -> int:
    _migrate()
    return 0


def cmd_serve(args) -> int:
    from granian import Granian
    from granian.constants import Interfaces

    if not args.no_migrate:
        _migrate(verbosity=0)
    print(f"ANBK ({os.environ.get('ANBK_MODE', 'central')}) di http://{args.host}:{args.port}/",
          flush=True)
    Granian(
        "anbk.wsgi:application", interface=Interfaces.WSGI, address=args.host, port=args.port,
        workers=args.workers, blocking_threads=args.threads,
    ).serve()
    return 0


def cmd_worker(args) -> int:
    from django.core.management import call_command

    call_command("db_worker", "--no-reload", *(["--batch"] if args.batch else []))
    return 0


def cmd_demo(args) -> int:
    from anbk.portal.demo import run_demo

    return run_demo(host=args.host, port=args.port, reset=args.reset, serve=not args.no_serve)


def cmd_import(args) -> int:
    from anbk.registry.importing.cli import run_import_command

    return run_import_command(kind=args.kind, path=args.file, actor_username=args.user,
                              valid_only=args.valid_only)


def cmd_synth(args) -> int:
    from anbk.registry.synth import synth_command

    return synth_command(schools=args.schools, students_per_school=args.students_per_school,
                         out=args.out, seed=args.seed, xlsx=args.xlsx)


def cmd_audit(args) -> int:
    from anbk.core.audit import audit_verify
    from anbk.core.models import AuditHead

    problem = audit_verify()
    if problem is not None:
        print(f"GAGAL: {problem.message} (jenis: {problem.kind}, entri #{problem.seq})",
              file=sys.stderr)
        return 1
    head = AuditHead.objects.filter(id=1).first()
    print(f"OK: rantai audit utuh, {head.seq if head else 0} entri.")
    return 0


def cmd_keys(args) -> int:
    from anbk.items import keys

    try:
        if args.action == "create":
            info = keys.signing_key_create()
            print(f"Kunci penandatangan dibuat: {info.key_id}")
        elif args.action == "rotate":
            info = keys.signing_key_rotate()
            print(f"Kunci penandatangan baru: {info.key_id}; kunci lama dipensiunkan "
                  "(kunci publiknya tetap dipakai untuk verifikasi).")
        else:
            rows = keys.signing_keys()
            if not rows:
                print("Belum ada kunci penandatangan. Jalankan 'anbk keys create'.")
            for k in rows:
                state = "aktif" if k.active else f"pensiun {k.retired}"
                print(f"{k.key_id}  dibuat {k.created}  {state}")
    except keys.KeyringError as problem:
        print(f"GAGAL: {problem}", file=sys.stderr)
        return 1
    return 0


def cmd_sample(args) -> int:
    from anbk.sampling.cli import run_sample_command

    return run_sample_command(region=args.region, seed=args.seed, username=args.user)


def cmd_export(args) -> int:
    from anbk.sampling.cli import run_export_command

    return run_export_command(kind=args.kind, npsn=args.school, fmt=args.format, out=args.out,
                              username=args.user)


def cmd_packages(args) -> int:
    from pathlib import Path

    from django.core.exceptions import ValidationError

    from anbk.items import keys, package_services, packages
    from anbk.items.models import TestForm

    try:
        if args.action == "build":
            if not (args.form and args.session and args.out):
                print("GAGAL: build memerlukan --form, --session dan --out.", file=sys.stderr)
                return 2
            form = TestForm.objects.filter(code=args.form.strip().upper()).first()
            if form is None:
                print(f"GAGAL: paket soal {args.form} tidak ada.", file=sys.stderr)
                return 1
            data = package_services.session_package_build(actor=None, form=form,
                                                          session=args.session)
            Path(args.out).write_bytes(data)
            print(f"Paket {form.code} untuk sesi {args.session.strip()}: {args.out} "
                  f"({len(data):,} byte).")
        else:
            if not args.file:
                print("GAGAL: verify memerlukan berkas paket.", file=sys.stderr)
                return 2
            header = packages.verify_package(Path(args.file).read_bytes())
            print(f"OK: paket {header.kind} {header.ref} untuk sesi {header.session}, "
                  f"ditandatangani kunci {header.signer} pada {header.created}.")
    except (packages.PackageError, keys.KeyringError, OSError) as problem:
        print(f"GAGAL: {problem}", file=sys.stderr)
        return 1
    except ValidationError as problem:
        print(f"GAGAL: {' '.join(problem.messages)}", file=sys.stderr)
        return 1
    return 0


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["anbk manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anbk", description="Asesmen Nasional Berbasis Komputer")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="create a demo database with a synthetic province and serve it")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--reset", action="store_true", help="delete the demo data and load it again")
    p.add_argument("--no-serve", action="store_true", help="load the data, print logins, exit")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="serve the portal with granian")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--no-migrate", action="store_true")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run background jobs (imports, PDFs)")
    p.add_argument("--batch", action="store_true", help="run queued jobs, then exit")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("migrate", help="create or update the database tables")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("import", help="import regions, schools, students or teachers")
    p.add_argument("kind", choices=["regions", "schools", "students", "teachers", "siln"])
    p.add_argument("file", nargs="?", help="CSV or XLSX file (not for siln)")
    p.add_argument("--user", help="import as this account (default: the system, full scope)")
    p.add_argument("--valid-only", action="store_true",
                   help="import the valid rows and report the rest (default: all or nothing)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("synth", help="write synthetic import files of any size")
    p.add_argument("--schools", type=int, required=True)
    p.add_argument("--students-per-school", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=2021)
    p.add_argument("--xlsx", action="store_true", help="also write XLSX copies")
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser("audit", help="audit log tools")
    p.add_argument("action", choices=["verify"])
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("keys", help="the centre's package signing keys (D-7)")
    p.add_argument("action", choices=["create", "rotate", "list"])
    p.set_defaults(func=cmd_keys)

    p = sub.add_parser("sample", help="sample participants of a region (P-5, P-6)")
    p.add_argument("--region", required=True,
                   help="district code (32.04), province code (32) or 'pusat'")
    p.add_argument("--seed", type=int, help="seed of the random order (default: random)")
    p.add_argument("--user", help="run as this account (default: the system, full scope)")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("export", help="write a school's DNS or DNT as CSV or PDF (P-7)")
    p.add_argument("kind", choices=["dns", "dnt"])
    p.add_argument("--school", required=True, help="NPSN")
    p.add_argument("--format", choices=["csv", "pdf"], default="csv")
    p.add_argument("--out", help="file to write (default: <kind>-<NPSN>.<format>; - for stdout)")
    p.add_argument("--user", help="export as this account (default: the system, full scope)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("packages", help="signed, encrypted test packages per session (D-7)")
    p.add_argument("action", choices=["build", "verify"])
    p.add_argument("file", nargs="?", help="verify: the package file")
    p.add_argument("--form", help="build: code of a locked form or panel")
    p.add_argument("--session", help="build: the session the package is for")
    p.add_argument("--out", help="build: where to write the package")
    p.set_defaults(func=cmd_packages)

    p = sub.add_parser("manage", help="any Django management command")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "synth":
        _setup_django()
    from anbk.core.context import client_address

    client_address.set("cli")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
