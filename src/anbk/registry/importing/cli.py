"""`anbk import regions|schools|students|teachers FILE` and `anbk import siln`.

Exit status: 0 when the file was imported (with --valid-only, also when rows were skipped:
they are listed); 1 when the file has errors and nothing was written; 2 for a wrong
invocation (no file, unknown account, an account not allowed to import this kind).
"""

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied

from anbk.registry.importing.pipeline import ImportResult
from anbk.registry.importing.services import import_file, siln_load

KIND_NAMES = {"regions": "wilayah", "schools": "satuan pendidikan",
              "students": "peserta didik", "teachers": "pendidik & kepala sekolah",
              "siln": "SILN"}


def _counts_line(counts) -> str:
    parts = [f"{counts.get('created', 0)} baru", f"{counts.get('updated', 0)} diperbarui",
             f"{counts.get('unchanged', 0)} tidak berubah"]
    if counts.get("deactivated"):
        parts.append(f"{counts['deactivated']} kepala sekolah lama dinonaktifkan")
    if counts.get("skipped"):
        parts.append(f"{counts['skipped']} baris dilewati")
    return ", ".join(parts)


def _print_errors(result: ImportResult) -> None:
    for problem in result.errors.sorted():
        print(problem.text(), file=sys.stderr)
    hidden = result.errors.count - len(result.errors.listed)
    if hidden:
        print(f"… dan {hidden} galat lainnya.", file=sys.stderr)


def _actor(username: str | None):
    if not username:
        return None
    from anbk.accounts.models import User

    return User.objects.filter(username__iexact=username, is_active=True).first() or False


def _progress(phase: str, fraction: float, rows: int) -> None:
    label = "memeriksa" if phase == "validate" else "menyimpan"
    print(f"\r{label}: {fraction:6.1%} ({rows} baris)", end="", file=sys.stderr, flush=True)


def run_import_command(*, kind: str, path: str | None, actor_username: str | None = None,
                       valid_only: bool = False) -> int:
    actor = _actor(actor_username)
    if actor is False:
        print(f"GAGAL: akun '{actor_username}' tidak ada atau tidak aktif.", file=sys.stderr)
        return 2
    try:
        if kind == "siln":
            counts = siln_load(actor=actor)
            print(f"SILN dimuat: {_counts_line(counts)}.")
            return 0
        if not path or not Path(path).is_file():
            print(f"GAGAL: berkas '{path or ''}' tidak ditemukan.", file=sys.stderr)
            return 2
        result = import_file(actor=actor, kind=kind, path=Path(path), valid_only=valid_only,
                             progress=_progress if sys.stderr.isatty() else None)
    except PermissionDenied as denied:
        print(f"GAGAL: {denied}", file=sys.stderr)
        return 2
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _print_errors(result)
    name = KIND_NAMES[kind]
    if not result.written:
        print(f"GAGAL: {result.errors.count} galat di {result.file_name}; tidak ada data "
              f"{name} yang disimpan.", file=sys.stderr)
        return 1
    print(f"Impor {name} selesai: {result.rows} baris; {_counts_line(result.counts)}.")
    return 0
