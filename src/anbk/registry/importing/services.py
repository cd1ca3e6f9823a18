"""Import writes that are not background jobs: a file from the command line, and the SILN
reference list."""

from collections import Counter
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.rules import SILN_SCHOOLS, Agency, Level, Tier
from anbk.registry.importing.base import Changes
from anbk.registry.importing.errors import ErrorLog
from anbk.registry.importing.kinds import KINDS
from anbk.registry.importing.pipeline import ImportResult, ProgressFn, run_import
from anbk.registry.models import DataSource, School, SchoolStatus

SILN_NPSN_PREFIX = "699000"
# One record per SILN: the POS list names schools, not levels. The level only narrows which
# grades a student import accepts; the centre can change it later through a schools import
# (with a Jenjang column), and re-running the loader keeps what it set.
SILN_DEFAULT_LEVEL = Level.SMA


def import_file(*, actor, kind: str, path: Path, file_name: str = "", valid_only: bool = False,
                progress: ProgressFn | None = None, audit_obj=None,
                on_written=None) -> ImportResult:
    """Import one file of `kind` as `actor` (None: the command line, with full scope).

    Not wrapped in one transaction on purpose: validation reads outside it and the writes
    run in their own (see pipeline.py); the audit entry is written with the data.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    importer = KINDS[kind](actor=actor, errors=ErrorLog())
    return run_import(importer=importer, path=Path(path), file_name=file_name,
                      valid_only=valid_only, progress=progress, audit_obj=audit_obj,
                      on_written=on_written)


def siln_npsn(index: int) -> str:
    return f"{SILN_NPSN_PREFIX}{index:02d}"


@transaction.atomic
def siln_load(*, actor) -> Counter:
    """Upsert the 13 SILN of POS BAB XI (core.rules.SILN_SCHOOLS) as centre-held schools."""
    if actor is not None and not actor.has_perm("imports.load_siln"):
        raise PermissionDenied(_("Hanya admin pusat yang memuat daftar SILN."))
    counts: Counter = Counter()
    existing = School.objects.in_bulk([siln_npsn(i) for i in range(1, len(SILN_SCHOOLS) + 1)],
                                      field_name="npsn")
    changes = Changes(School)
    for index, (name, address, country) in enumerate(SILN_SCHOOLS, 1):
        fields = {"name": name, "address": address, "country": country, "bentuk": "SILN",
                  "status": SchoolStatus.PUBLIC, "agency": Agency.KEMDIKBUD.value,
                  "tier": Tier.CENTRE.value, "district_id": None, "province_id": None,
                  "source": DataSource.DAPODIK}
        school = existing.get(siln_npsn(index))
        if school is None:
            changes.create(npsn=siln_npsn(index), level=SILN_DEFAULT_LEVEL.value, **fields)
        elif not changes.update(school, fields):
            counts["unchanged"] += 1
    changes.save(counts)
    audit_record(actor=actor, action="import.siln", summary=dict(counts))
    return counts
