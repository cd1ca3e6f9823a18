"""Append-only, hash-chained audit log.

Each entry's hash is SHA-256 over the previous hash and a canonical JSON of its own fields,
so editing, inserting or deleting any entry breaks the chain at that point; the head row
records the last seq and hash so a truncated tail is caught too.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from anbk.core.context import client_address
from anbk.core.models import AuditEntry, AuditHead

GENESIS = "0" * 64
_PG_LOCK_KEY = 0x414E424B  # "ANBK": serialises appenders on PostgreSQL


def _digest(prev_hash: str, fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def _fields(entry: AuditEntry) -> dict:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "summary": entry.summary,
        "ip": entry.ip,
    }


def _actor_label(actor) -> str:
    if actor is None:
        return "sistem"
    return getattr(actor, "username", str(actor))


@transaction.atomic
def audit_record(*, actor, action: str, obj=None, summary: dict | None = None,
                 ip: str | None = None) -> AuditEntry:
    """Append one entry. Call inside the service's transaction so both commit together."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    # On SQLite, IMMEDIATE transactions already serialise writers.
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        id=1, defaults={"seq": 0, "hash": GENESIS}
    )
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_label=_actor_label(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=json.loads(json.dumps(summary or {}, default=str)),
        ip=client_address.get() if ip is None else ip,
        prev_hash=head.hash,
    )
    entry.hash = _digest(entry.prev_hash, _fields(entry))
    entry.save()
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    return entry


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    kind: str  # "edited", "inserted", "deleted", "truncated"
    message: str


def audit_verify() -> AuditProblem | None:
    """Walk the chain; return the first problem found, or None when it is intact."""
    prev_hash, expected_seq = GENESIS, 1
    for entry in AuditEntry.objects.order_by("seq", "id").iterator(chunk_size=5000):
        if entry.seq > expected_seq:
            return AuditProblem(expected_seq, "deleted",
                                f"entri #{expected_seq} hilang (dihapus) sebelum #{entry.seq}")
        if entry.seq < expected_seq or entry.prev_hash != prev_hash:
            return AuditProblem(entry.seq, "inserted",
                                f"entri #{entry.seq} disisipkan: tidak menyambung ke rantai")
        if _digest(entry.prev_hash, _fields(entry)) != entry.hash:
            return AuditProblem(entry.seq, "edited", f"entri #{entry.seq} diubah setelah dicatat")
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    head = AuditHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        return AuditProblem(last_seq + 1, "truncated",
                            f"rantai berakhir di #{last_seq}, kepala mencatat #{head.seq}")
    return None
