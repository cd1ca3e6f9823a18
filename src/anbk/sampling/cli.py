"""`anbk sample --region CODE [--seed N]` and `anbk export dns|dnt --school NPSN --format
csv|pdf`.

Without --user they act as the system with full scope (like `anbk import`): a district code
samples that district's district-tier schools of every agency, a province code its
province-tier schools, `pusat` the centre's (SILN, SPK). With --user the account's own
authority applies and must match the code. Exit status: 0 done; 1 refused (nothing to
sample, list not ready); 2 wrong invocation (unknown region, school or account; no
authority).
"""

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError

from anbk.core.scoping import school_q
from anbk.sampling import exports, services
from anbk.sampling.authority import authority_for_region
from anbk.sampling.models import SchoolSample


def _actor(username: str | None):
    if not username:
        return None
    from anbk.accounts.models import User

    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        raise ValidationError(f"Akun {username} tidak ditemukan atau tidak aktif.")
    return user


def _fail(message: str, status: int) -> int:
    print(f"GAGAL: {message}", file=sys.stderr)
    return status


def run_sample_command(*, region: str, seed: int | None, username: str | None) -> int:
    try:
        actor = _actor(username)
        authority = authority_for_region(region, actor=actor)
        run = services.run_sampling(actor=actor, authority=authority, seed=seed)
    except (ValidationError, PermissionDenied) as error:
        return _fail(" ".join(getattr(error, "messages", [str(error)])), 2)
    except services.SamplingRefused as refused:
        return _fail(str(refused), 1)
    empty = SchoolSample.objects.filter(run=run, regular_candidates=0,
                                        oversample_candidates=0).count()
    print(f"Sampling #{run.pk} ({authority.label}), seed {run.seed}: {run.schools} sekolah, "
          f"{run.candidates} calon, {run.main_count} utama, {run.reserve_count} cadangan; "
          f"{empty} sekolah tanpa calon yang memenuhi syarat.")
    return 0


def run_export_command(*, kind: str, npsn: str, fmt: str, out: str | None,
                       username: str | None) -> int:
    from anbk.registry.models import School
    from anbk.sampling import selectors

    try:
        actor = _actor(username)
    except ValidationError as error:
        return _fail(" ".join(error.messages), 2)
    # The system sees every school; an account only its scope.
    schools = School.objects.all() if actor is None else School.objects.filter(
        school_q(actor))
    school = schools.filter(npsn=npsn).first()
    sample = selectors.sample_of(school=school) if school else None
    participants = selectors.school_participants(school=school, stage=kind) if school else []
    if school is None:
        return _fail(f"Sekolah dengan NPSN {npsn} tidak ditemukan.", 2)
    try:
        content, name = exports.export_file(kind=kind, fmt=fmt, school=school, sample=sample,
                                            participants=participants)
    except exports.ExportRefused as refused:
        return _fail(str(refused), 1)
    if out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    target = Path(out or name)
    target.write_bytes(content)
    print(f"{kind.upper()} {school.npsn} ditulis ke {target} ({len(content)} bita).")
    return 0
