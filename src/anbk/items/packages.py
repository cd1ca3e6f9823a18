"""Signed, encrypted test packages (D-7): the test is unreadable outside an open session.

A package is: magic, a canonical-JSON header, the AES-256-GCM ciphertext of the zlib-compressed
canonical-JSON payload (header as associated data), and an Ed25519 signature of the centre
over everything before it. docs/package-format.md gives the byte layout; this module is its
only writer and reader.

The content key is per session. It is stored wrapped (AES-256-GCM under the server's wrap key
from anbk.items.keys, wrap_content_key) and handed out only after the session's token was
released.

Reading checks, in order, and refuses with its own exception: structure and lengths
(PackageTruncated, PackageFormatError), signer known (PackageUnknownSigner), signature
(PackageSignatureInvalid), content key (PackageWrongKey), decryption (PackageTampered),
decompressed size (PackageFormatError). Nothing is decrypted before the signature holds.
"""

import base64
import datetime
import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils.translation import gettext as _

from anbk.items import keys

MAGIC = b"ANBKPKG1"
FORMAT = 1
CIPHER = "AES-256-GCM"
COMPRESSION = "zlib"
CONTENT_KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SIGNATURE_BYTES = 64
_HEADER_LEN = struct.Struct(">I")
_BODY_LEN = struct.Struct(">Q")
# A header is a few hundred bytes; a bigger one is not ours and is not parsed.
MAX_HEADER_BYTES = 64 * 1024
# The largest payload a package may unpack to: a panel with its images is a few MB; this
# stops a decompression bomb from a (compromised) signer filling the memory of a proctor PC.
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
PAYLOAD_TYPES = ("json", "bytes")
WRAP_VERSION = 1


class PackageError(Exception):
    """A package that is refused. `code` names the reason for programs; the message is for
    people (Indonesian)."""

    code = "package"


class PackageFormatError(PackageError):
    code = "format"


class PackageTruncated(PackageError):
    code = "truncated"


class PackageUnknownSigner(PackageError):
    code = "unknown_signer"


class PackageSignatureInvalid(PackageError):
    code = "bad_signature"


class PackageWrongKey(PackageError):
    code = "wrong_key"


class PackageTampered(PackageError):
    code = "tampered"


class ContentKeyError(PackageError):
    """A stored content key that cannot be unwrapped (wrong server key, edited row)."""

    code = "content_key"


@dataclass(frozen=True)
class PackageHeader:
    kind: str
    ref: str
    session: str
    signer: str
    content_key_id: str
    created: str
    nonce: bytes
    payload_type: str
    size: int


