"""The centre's Ed25519 signing keys and the server key that wraps content keys (D-7).

Files under settings.PRIVATE_ROOT / "keys" (folder mode 0700, secret files mode 0600):

- `signing/keyring.json` — every signing key the centre ever had: id, created, retired;
  `active` names the one that signs now.
- `signing/<id>.pub` — the public key (PEM, SubjectPublicKeyInfo). Kept for every key, so a
  package signed before a rotation still verifies.
- `signing/<id>.key` — the private key (PEM, PKCS#8), only for the active key: rotation
  deletes the old private key, so a retired key can never sign again.
- `content-wrap.key` — 32 random bytes: the AES-256 key under which content keys are stored
  wrapped (see anbk.items.packages.wrap_content_key).

A key id is the first 16 hex digits of SHA-256 over the raw 32-byte public key, so anyone
holding a public key can compute its id. docs/package-format.md describes how packages use
them; docs/decisions/0014-package-crypto.md why.
"""

import contextlib
import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record

WRAP_KEY_BYTES = 32


class KeyringError(Exception):
    """A key operation that cannot be done; the message says why, in Indonesian."""


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    created: str
    retired: str | None
    active: bool
    has_private: bool


@dataclass(frozen=True)
class Signer:
    key_id: str
    private_key: Ed25519PrivateKey


def key_dir() -> Path:
    return Path(settings.PRIVATE_ROOT) / "keys"


def _signing_dir() -> Path:
    return key_dir() / "signing"


def _ensure_dirs() -> None:
    for folder in (key_dir(), _signing_dir()):
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)


def key_id_of(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _write_secret(path: Path, data: bytes) -> None:
    """Create a file only the server's user can read; never overwrite one."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)  # the umask cannot widen it, but a umask of 0 must not matter either


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _read_keyring() -> dict:
    path = _signing_dir() / "keyring.json"
    if not path.exists():
        return {"active": None, "keys": []}
    return json.loads(path.read_text())


def _write_keyring(keyring: dict) -> None:
    data = json.dumps(keyring, indent=2, sort_keys=True).encode() + b"\n"
    _write_atomic(_signing_dir() / "keyring.json", data)


@contextlib.contextmanager
def _keyring_lock():
    """One key change at a time (two operators rotating at once would orphan a key)."""
    _ensure_dirs()
    try:
        import fcntl
    except ImportError:  # Windows: key changes happen on the central server (Linux) only
        yield
        return
    with open(_signing_dir() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _now() -> str:
    return timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _new_key(keyring: dict) -> str:
    private_key = Ed25519PrivateKey.generate()
    key_id = key_id_of(private_key.public_key())
    pem_private = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    pem_public = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    _write_secret(_signing_dir() / f"{key_id}.key", pem_private)
    _write_atomic(_signing_dir() / f"{key_id}.pub", pem_public)
    keyring["keys"].append({"id": key_id, "created": _now(), "retired": None})
    keyring["active"] = key_id
    return key_id


@transaction.atomic
def signing_key_create(*, actor=None) -> KeyInfo:
    """The centre's first signing key. Refused when one is active: use rotation instead."""
    with _keyring_lock():
        keyring = _read_keyring()
        if keyring["active"]:
            raise KeyringError(_("Kunci penandatangan aktif sudah ada ({key_id}). Gunakan "
                                 "'anbk keys rotate' untuk menggantinya.")
                               .format(key_id=keyring["active"]))
        key_id = _new_key(keyring)
        _write_keyring(keyring)
    audit_record(actor=actor, action="keys.create", summary={"key_id": key_id})
    return _info(key_id)


@transaction.atomic
def signing_key_rotate(*, actor=None) -> KeyInfo:
    """A new active key; the old one is retired: its public key stays for verification,
    its private key is deleted."""
    with _keyring_lock():
        keyring = _read_keyring()
        old = keyring["active"]
        if not old:
            raise KeyringError(_("Belum ada kunci penandatangan. Jalankan 'anbk keys create'."))
        key_id = _new_key(keyring)
        for entry in keyring["keys"]:
            if entry["id"] == old:
                entry["retired"] = _now()
        _write_keyring(keyring)
        (_signing_dir() / f"{old}.key").unlink(missing_ok=True)
    audit_record(actor=actor, action="keys.rotate", summary={"key_id": key_id, "retired": old})
    return _info(key_id)


def _info(key_id: str) -> KeyInfo:
    return next(k for k in signing_keys() if k.key_id == key_id)


def signing_keys() -> list[KeyInfo]:
    """Every key of the keyring, oldest first."""
    keyring = _read_keyring()
    return [KeyInfo(key_id=e["id"], created=e["created"], retired=e["retired"],
                    active=e["id"] == keyring["active"],
                    has_private=(_signing_dir() / f"{e['id']}.key").exists())
            for e in keyring["keys"]]


def active_signer() -> Signer:
    keyring = _read_keyring()
    key_id = keyring["active"]
    path = _signing_dir() / f"{key_id}.key" if key_id else None
    if path is None or not path.exists():
        raise KeyringError(_("Belum ada kunci penandatangan aktif. Jalankan 'anbk keys create'."))
    private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private_key, Ed25519PrivateKey) or key_id_of(
            private_key.public_key()) != key_id:
        raise KeyringError(_("Berkas kunci {key_id} rusak atau bukan kunci Ed25519.")
                           .format(key_id=key_id))
    return Signer(key_id=key_id, private_key=private_key)


def public_keys() -> dict[str, Ed25519PublicKey]:
    """Every public key the centre signed with, active and retired, by key id. A key whose
    file does not match its id is left out: it could not have signed under that id."""
    keys = {}
    for entry in _read_keyring()["keys"]:
        path = _signing_dir() / f"{entry['id']}.pub"
        if not path.exists():
            continue
        public_key = serialization.load_pem_public_key(path.read_bytes())
        if isinstance(public_key, Ed25519PublicKey) and key_id_of(public_key) == entry["id"]:
            keys[entry["id"]] = public_key
    return keys


def content_wrap_key() -> bytes:
    """The server key that wraps content keys, made on first use."""
    _ensure_dirs()
    path = key_dir() / "content-wrap.key"
    if not path.exists():
        # O_EXCL: two processes starting at once must not make two different keys.
        with contextlib.suppress(FileExistsError):
            _write_secret(path, os.urandom(WRAP_KEY_BYTES))
    data = path.read_bytes()
    if len(data) != WRAP_KEY_BYTES:
        raise KeyringError(_("Kunci pembungkus {path} rusak (panjang {n} byte).")
                           .format(path=path, n=len(data)))
    return data
