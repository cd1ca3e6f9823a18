"""Staffing rules (S-4, S-7): ID proktor, proctor-server passwords, session slots, limits.

The numbers of rooms and staff per participant live in `core/resources.py`; this table holds
what the staffing app adds around them. Nothing here is repeated as a literal elsewhere.
"""

# Test days per school until the scheduling app provides real sessions (days 1–2: the AKM
# and the surveys take two days at every level, POS BAB XI).
TEST_DAYS = 2

# ID proktor: "<NPSN>-<nnn>", the school's NPSN and the server's running number, so a
# proctor reads off their school at a glance and the ID is unique nationally.
PROCTOR_ID_NUMBER_DIGITS = 3
PROCTOR_ID_SEPARATOR = "-"
MAX_PROCTOR_SERVERS_PER_SCHOOL = 10 ** PROCTOR_ID_NUMBER_DIGITS - 1

# Proctor-server passwords are random, read off paper and typed on the proctor server.
PROCTOR_PASSWORD_LENGTH = 12
PROCTOR_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# Bad-input guards: more rooms than this at one school is a typing error, not a school
# (the largest SMKs run about 40 labs).
MAX_ROOMS_PER_SCHOOL = 100
ROOM_NAME_MAX_LENGTH = 60

# The pledge text officials sign; a changed text gets a new version, and a pledge records
# the version signed.
PLEDGE_VERSION = "2021.1"


def proctor_id(npsn: str, number: int) -> str:
    """The ID proktor of a school's n-th proctor server (S-4)."""
    if not 1 <= number <= MAX_PROCTOR_SERVERS_PER_SCHOOL:
        raise ValueError(f"proctor server number {number} out of range")
    return f"{npsn}{PROCTOR_ID_SEPARATOR}{number:0{PROCTOR_ID_NUMBER_DIGITS}d}"