def canonical_json(value) -> bytes:
    """The one serialisation of a JSON value: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def new_content_key() -> bytes:
    return os.urandom(CONTENT_KEY_BYTES)


def content_key_id(content_key: bytes) -> str:
    """Names a content key without revealing it (SHA-256 of a random 256-bit key)."""
    return hashlib.sha256(b"anbk content key\x00" + content_key).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def seal_package(payload, *, content_key: bytes, kind: str, ref: str, session: str,
                 signer: keys.Signer | None = None,
                 created: datetime.datetime | None = None) -> bytes:
    """Serialise, compress, encrypt and sign. payload: a JSON value (dict, list…) or bytes."""
    if len(content_key) != CONTENT_KEY_BYTES:
        raise ValueError("content key must be 32 bytes")
    signer = signer or keys.active_signer()
    if isinstance(payload, bytes | bytearray):
        plain, payload_type = bytes(payload), "bytes"
    else:
        plain, payload_type = canonical_json(payload), "json"
    if len(plain) > MAX_PAYLOAD_BYTES:
        raise PackageFormatError(_("Isi paket terlalu besar ({n} byte).").format(n=len(plain)))
    nonce = os.urandom(NONCE_BYTES)
    created = (created or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    header = canonical_json({
        "cipher": CIPHER,
        "compression": COMPRESSION,
        "content_key_id": content_key_id(content_key),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "format": FORMAT,
        "kind": kind,
        "nonce": _b64(nonce),
        "payload": payload_type,
        "ref": ref,
        "session": session,
        "signer": signer.key_id,
        "size": len(plain),
    })
    body = AESGCM(content_key).encrypt(nonce, zlib.compress(plain, 9), header)
    signed = MAGIC + _HEADER_LEN.pack(len(header)) + header + _BODY_LEN.pack(len(body)) + body
    return signed + signer.private_key.sign(signed)


@dataclass(frozen=True)
class _Parts:
    header_bytes: bytes
    body: bytes
    signed: bytes
    signature: bytes


def _split(data: bytes) -> _Parts:
    total = len(data)
    if total < len(MAGIC):
        raise PackageTruncated(_("Paket terpotong: hanya {n} byte.").format(n=total))
    if data[:len(MAGIC)] != MAGIC:
        raise PackageFormatError(_("Berkas ini bukan paket tes ANBK (tanda awal salah)."))
    pos = len(MAGIC)

    def need(n: int, what: str) -> None:
        if pos + n > total:
            raise PackageTruncated(
                _("Paket terpotong pada {what}: perlu {need} byte, tersisa {left}.")
                .format(what=what, need=n, left=total - pos))

    need(_HEADER_LEN.size, _("panjang kepala"))
    (header_len,) = _HEADER_LEN.unpack_from(data, pos)
    pos += _HEADER_LEN.size
    if header_len > MAX_HEADER_BYTES:
        raise PackageFormatError(_("Kepala paket terlalu panjang ({n} byte).").format(n=header_len))
    need(header_len, _("kepala"))
    header_bytes = data[pos:pos + header_len]
    pos += header_len
    need(_BODY_LEN.size, _("panjang isi"))
    (body_len,) = _BODY_LEN.unpack_from(data, pos)
    pos += _BODY_LEN.size
    need(body_len, _("isi terenkripsi"))
    body = data[pos:pos + body_len]
    pos += body_len
    need(SIGNATURE_BYTES, _("tanda tangan"))
    signed = data[:pos]
    signature = data[pos:pos + SIGNATURE_BYTES]
    pos += SIGNATURE_BYTES
    if pos != total:
        raise PackageFormatError(_("Paket memiliki {n} byte tambahan setelah tanda tangan.")
                                 .format(n=total - pos))
    return _Parts(header_bytes, body, signed, signature)


_HEADER_FIELDS = {"cipher": str, "compression": str, "content_key_id": str, "created": str,
                  "format": int, "kind": str, "nonce": str, "payload": str, "ref": str,
                  "session": str, "signer": str, "size": int}


def _parse_header(header_bytes: bytes) -> PackageHeader:
    bad = PackageFormatError(_("Kepala paket tidak sah."))
    try:
        fields = json.loads(header_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad from None
    if not isinstance(fields, dict) or set(fields) != set(_HEADER_FIELDS) or any(
            type(fields[name]) is not kind for name, kind in _HEADER_FIELDS.items()):
        raise bad
    if fields["format"] != FORMAT:
        raise PackageFormatError(_("Versi format paket {v} tidak didukung.")
                                 .format(v=fields["format"]))
    if (fields["cipher"], fields["compression"]) != (CIPHER, COMPRESSION) or (
            fields["payload"] not in PAYLOAD_TYPES) or not 0 <= fields["size"] <= (
            MAX_PAYLOAD_BYTES):
        raise bad
    try:
        nonce = base64.b64decode(fields["nonce"], validate=True)
    except ValueError:
        raise bad from None
    if len(nonce) != NONCE_BYTES:
        raise bad
    return PackageHeader(kind=fields["kind"], ref=fields["ref"], session=fields["session"],
                         signer=fields["signer"], content_key_id=fields["content_key_id"],
                         created=fields["created"], nonce=nonce, payload_type=fields["payload"],
                         size=fields["size"])


def verify_package(data: bytes, *,
                   trusted: dict[str, Ed25519PublicKey] | None = None) -> PackageHeader:
    """Check structure and signature without decrypting (a local server does this when it
    receives a package, days before the session). Returns the header."""
    return _verified(data, trusted)[0]


def _verified(data: bytes, trusted) -> tuple[PackageHeader, _Parts]:
    parts = _split(data)
    header = _parse_header(parts.header_bytes)
    trusted = keys.public_keys() if trusted is None else trusted
    public_key = trusted.get(header.signer)
    if public_key is None:
        raise PackageUnknownSigner(
            _("Paket ditandatangani kunci yang tidak dikenal ({key_id}); paket ditolak.")
            .format(key_id=header.signer))
    try:
        public_key.verify(parts.signature, parts.signed)
    except InvalidSignature:
        raise PackageSignatureInvalid(
            _("Tanda tangan paket tidak sah: paket telah diubah atau tidak ditandatangani "
              "oleh pusat.")) from None
    return header, parts


def open_package(data: bytes, *, content_key: bytes,
                 trusted: dict[str, Ed25519PublicKey] | None = None):
    """Verify, then decrypt and unpack. Returns (header, payload)."""
    header, parts = _verified(data, trusted)
    if content_key_id(content_key) != header.content_key_id:
        raise PackageWrongKey(_("Kunci isi tidak cocok dengan paket ini (paket untuk sesi "
                                "{session}).").format(session=header.session))
    try:
        compressed = AESGCM(content_key).decrypt(header.nonce, parts.body, parts.header_bytes)
    except InvalidTag:
        raise PackageTampered(_("Isi paket tidak dapat didekripsi: paket rusak.")) from None
    plain = _inflate(compressed, header.size)
    if header.payload_type == "bytes":
        return header, plain
    try:
        return header, json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageFormatError(_("Isi paket bukan JSON yang sah.")) from None


def _inflate(compressed: bytes, size: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(compressed, size + 1)
    except zlib.error:
        raise PackageFormatError(_("Isi paket tidak dapat diurai (kompresi rusak).")) from None
    if len(plain) != size or not inflater.eof or inflater.unconsumed_tail:
        raise PackageFormatError(_("Ukuran isi paket tidak sesuai kepalanya."))
    return plain


def wrap_content_key(content_key: bytes, *, session: str) -> bytes:
    """The content key as stored: version byte, nonce, AES-256-GCM(wrap key) of the key with
    the session as associated data (a wrapped key moved to another session does not open)."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(keys.content_wrap_key()).encrypt(nonce, content_key, _wrap_aad(session))
    return bytes([WRAP_VERSION]) + nonce + sealed


def unwrap_content_key(wrapped: bytes, *, session: str) -> bytes:
    if len(wrapped) != 1 + NONCE_BYTES + CONTENT_KEY_BYTES + TAG_BYTES or (
            wrapped[0] != WRAP_VERSION):
        raise ContentKeyError(_("Kunci isi tersimpan untuk sesi {session} rusak.")
                              .format(session=session))
    nonce, sealed = wrapped[1:1 + NONCE_BYTES], wrapped[1 + NONCE_BYTES:]
    try:
        return AESGCM(keys.content_wrap_key()).decrypt(nonce, sealed, _wrap_aad(session))
    except InvalidTag:
        raise ContentKeyError(_("Kunci isi tersimpan untuk sesi {session} tidak dapat dibuka "
                                "dengan kunci server ini.").format(session=session)) from None


def _wrap_aad(session: str) -> bytes:
    return b"anbk content key for session\x00" + session.encode("utf-8")
