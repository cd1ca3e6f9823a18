"""Parsers for the cell values of Dapodik/EMIS exports.

Each parser takes a raw cell (str from CSV; str, int, float, bool or date from a spreadsheet)
and returns the clean value or raises Invalid with an Indonesian message that completes the
sentence "Baris 7, kolom NISN: …".
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

# For cells drawn from a small set (Ya/Tidak, L/P, grades, dates of birth): a million-row
# file repeats them endlessly, and a cache hit costs a fraction of parsing.
repeated = lru_cache(maxsize=65536)


class Invalid(ValueError):
    """A cell value that cannot be accepted; str(error) is shown to the user."""


def as_text(raw) -> str:
    """A cell as text: whole floats lose their '.0' (spreadsheets store 5 as 5.0)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, bool):
        return "1" if raw else "0"
    return " ".join(str(raw).split())


def _key(raw) -> str:
    """Lower-case, without spaces, dots, dashes or underscores: 'Tuna Rungu' → 'tunarungu'."""
    return re.sub(r"[\s._\-/]+", "", as_text(raw)).casefold()


def text(max_length: int):
    def parse(raw) -> str:
        value = as_text(raw)
        if len(value) > max_length:
            raise Invalid(_("terlalu panjang (%(n)d karakter, paling banyak %(max)d)")
                          % {"n": len(value), "max": max_length})
        return value
    return parse


def _digits(raw, length: int, what: str) -> str:
    if isinstance(raw, float) and length > 15:
        # Excel keeps 15 significant digits: a 16-digit NIK typed as a number has already lost
        # its last digit, so no repair is possible.
        raise Invalid(_("%(what)s harus ditulis sebagai teks, bukan angka (Excel membulatkan "
                        "angka lebih dari 15 digit)") % {"what": what})
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # A spreadsheet number has dropped its leading zeros (NISN 0081234567 → 81234567).
        value = as_text(raw)
        if value.isdigit() and len(value) < length:
            value = value.zfill(length)
    else:
        value = as_text(raw).replace(" ", "")
    if not value.isdigit() or not value.isascii():
        raise Invalid(_("hanya boleh berisi angka (tertulis '%(v)s')") % {"v": value})
    if len(value) != length:
        raise Invalid(_("harus %(n)d digit (tertulis %(got)d digit)")
                      % {"n": length, "got": len(value)})
    return value


def nisn(raw) -> str:
    return _digits(raw, 10, "NISN")


def nik(raw) -> str:
    return _digits(raw, 16, "NIK")


def nuptk(raw) -> str:
    return _digits(raw, 16, "NUPTK")


_NPSN = re.compile(r"^[0-9A-Z]{8}$")


def npsn(raw) -> str:
    value = as_text(raw).replace(" ", "").upper()
    if not _NPSN.match(value):
        raise Invalid(_("NPSN harus 8 karakter huruf/angka (tertulis '%(v)s')") % {"v": value})
    return value


_REGION_CODE = re.compile(r"^(\d{2})(?:\.?(\d{2}))?$")


def region_code(raw) -> str:
    """Kemendagri code: '32' (province) or '32.04' (district); '3204' is accepted too."""
    if isinstance(raw, float) and not raw.is_integer():
        # A spreadsheet turned '32.10' into the number 32.1: two decimals restore it.
        raw = f"{raw:.2f}"
    value = as_text(raw).replace(" ", "")
    match = _REGION_CODE.match(value)
    if not match:
        raise Invalid(_("kode wilayah harus 2 digit (provinsi) atau PP.KK (kabupaten/kota), "
                        "tertulis '%(v)s'") % {"v": value})
    province, district = match.groups()
    return f"{province}.{district}" if district else province


def _lookup(raw, table: dict, accepted: str):
    value = table.get(_key(raw))
    if value is None:
        raise Invalid(_("nilai '%(v)s' tidak dikenal; gunakan %(ok)s")
                      % {"v": as_text(raw), "ok": accepted})
    return value


_YES_NO = {"ya": True, "y": True, "yes": True, "1": True, "true": True, "benar": True,
           "tidak": False, "t": False, "tdk": False, "no": False, "n": False, "0": False,
           "false": False, "salah": False}


@repeated
def yes_no(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    return _lookup(raw, _YES_NO, "Ya atau Tidak")


_SEX = {"l": "L", "lakilaki": "L", "laki": "L", "pria": "L",
        "p": "P", "perempuan": "P", "wanita": "P"}


@repeated
def sex(raw) -> str:
    return _lookup(raw, _SEX, "L atau P")


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13}


@repeated
def grade(raw) -> int:
    """Tingkat: 5, '5', 'Kelas 5' or 'V'."""
    value = _key(raw).removeprefix("kelas").removeprefix("tingkat")
    if value.isdigit() and value.isascii():
        number = int(value)
    elif value in _ROMAN:
        number = _ROMAN[value]
    else:
        raise Invalid(_("tingkat harus angka 1–13 (tertulis '%(v)s')") % {"v": as_text(raw)})
    if not 1 <= number <= 13:
        raise Invalid(_("tingkat %(n)d tidak ada (1–13)") % {"n": number})
    return number


_DATE_FORMATS = (
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), (3, 2, 1)),  # 17-08-2010, 17/08/2010
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),  # 2010-08-17
)


@repeated
def date(raw) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    value = as_text(raw)
    # A spreadsheet date typed as text sometimes carries a time: '2010-08-17 00:00:00'.
    value = value.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} ", value) else value
    for pattern, (y, m, d) in _DATE_FORMATS:
        match = pattern.match(value)
        if match:
            try:
                return datetime.date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                raise Invalid(_("tanggal %(v)s tidak ada di kalender") % {"v": value}) from None
    raise Invalid(_("format tanggal tidak dikenal '%(v)s'; gunakan 17-08-2010, 17/08/2010 "
                    "atau 2010-08-17") % {"v": value})


@repeated  # safe to remember: a date of birth valid today stays valid
def birth_date(raw) -> datetime.date:
    value = date(raw)
    if value > datetime.date.today():
        raise Invalid(_("tanggal lahir %(v)s ada di masa depan")
                      % {"v": value.strftime("%d-%m-%Y")})
    if value.year < 1900:
        raise Invalid(_("tanggal lahir %(v)s tidak masuk akal")
                      % {"v": value.strftime("%d-%m-%Y")})
    return value


def coordinate(limit: int):
    """Latitude (±90) or longitude (±180); a decimal comma is accepted (-6,9147)."""
    def parse(raw) -> Decimal:
        value = as_text(raw).replace(",", ".") if not isinstance(raw, int | float) else raw
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise Invalid(_("harus angka desimal (tertulis '%(v)s')") % {"v": as_text(raw)}
                          ) from None
        if not number.is_finite() or not -limit <= number <= limit:
            raise Invalid(_("harus di antara -%(l)d dan %(l)d") % {"l": limit})
        return number.quantize(Decimal("0.000001"))
    return parse


def choice(table: dict, accepted: str):
    """A value from a fixed list; table keys are written as _key() produces them."""
    @repeated
    def parse(raw):
        return _lookup(raw, table, accepted)
    return parse
