"""The random key of a candidate (P-5, docs/sampling.md): the first 16 hexadecimal digits of
SHA-256 over the UTF-8 text "<seed>:<NISN>". A school's candidates in ascending (key, NISN)
order are the run's random order; the key depends on nothing but the seed and the NISN, so
the order of rows in any table or file does not matter.
"""

import hashlib
import secrets

KEY_DIGITS = 16
ALGORITHM = "sha256-16/v1"
SEED_MAX = 2**53  # exact in JSON, spreadsheets and JavaScript


def sample_key(seed: int, nisn: str) -> str:
    return hashlib.sha256(f"{seed}:{nisn}".encode()).hexdigest()[:KEY_DIGITS]


def new_seed() -> int:
    return secrets.randbelow(SEED_MAX)


def key_sql(vendor: str, seed_placeholder: str = "%s") -> str:
    """The same key over registry_student `st`, with the seed as a text parameter."""
    if vendor == "postgresql":
        return (f"substr(encode(sha256(convert_to({seed_placeholder} || ':' || st.nisn, "
                f"'UTF8')), 'hex'), 1, {KEY_DIGITS})")
    return f"anbk_sample_key({seed_placeholder}, st.nisn)"


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """SQLite has no SHA-256: give each connection the Python one (deterministic, so SQLite
    may use it in indexes and the planner may cache it)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("anbk_sample_key", 2, sample_key,
                                              deterministic=True)
