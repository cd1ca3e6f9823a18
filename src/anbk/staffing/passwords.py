"""Proctor-server passwords: random, shown once on the "Daftar ID Proktor", kept as a keyed
hash (docs/decisions/0010-proctor-server-passwords.md)."""

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

from anbk.core.staffing import PROCTOR_PASSWORD_ALPHABET, PROCTOR_PASSWORD_LENGTH

_KEY_SALT = "anbk.staffing.proctor-server-password"


def new_password() -> str:
    return "".join(secrets.choice(PROCTOR_PASSWORD_ALPHABET)
                   for _ in range(PROCTOR_PASSWORD_LENGTH))


def new_salt() -> str:
    return secrets.token_hex(16)


def password_hash(password: str, salt: str) -> str:
    """HMAC-SHA256 keyed with the server secret and the row's salt: a stolen table alone
    does not let anyone test guesses, and a login storm of proctor servers stays cheap."""
    return salted_hmac(_KEY_SALT, f"{salt}:{password}", algorithm="sha256").hexdigest()


def password_matches(password: str, salt: str, stored: str) -> bool:
    if not stored or not salt:
        return False
    return constant_time_compare(password_hash(password, salt), stored)
