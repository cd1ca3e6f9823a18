"""The centre's signing keys and the content-key wrap key (D-7): files, modes, rotation."""

import stat

import pytest

from anbk.cli import main as anbk
from anbk.core.models import AuditEntry
from anbk.items import keys, packages


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_creates_a_private_key_only_its_owner_can_read(keyring):
    (info,) = keys.signing_keys()
    assert info.active and info.has_private and info.retired is None
    assert mode(keyring / "signing" / f"{info.key_id}.key") == 0o600
    assert mode(keyring) == 0o700 and mode(keyring / "signing") == 0o700
    assert keys.key_id_of(keys.active_signer().private_key.public_key()) == info.key_id


def test_it_refuses_a_second_create(keyring):
    with pytest.raises(keys.KeyringError, match="anbk keys rotate"):
        keys.signing_key_create()
    assert len(keys.signing_keys()) == 1


def test_it_refuses_rotation_and_signing_without_a_key(settings, tmp_path, db):
    settings.PRIVATE_ROOT = tmp_path / "p"
    with pytest.raises(keys.KeyringError, match="anbk keys create"):
        keys.signing_key_rotate()
    with pytest.raises(keys.KeyringError, match="anbk keys create"):
        keys.active_signer()


def test_rotation_retires_the_old_key_but_keeps_it_for_verification(keyring):
    """D-7: a package signed before a rotation still verifies; the old key cannot sign."""
    ck = packages.new_content_key()
    old_package = packages.seal_package({"a": 1}, content_key=ck, kind="form", ref="F1",
                                        session="S1")
    old = keys.active_signer().key_id
    new = keys.signing_key_rotate()
    assert new.key_id != old and new.active
    retired = next(k for k in keys.signing_keys() if k.key_id == old)
    assert retired.retired and not retired.active and not retired.has_private
    assert not (keyring / "signing" / f"{old}.key").exists()
    assert set(keys.public_keys()) == {old, new.key_id}
    assert packages.open_package(old_package, content_key=ck)[1] == {"a": 1}
    fresh = packages.seal_package({"a": 2}, content_key=ck, kind="form", ref="F1", session="S1")
    assert packages.verify_package(fresh).signer == new.key_id


def test_key_changes_are_audited(keyring):
    keys.signing_key_rotate()
    assert list(AuditEntry.objects.order_by("seq").values_list("action", flat=True)) == [
        "keys.create", "keys.rotate"]


def test_a_public_key_file_that_does_not_match_its_id_is_not_trusted(keyring):
    (info,) = keys.signing_keys()
    other = keyring / "signing" / "other.pub"
    keys.signing_key_rotate()
    new = keys.active_signer().key_id
    # Swap the retired key's public file for the new key's: an id must match its key.
    (keyring / "signing" / f"{new}.pub").replace(other)
    other.replace(keyring / "signing" / f"{info.key_id}.pub")
    assert keys.public_keys() == {}


def test_the_wrap_key_is_made_once_with_mode_0600(keyring):
    first = keys.content_wrap_key()
    assert len(first) == 32 and keys.content_wrap_key() == first
    assert mode(keyring / "content-wrap.key") == 0o600


def test_a_damaged_wrap_key_is_refused(keyring):
    keys.content_wrap_key()
    (keyring / "content-wrap.key").write_bytes(b"short")
    with pytest.raises(keys.KeyringError, match="rusak"):
        keys.content_wrap_key()


def test_cli_create_rotate_list(settings, tmp_path, db, capsys):
    settings.PRIVATE_ROOT = tmp_path / "private"
    assert anbk(["keys", "list"]) == 0
    assert "Belum ada kunci" in capsys.readouterr().out
    assert anbk(["keys", "create"]) == 0
    assert anbk(["keys", "create"]) == 1
    assert "GAGAL" in capsys.readouterr().err
    assert anbk(["keys", "rotate"]) == 0
    capsys.readouterr()
    assert anbk(["keys", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "pensiun" in out[0] and out[1].endswith("aktif")
