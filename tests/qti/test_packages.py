"""Signed, encrypted packages (D-7): a tampered, truncated, wrongly signed or wrongly keyed
package is refused with a clear error; nothing is decrypted before the signature holds."""

import json
import struct
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anbk.items import keys, packages
from anbk.items.packages import (
    ContentKeyError,
    PackageError,
    PackageFormatError,
    PackageSignatureInvalid,
    PackageTampered,
    PackageTruncated,
    PackageUnknownSigner,
    PackageWrongKey,
)

PAYLOAD = {"form": "AKM-SD-LIT-01", "items": [{"id": 1, "stem": "Bacalah teks berikut…"}],
           "waktu": 75}
FIXTURE_CHECKS = [HealthCheck.function_scoped_fixture]


@pytest.fixture
def sealed(keyring):
    ck = packages.new_content_key()
    data = packages.seal_package(PAYLOAD, content_key=ck, kind="form", ref="AKM-SD-LIT-01",
                                 session="S-2026-11-03-1")
    return data, ck


def resign(signed: bytes, signer: keys.Signer) -> bytes:
    return signed + signer.private_key.sign(signed)


def assemble(header: dict, body: bytes) -> bytes:
    raw = packages.canonical_json(header)
    return (packages.MAGIC + struct.pack(">I", len(raw)) + raw + struct.pack(">Q", len(body))
            + body)


def header_of(data: bytes) -> dict:
    (n,) = struct.unpack_from(">I", data, 8)
    return json.loads(data[12:12 + n])


def test_it_round_trips_json_and_bytes(sealed, keyring):
    data, ck = sealed
    header, payload = packages.open_package(data, content_key=ck)
    assert payload == PAYLOAD
    assert (header.kind, header.ref, header.session, header.payload_type) == (
        "form", "AKM-SD-LIT-01", "S-2026-11-03-1", "json")
    assert header.signer == keys.active_signer().key_id
    blob = bytes(range(256)) * 10
    raw = packages.seal_package(blob, content_key=ck, kind="media", ref="gambar", session="S")
    assert packages.open_package(raw, content_key=ck)[1] == blob


def test_the_content_is_not_readable_without_the_key(sealed):
    data, _ = sealed
    assert b"Bacalah" not in data and b"AKM-SD-LIT-01" in data  # the header is clear text
    assert packages.verify_package(data).content_key_id == packages.content_key_id(sealed[1])


def test_the_layout_matches_docs(sealed):
    """docs/package-format.md: magic, u32 header length, header, u64 body length, body, sig."""
    data, ck = sealed
    assert data[:8] == b"ANBKPKG1"
    (hlen,) = struct.unpack_from(">I", data, 8)
    header = json.loads(data[12:12 + hlen])
    assert data[12:12 + hlen] == packages.canonical_json(header)
    (blen,) = struct.unpack_from(">Q", data, 12 + hlen)
    body = data[20 + hlen:20 + hlen + blen]
    assert len(data) == 20 + hlen + blen + 64
    nonce = packages.base64.b64decode(header["nonce"])
    plain = zlib.decompress(AESGCM(ck).decrypt(nonce, body, data[12:12 + hlen]))
    assert plain == packages.canonical_json(PAYLOAD) and header["size"] == len(plain)
    signer = keys.public_keys()[header["signer"]]
    signer.verify(data[-64:], data[:-64])


def test_a_wrong_content_key_is_refused(sealed):
    data, _ = sealed
    with pytest.raises(PackageWrongKey, match="Kunci isi tidak cocok"):
        packages.open_package(data, content_key=packages.new_content_key())


def test_a_package_signed_by_an_unknown_key_is_refused(sealed):
    data, ck = sealed
    stranger = Ed25519PrivateKey.generate()
    forged = packages.seal_package(PAYLOAD, content_key=ck, kind="form", ref="X", session="S",
                                   signer=keys.Signer(keys.key_id_of(stranger.public_key()),
                                                      stranger))
    with pytest.raises(PackageUnknownSigner, match="tidak dikenal"):
        packages.open_package(forged, content_key=ck)


def test_a_package_signed_by_another_key_under_our_key_id_is_refused(sealed):
    data, ck = sealed
    impostor = keys.Signer(keys.active_signer().key_id, Ed25519PrivateKey.generate())
    forged = packages.seal_package(PAYLOAD, content_key=ck, kind="form", ref="X", session="S",
                                   signer=impostor)
    with pytest.raises(PackageSignatureInvalid, match="Tanda tangan paket tidak sah"):
        packages.open_package(forged, content_key=ck)


