"""Exam-client login credentials (J-7): derived passwords and their keyed hashes.

Design (docs/decisions/0017): a password is HMAC-SHA256(password key, username | version)
written in an unambiguous alphabet, so a card can be printed again at any time without the
password ever being stored; revoking raises the version. What is stored is
HMAC-SHA256(verify key, username | password), so checking a login is one lookup by username
and one HMAC (microseconds, not argon2's tens of milliseconds per try) — a login storm of a
whole session at 07.30 stays cheap. Both keys are derived from settings.ANBK_CREDENTIAL_SECRET;
an 8-character password from 31 symbols (≈ 40 bits) is guessable offline only by whoever
holds that secret, and online guessing is throttled by whoever exposes `verify_login`.
"""

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import connection

from anbk.core.schedule import LOGIN_PASSWORD_ALPHABET, LOGIN_PASSWORD_LENGTH

_PASSWORD_PURPOSE = b"anbk/login-password/v1"
_VERIFY_PURPOSE = b"anbk/login-verify/v1"


@lru_cache(maxsize=4)
def _keys(secret: str) -> tuple[bytes, bytes]:
    root = secret.encode()
    return (hmac.new(root, _PASSWORD_PURPOSE, hashlib.sha256).digest(),
            hmac.new(root, _VERIFY_PURPOSE, hashlib.sha256).digest())


def _password_key() -> bytes:
    return _keys(settings.ANBK_CREDENTIAL_SECRET)[0]


def _verify_key() -> bytes:
    return _keys(settings.ANBK_CREDENTIAL_SECRET)[1]


def derive_password(username: str, version: int) -> str:
    """The password of this username at this version (what the login card shows)."""
    mac = hmac.new(_password_key(), f"{username}\x00{version}".encode(), hashlib.sha256)
    # 256 bits reduced to 31^8 (≈ 2^40) values: the modulo bias is below 2^-200.
    number = int.from_bytes(mac.digest(), "big")
    base = len(LOGIN_PASSWORD_ALPHABET)
    symbols = []
    for _ in range(LOGIN_PASSWORD_LENGTH):
        number, index = divmod(number, base)
        symbols.append(LOGIN_PASSWORD_ALPHABET[index])
    return "".join(symbols)


def normalise_password(password: str) -> str:
    """What a person typed, as compared: spaces around it and capitals do not count (the
    alphabet has no capitals; caps lock is common on school PCs)."""
    return password.strip().lower()


def normalise_username(username: str) -> str:
    """Usernames are issued in capitals; what was typed is compared the same way."""
    return username.strip().upper()


def password_digest(username: str, password: str) -> str:
    """The keyed hash stored for a username's password (hex, 64 characters)."""
    message = f"{username}\x00{normalise_password(password)}".encode()
    return hmac.new(_verify_key(), message, hashlib.sha256).hexdigest()


# Compared against when the username does not exist, so an unknown username costs the same
# HMAC and comparison as a known one.
_ABSENT_DIGEST = "0" * 64


def digest_matches(stored: str | None, username: str, password: str) -> bool:
    """Timing-safe comparison of a typed password with the stored digest."""
    candidate = password_digest(username, password)
    matches = hmac.compare_digest(candidate, stored if stored is not None else _ABSENT_DIGEST)
    return matches and stored is not None


@dataclass(frozen=True)
class LoginMatch:
    """Who a verified login belongs to."""

    credential_id: int
    username: str
    kind: str
    school_id: int
    student_id: int | None
    service_id: int | None
    version: int


def verify_login(username: str, password: str) -> LoginMatch | None:
    """Who this username and password log in, or None.

    One indexed lookup and one HMAC; a wrong password, an old (revoked) version's password,
    an inactive credential and an unknown username all give None. The lookup is plain SQL:
    in a login storm the ORM's per-query overhead was the larger part of the cost
    (docs/benchmarks.md)."""
    from anbk.scheduling.models import Credential

    username = normalise_username(username)
    table = connection.ops.quote_name(Credential._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, digest, kind, school_id, student_id, service_id, version FROM {table}"
            " WHERE username = %s AND is_active", [username])
        row = cursor.fetchone()
    if not digest_matches(row[1] if row is not None else None, username, password):
        return None
    return LoginMatch(credential_id=row[0], username=username, kind=row[2], school_id=row[3],
                      student_id=row[4], service_id=row[5], version=row[6])
