"""The audit log is an append-only hash chain; `anbk audit verify` finds tampering."""

import pytest
from django.db.models import F

from anbk.cli import main as anbk
from anbk.core.audit import audit_record, audit_verify
from anbk.core.models import AuditEntry, AuditHead


@pytest.fixture
def chain(world):
    for i in range(5):
        audit_record(actor=world.centre, action="test.write", obj=world.sd,
                     summary={"i": i, "nama": "Sekolah Dasar ñ"}, ip="10.0.0.1")
    return list(AuditEntry.objects.order_by("seq"))


def test_it_chains_entries_and_verifies_clean(chain, capsys):
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))
    assert audit_verify() is None
    assert anbk(["audit", "verify"]) == 0
    assert "5 entri" in capsys.readouterr().out


def test_it_records_actor_object_and_address(chain, world):
    e = chain[0]
    assert (e.actor_id, e.actor_label, e.object_type, e.object_id, e.ip) == (
        world.centre.pk, "pusat", "registry.school", str(world.sd.pk), "10.0.0.1")


def test_it_detects_an_edited_entry(chain, capsys):
    AuditEntry.objects.filter(seq=3).update(summary={"i": 99})
    problem = audit_verify()
    assert (problem.kind, problem.seq) == ("edited", 3)
    assert anbk(["audit", "verify"]) == 1
    assert "#3" in capsys.readouterr().err


def test_it_detects_an_edited_entry_whose_hash_was_recomputed(chain):
    # An attacker who rewrites entry 2 and its hash still breaks the link to entry 3.
    AuditEntry.objects.filter(seq=2).update(hash="f" * 64)
    problem = audit_verify()
    assert problem.seq in (2, 3)


def test_it_detects_a_deleted_entry(chain):
    AuditEntry.objects.filter(seq=2).delete()
    problem = audit_verify()
    assert (problem.kind, problem.seq) == ("deleted", 2)


def test_it_detects_an_inserted_entry(chain):
    AuditEntry.objects.filter(seq__gte=4).update(seq=F("seq") + 1000)
    fake = chain[2]
    fake.pk, fake.seq, fake.prev_hash = None, 4, "a" * 64
    fake.save()
    problem = audit_verify()
    assert (problem.kind, problem.seq) == ("inserted", 4)


def test_it_detects_a_truncated_tail(chain):
    AuditEntry.objects.filter(seq=5).delete()
    problem = audit_verify()
    assert problem.kind == "truncated"
    assert AuditHead.objects.get().seq == 5