@settings(max_examples=150, suppress_health_check=FIXTURE_CHECKS, deadline=None)
@given(st.data())
def test_any_changed_byte_is_refused(sealed, data):
    raw, ck = sealed
    pos = data.draw(st.integers(0, len(raw) - 1))
    flip = data.draw(st.integers(1, 255))
    tampered = bytearray(raw)
    tampered[pos] ^= flip
    with pytest.raises(PackageError):
        packages.open_package(bytes(tampered), content_key=ck)


def test_a_changed_header_value_breaks_the_signature(sealed):
    raw, ck = sealed
    tampered = raw.replace(b"S-2026-11-03-1", b"S-2026-11-03-2")
    with pytest.raises(PackageSignatureInvalid):
        packages.open_package(tampered, content_key=ck)


def test_a_changed_ciphertext_breaks_the_signature(sealed):
    raw, ck = sealed
    tampered = bytearray(raw)
    tampered[-70] ^= 1
    with pytest.raises(PackageSignatureInvalid):
        packages.verify_package(bytes(tampered))


@settings(max_examples=60, suppress_health_check=FIXTURE_CHECKS, deadline=None)
@given(st.data())
def test_every_truncation_is_reported_as_truncated(sealed, data):
    raw, ck = sealed
    cut = data.draw(st.integers(0, len(raw) - 1))
    with pytest.raises(PackageTruncated, match="terpotong"):
        packages.open_package(raw[:cut], content_key=ck)


def test_trailing_bytes_are_refused(sealed):
    raw, ck = sealed
    with pytest.raises(PackageFormatError, match="tambahan"):
        packages.open_package(raw + b"\0", content_key=ck)


def test_a_foreign_file_is_refused(keyring):
    with pytest.raises(PackageFormatError, match="bukan paket tes ANBK"):
        packages.verify_package(b"PK\x03\x04" + b"\0" * 100)


def test_an_unknown_format_version_is_refused_before_signature(sealed):
    raw, ck = sealed
    header = header_of(raw) | {"format": 2}
    signed = assemble(header, b"\0" * 32)
    with pytest.raises(PackageFormatError, match="Versi format paket 2"):
        packages.verify_package(resign(signed, keys.active_signer()))


def test_a_signed_package_whose_body_does_not_decrypt_is_tampered(sealed):
    """Only a holder of the centre's key could make one; it is still refused."""
    raw, ck = sealed
    signed = assemble(header_of(raw), b"\0" * 64)
    with pytest.raises(PackageTampered, match="rusak"):
        packages.open_package(resign(signed, keys.active_signer()), content_key=ck)


def test_a_decompression_bomb_is_refused(sealed):
    """The header's size bounds the inflation: a body that inflates past it is refused."""
    raw, ck = sealed
    header = header_of(raw) | {"size": 100}
    nonce = packages.base64.b64decode(header["nonce"])
    bomb = zlib.compress(b"\0" * (10 * 1024 * 1024), 9)
    body = AESGCM(ck).encrypt(nonce, bomb, packages.canonical_json(header))
    with pytest.raises(PackageFormatError, match="Ukuran isi"):
        packages.open_package(resign(assemble(header, body), keys.active_signer()),
                              content_key=ck)


def test_a_header_with_missing_or_extra_fields_is_refused(sealed):
    raw, _ = sealed
    for header in ({k: v for k, v in header_of(raw).items() if k != "size"},
                   header_of(raw) | {"extra": 1}, header_of(raw) | {"size": "12"}):
        with pytest.raises(PackageFormatError, match="Kepala paket tidak sah"):
            packages.verify_package(resign(assemble(header, b""), keys.active_signer()))


def test_wrapped_content_keys_open_only_for_their_session(keyring):
    ck = packages.new_content_key()
    wrapped = packages.wrap_content_key(ck, session="S1")
    assert ck not in wrapped
    assert packages.unwrap_content_key(wrapped, session="S1") == ck
    with pytest.raises(ContentKeyError):
        packages.unwrap_content_key(wrapped, session="S2")
    with pytest.raises(ContentKeyError, match="rusak"):
        packages.unwrap_content_key(wrapped[:-1], session="S1")


def test_a_wrapped_key_does_not_open_under_another_server_key(keyring):
    wrapped = packages.wrap_content_key(packages.new_content_key(), session="S1")
    (keyring / "content-wrap.key").unlink()
    with pytest.raises(ContentKeyError, match="tidak dapat dibuka"):
        packages.unwrap_content_key(wrapped, session="S1")


@given(st.dictionaries(st.text(), st.one_of(st.integers(), st.text(), st.booleans())))
def test_canonical_json_ignores_insertion_order(d):
    reordered = dict(reversed(list(d.items())))
    assert packages.canonical_json(d) == packages.canonical_json(reordered)


def test_canonical_json_refuses_nan():
    with pytest.raises(ValueError):
        packages.canonical_json({"x": float("nan")})
