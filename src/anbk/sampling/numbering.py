"""AN numbers (nomor peserta, P-7): `YY-J-NPSN-NNN-C`, e.g. 26-1-20200001-007-3.

- YY: the assessment year, last two digits;
- J: the level digit (core.participation.LEVEL_DIGIT: SD 1, SMP 2, SMA 3, SMK 4);
- NPSN: the school's 8-character NPSN;
- NNN: the participant's sequence at the school in the DNT (001 …), regular sample first,
  main before reserves, each in the run's random order, then the oversample likewise;
- C: a Luhn (mod 10) check digit over every character before it, where a digit counts as
  itself and a letter of an NPSN as its two-digit value (A=10 … Z=35), as IBAN does.

The check digit catches every single mistyped digit and every swap of two adjacent digits,
which is what a proctor typing a number off a card gets wrong.
"""

import re

from anbk.core.participation import LEVEL_DIGIT
from anbk.core.rules import Level

AN_NUMBER = re.compile(r"^(\d{2})-(\d)-([0-9A-Z]{8})-(\d{3})-(\d)$")


def _digits(text: str) -> str:
    return "".join(str(int(ch, 36)) for ch in text if ch.isalnum())


def luhn_digit(text: str) -> int:
    """The Luhn check digit for the digits of text (letters expanded as above)."""
    total = 0
    for i, ch in enumerate(reversed(_digits(text))):
        value = int(ch)
        if i % 2 == 0:  # doubled: the check digit will sit to the right of these
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def an_number(*, year: int, level: str, npsn: str, sequence: int) -> str:
    body = f"{year % 100:02d}-{LEVEL_DIGIT[Level(level)]}-{npsn}-{sequence:03d}"
    return f"{body}-{luhn_digit(body)}"


def an_number_valid(text: str) -> bool:
    match = AN_NUMBER.match(text or "")
    if not match:
        return False
    body, check = text[:-2], int(match.group(5))
    return luhn_digit(body) == check
