"""POS rule tables: the single source of truth for numbers and mappings the rules use.

Code elsewhere reads these tables; it never repeats a literal from them.
"""

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """Jenjang: the level a school belongs to for AN purposes."""

    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    SMK = "SMK"


class Agency(StrEnum):
    """The ministry a school or an office belongs to."""

    KEMDIKBUD = "kemdikbud"
    KEMENAG = "kemenag"


class Tier(StrEnum):
    """Which office holds authority ("kewenangan") over a school."""

    CENTRE = "centre"
    PROVINCE = "province"
    DISTRICT = "district"


@dataclass(frozen=True)
class Bentuk:
    code: str
    level: Level | None  # None: the level is stated per school (SILN, SPK)
    agency: Agency
    tier: Tier
    grades: tuple[int, ...]
    equivalency: bool = False  # Paket A/B/C (pendidikan kesetaraan, non-formal)
    special_needs: bool = False  # SLB forms


_SD_GRADES = tuple(range(1, 7))
_SMP_GRADES = (7, 8, 9)
_SMA_GRADES = (10, 11, 12)
_SMK_GRADES = (10, 11, 12, 13)  # 4-year SMK programmes have grade 13
_ALL_GRADES = tuple(range(1, 14))

# Authority defaults from the foundation issue ("sesuai kewenangannya", JUKNIS III):
# SD, SMP and Paket → district Dinas; SMA, SMK and SLB → province Dinas; madrasah → district
# Kemenag office (with the province Kanwil above it); SILN and SPK → centre.
BENTUK: dict[str, Bentuk] = {
    b.code: b
    for b in [
        Bentuk("SD", Level.SD, Agency.KEMDIKBUD, Tier.DISTRICT, _SD_GRADES),
        Bentuk("MI", Level.SD, Agency.KEMENAG, Tier.DISTRICT, _SD_GRADES),
        Bentuk("SDLB", Level.SD, Agency.KEMDIKBUD, Tier.PROVINCE, _SD_GRADES, special_needs=True),
        Bentuk("Paket A", Level.SD, Agency.KEMDIKBUD, Tier.DISTRICT, _SD_GRADES, equivalency=True),
        Bentuk("SMP", Level.SMP, Agency.KEMDIKBUD, Tier.DISTRICT, _SMP_GRADES),
        Bentuk("MTs", Level.SMP, Agency.KEMENAG, Tier.DISTRICT, _SMP_GRADES),
        Bentuk("SMPLB", Level.SMP, Agency.KEMDIKBUD, Tier.PROVINCE, _SMP_GRADES,
               special_needs=True),
        Bentuk("Paket B", Level.SMP, Agency.KEMDIKBUD, Tier.DISTRICT, _SMP_GRADES,
               equivalency=True),
        Bentuk("SMA", Level.SMA, Agency.KEMDIKBUD, Tier.PROVINCE, _SMA_GRADES),
        Bentuk("MA", Level.SMA, Agency.KEMENAG, Tier.DISTRICT, _SMA_GRADES),
        Bentuk("SMALB", Level.SMA, Agency.KEMDIKBUD, Tier.PROVINCE, _SMA_GRADES,
               special_needs=True),
        Bentuk("Paket C", Level.SMA, Agency.KEMDIKBUD, Tier.DISTRICT, _SMA_GRADES,
               equivalency=True),
        Bentuk("SMK", Level.SMK, Agency.KEMDIKBUD, Tier.PROVINCE, _SMK_GRADES),
        Bentuk("MAK", Level.SMK, Agency.KEMENAG, Tier.DISTRICT, _SMK_GRADES),
        Bentuk("SILN", None, Agency.KEMDIKBUD, Tier.CENTRE, _ALL_GRADES),
        Bentuk("SPK", None, Agency.KEMDIKBUD, Tier.CENTRE, _ALL_GRADES),
    ]
}

LEVEL_GRADES: dict[Level, tuple[int, ...]] = {
    Level.SD: _SD_GRADES,
    Level.SMP: _SMP_GRADES,
    Level.SMA: _SMA_GRADES,
    Level.SMK: _SMK_GRADES,
}

# P-2: the grade whose students take AN at each level.
TARGET_GRADE: dict[Level, int] = {Level.SD: 5, Level.SMP: 8, Level.SMA: 11, Level.SMK: 11}


def bentuk_lookup(text: str) -> Bentuk | None:
    """Find a bentuk by its name as written in Dapodik/EMIS exports (case/space-insensitive)."""
    key = " ".join(text.split()).casefold()
    return _BENTUK_BY_KEY.get(key)


_BENTUK_BY_KEY = {code.casefold(): b for code, b in BENTUK.items()} | {
    code.replace(" ", "").casefold(): b for code, b in BENTUK.items()
}


def grades_for(bentuk: Bentuk, level: Level | None) -> tuple[int, ...]:
    """The grades (tingkat) that exist at a school of this bentuk and level."""
    if bentuk.level is None and level is not None:
        return LEVEL_GRADES[level]
    return bentuk.grades


# The 13 Sekolah Indonesia Luar Negeri of POS BAB XI (name, address, country), loaded as
# reference data by `anbk import siln` under the project's own reference codes 699000NN (the
# loader upserts by these codes). They have no Kemendagri district; the centre owns them.
SILN_SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("S.I. Wassenaar", "Rijkstraatweg 679, 2245 CB Wassenaar", "Belanda"),
    ("S.I. Cairo", "13 Babel Str. Dokki, PO Box 1661, Cairo", "Mesir"),
    ("S.I. Riyadh", "Prince Naif bin Abdul Aziz, Hayy Ummul Hamam Gharby, PO Box 9434",
     "Arab Saudi"),
    ("S.I. Jeddah", "c/o Konsulat Jenderal RI, PO Box 10, Jeddah 21411", "Arab Saudi"),
    ("S.I. Yangoon", "100-Lower Kyimyindine Road, Ahlone, Yangoon", "Myanmar"),
    ("S.I. Johor Bahru", "No. 46, Jln. Taat, 80100 Johor Bahru", "Malaysia"),
    ("S.I. Mekkah", "Abdullah Arief Street, Al-Rosyaifah, Makkah Al-Mukarramah", "Arab Saudi"),
    ("S.I. Bangkok", "Petchburi Road, Bangkok", "Thailand"),
    ("S.I. Kuala Lumpur", "Lorong Tun Ismail, 50480 Kuala Lumpur", "Malaysia"),
    ("S.I. Kinabalu", "Jl. Sulaman Alamesra, Blok H Lot 47, Kota Kinabalu, Sabah", "Malaysia"),
    ("S.I. Singapura", "Siglap Road, Singapura 455859", "Singapura"),
    ("S.I. Tokyo", "4-6-6 Meguro-Ku, Tokyo 153", "Jepang"),
    ("S.I. Davao", "Davao City Street, Davao", "Filipina"),
)
