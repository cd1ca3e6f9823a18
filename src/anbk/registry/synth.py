"""Synthetic Dapodik/EMIS import files of any size (`anbk synth`), for tests, the demo and the
import benchmarks.

One pass writes all four files side by side, school by school, so memory stays flat however
many rows are asked for: the only state kept is a few counters per district, per birth year
and per name. The same seed always gives the same bytes. Every file is accepted by the
importer without an error (tests/registry/test_synth.py imports them).

Realism worth knowing about when reading the data: NISN starts with the last three digits
of the birth year, as real NISNs do; NIK starts with the district's Kemendagri code, a
kecamatan and the birth date (day + 40 for women); school names, coordinates and people's
names follow the district (synth_places, synth_names).
"""

import bisect
import csv
import datetime
import itertools
import math
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from anbk.core.rules import BENTUK, Agency, Bentuk, Level, grades_for
from anbk.registry import synth_names as names
from anbk.registry.synth_places import (
    BIG_CITIES,
    DISTRICTS,
    PROVINCES,
    STREETS,
    VILLAGE_PREFIXES,
    VILLAGES,
    District,
)

# Ages and birth dates are computed for the school year that starts in July of this year; a
# fixed year (not today's) keeps the output of a seed the same on every day it is run.
REFERENCE_YEAR = 2025
XLSX_MAX_ROWS = 1_048_576  # header included

HEADERS: dict[str, tuple[str, ...]] = {
    "regions": ("Kode", "Nama", "Jenis"),
    "schools": ("NPSN", "Nama Sekolah", "Bentuk Pendidikan", "Status Sekolah",
                "Kode Kabupaten/Kota", "Alamat", "Lintang", "Bujur", "Sumber Data",
                "Sekolah Penggerak", "SMK Pusat Keunggulan", "Jenjang"),
    "students": ("NPSN", "NISN", "Nama", "JK", "Tempat Lahir", "Tanggal Lahir", "Tingkat",
                 "Aktif", "Rapor Lengkap", "Disabilitas", "Hambatan Membaca"),
    "teachers": ("NPSN", "NIK", "NUPTK", "Nama", "JK", "Jabatan", "Status Kepegawaian",
                 "Kewarganegaraan"),
}
KINDS: tuple[str, ...] = tuple(HEADERS)

# Cell types in the XLSX copies: s text (NPSN/NISN/NIK keep their leading zeros), i integer,
# f decimal, d date.
_XLSX_TYPES: dict[str, str] = {
    "regions": "sss",
    "schools": "ssssssffssss",
    "students": "sssssdissss",
    "teachers": "ssssssss",
}

# Share of schools per bentuk (per mille), rounded from national Dapodik/EMIS counts. SILN is
# reference data loaded by `anbk import siln`, never synthesised.
BENTUK_SHARE: dict[str, int] = {
    "SD": 480, "MI": 85, "SMP": 135, "MTs": 60, "SMA": 45, "MA": 30, "SMK": 45, "MAK": 2,
    "SDLB": 6, "SMPLB": 4, "SMALB": 4, "Paket A": 20, "Paket B": 30, "Paket C": 45, "SPK": 3,
}
# Share of public (negeri) schools per bentuk: most madrasah, PKBM and SPK are private.
PUBLIC_SHARE: dict[str, float] = {
    "SD": 0.88, "MI": 0.06, "SMP": 0.58, "MTs": 0.10, "SMA": 0.50, "MA": 0.10, "SMK": 0.26,
    "MAK": 0.05, "SDLB": 0.30, "SMPLB": 0.30, "SMALB": 0.30, "Paket A": 0.10, "Paket B": 0.10,
    "Paket C": 0.10, "SPK": 0.0,
}
# Students per grade: the AN grades (5, 8, 11) and their neighbours dominate, so sampling
# and reserve lists have realistic material to work with.
GRADE_WEIGHTS: dict[Level, dict[int, int]] = {
    Level.SD: {1: 4, 2: 4, 3: 5, 4: 14, 5: 55, 6: 18},
    Level.SMP: {7: 22, 8: 56, 9: 22},
    Level.SMA: {10: 22, 11: 56, 12: 22},
    Level.SMK: {10: 22, 11: 52, 12: 22, 13: 4},
}
SPK_LEVELS = {Level.SD: 4, Level.SMP: 3, Level.SMA: 3}
DISABILITIES = {"Tunarungu": 20, "Tunadaksa": 20, "Tunanetra": 15, "Tunagrahita": 30,
                "Lainnya": 15}
INACTIVE_SHARE = 0.02
INCOMPLETE_REPORT_SHARE = 0.03
SHARED_TEACHER_SHARE = 0.10  # P-8: teachers who also serve the next school
PENGGERAK_SHARE = 0.10
SMK_PK_SHARE = 0.15
NUPTK_SHARE = 0.65
KECAMATAN_PER_DISTRICT = 40  # NIK kecamatan digits cycle through 01..40


class SynthError(Exception):
    """The requested data cannot be generated (message in Indonesian, for the CLI)."""


class _Picker:
    """Weighted choice with one random() and a bisect: much faster than random.choices."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, weights: dict | Sequence[tuple]) -> None:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.items = [item for item, _w in pairs]
        self.cum = list(itertools.accumulate(w for _i, w in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def _affine(modulus: int, multiplier: int, offset: int) -> Callable[[int], int]:
    """A bijection on range(modulus): sequential counters become random-looking, unique ids."""
    assert math.gcd(multiplier, modulus) == 1
    return lambda n: (n * multiplier + offset) % modulus


# ---------------------------------------------------------------------------------------------
# People's names

_ALWAYS_SECOND = {"Muhammad", "Mochamad", "Moh.", "M.", "Muh.", "Abdul", "Ahmad", "Siti", "Nur",
                  "Nurul", "Sitti", "Noor"}


class _Culture:
    """A naming tradition with its pickers built once."""

    def __init__(self, c: names.Culture) -> None:
        self.c = c
        self.given = {"L": c.male, "P": c.female}
        self.second = {"L": c.male_second, "P": c.female_second}
        self.titles = {"L": c.male_titles, "P": c.female_titles}
        self.modern = {"muslim": names.MODERN_MUSLIM,
                       "christian": names.MODERN_CHRISTIAN}.get(c.modern)


class NameMaker:
    def __init__(self) -> None:
        self.cultures = {key: _Culture(c) for key, c in names.CULTURES.items()}

    def person(self, rng: random.Random, culture: str, sex: str, child: bool) -> str:
        cul = self.cultures[culture]
        c = cul.c
        if c.balinese:
            return self._balinese(rng, cul, sex)
        parts: list[str] = []
        pool = cul.given[sex]
        second = cul.second[sex]
        if child and cul.modern is not None and rng.random() < 0.55:
            modern = cul.modern
            pool = modern.male if sex == "L" else modern.female
            second = (modern.male_second if sex == "L" else modern.female_second) or second
        titles = cul.titles[sex]
        if titles and rng.random() < 0.05:
            parts.append(rng.choice(titles))
        given = rng.choice(pool)
        parts.append(given)
        if second and (given in _ALWAYS_SECOND or rng.random() < 0.72):
            extra = rng.choice(second)
            if extra != given:
                parts.append(extra)
        if c.family:
            parts.append(rng.choice(c.family))
        return " ".join(parts)

    @staticmethod
    def _balinese(rng: random.Random, cul: _Culture, sex: str) -> str:
        if rng.random() < 0.08:
            head = rng.choice(names.BALI_MALE_TITLES if sex == "L" else names.BALI_FEMALE_TITLES)
        else:
            head = ("I " if sex == "L" else "Ni ") + rng.choice(names.BALI_ORDER[sex])
        given = rng.choice(cul.given[sex])
        if rng.random() < 0.6:
            extra = rng.choice(cul.second[sex])
            if extra != given:
                return f"{head} {given} {extra}"
        return f"{head} {given}"

    @staticmethod
    def foreign(rng: random.Random, sex: str) -> str:
        return rng.choice(names.FOREIGN_MALE if sex == "L" else names.FOREIGN_FEMALE)


# ---------------------------------------------------------------------------------------------
# Schools

def _religion(district: District) -> str:
    main = max(district.cultures, key=lambda pair: pair[1])[0]
    c = names.CULTURES[main]
    if c.balinese:
        return "hindu"
    return "christian" if c.modern == "christian" else "muslim"


_FOUNDATION_MIX = {
    "muslim": {"islamic": 60, "general": 32, "christian": 8},
    "christian": {"christian": 60, "general": 35, "islamic": 5},
    "hindu": {"hindu": 40, "general": 50, "christian": 10},
}
_FOUNDATIONS = {
    "islamic": names.ISLAMIC_FOUNDATIONS, "christian": names.CHRISTIAN_FOUNDATIONS,
    "hindu": names.HINDU_FOUNDATIONS, "general": names.GENERAL_FOUNDATIONS,
}
_MADRASAH_PUBLIC = {"MI": "MIN", "MTs": "MTsN", "MA": "MAN", "MAK": "MAKN"}


@dataclass(slots=True)
class SynthSchool:
    index: int
    npsn: str
    name: str
    bentuk: Bentuk
    level: Level
    public: bool
    district: District
    town: str


class SchoolMaker:
    def __init__(self, rng: random.Random, districts: Sequence[District]) -> None:
        self.rng = rng
        self.districts = list(districts)
        self.pick_district = _Picker([(d, d.weight) for d in self.districts])
        self.pick_bentuk = _Picker(BENTUK_SHARE)
        self.pick_spk_level = _Picker(SPK_LEVELS)
        self.mix = {rel: _Picker(mix) for rel, mix in _FOUNDATION_MIX.items()}
        self.religion = {d.code: _religion(d) for d in self.districts}
        # Dapodik NPSNs look like 2xxxxxxx, EMIS (madrasah) NPSNs like 6xxxxxxx; the codes
        # 699000NN are the SILN reference schools and stay out of reach.
        self.npsn = {
            Agency.KEMDIKBUD: _affine(10_000_000, 3_141_593, rng.randrange(10_000_000)),
            Agency.KEMENAG: _affine(9_000_000, 7_777_777, rng.randrange(9_000_000)),
        }
        self.npsn_base = {Agency.KEMDIKBUD: 20_000_000, Agency.KEMENAG: 60_000_000}
        self.npsn_count = {Agency.KEMDIKBUD: 0, Agency.KEMENAG: 0}
        self.name_count: dict[tuple, int] = {}
        # The first schools cover every bentuk once, in every district in turn, so even a
        # small file (the demo's) has all of them; after that the national shares apply.
        self.first_round = sorted(BENTUK_SHARE, key=lambda b: -BENTUK_SHARE[b])

    def make(self, index: int) -> SynthSchool:
        rng = self.rng
        if index < len(self.first_round):
            bentuk = BENTUK[self.first_round[index]]
            district = self.districts[index % len(self.districts)]
        else:
            bentuk = BENTUK[self.pick_bentuk(rng)]
            district = self.pick_district(rng)
        level = bentuk.level if bentuk.level is not None else self.pick_spk_level(rng)
        public = rng.random() < PUBLIC_SHARE[bentuk.code]
        town = rng.choice(district.towns)
        return SynthSchool(index=index, npsn=self._npsn(bentuk.agency),
                           name=self._name(bentuk, level, public, district, town),
                           bentuk=bentuk, level=level, public=public, district=district,
                           town=town)

    def _npsn(self, agency: str) -> str:
        n = self.npsn_count[agency]
        limit = 10_000_000 if agency == Agency.KEMDIKBUD else 9_000_000
        if n >= limit:
            raise SynthError(f"Terlalu banyak sekolah: paling banyak {limit:,} per instansi.")
        self.npsn_count[agency] = n + 1
        return str(self.npsn_base[agency] + self.npsn[agency](n))

    def _count(self, *key) -> int:
        n = self.name_count.get(key, 0) + 1
        self.name_count[key] = n
        return n

    def _name(self, bentuk: Bentuk, level: Level, public: bool, district: District,
              town: str) -> str:
        rng, code = self.rng, bentuk.code
        if code == "SPK":
            return f"{level.value} SPK {rng.choice(names.SPK_NAMES)}"
        if bentuk.equivalency:
            if public:
                n = self._count("SKB", district.code)
                return f"SPNF SKB {district.label}" + (f" {n}" if n > 1 else "")
            base = rng.choice(names.PKBM_NAMES)
            n = self._count("PKBM", base, district.code)
            return f"PKBM {base}" + (f" {n}" if n > 1 else "")
        if bentuk.special_needs:
            if public:
                return f"{code} Negeri {self._count(code, town)} {town}"
            base = rng.choice(names.SLB_FOUNDATIONS)
            n = self._count(code, base, district.code)
            return f"{code} {base}" + (f" {n}" if n > 1 else "")
        if bentuk.agency == Agency.KEMENAG:
            if public:
                return f"{_MADRASAH_PUBLIC[code]} {self._count(code, district.code)} " \
                       f"{district.label}"
            return self._private(code, names.ISLAMIC_FOUNDATIONS, district)
        if public:
            # Primary schools are numbered per kecamatan; secondary ones per city, or per
            # kecamatan in a regency.
            if code == "SD" or district.kind == "kabupaten":
                return f"{code} Negeri {self._count(code, town)} {town}"
            return f"{code} Negeri {self._count(code, district.code)} {district.name}"
        kind = self.mix[self.religion[district.code]](rng)
        label = code + (" Swasta" if code in ("SMA", "SMK") and rng.random() < 0.3 else "")
        return self._private(label, _FOUNDATIONS[kind], district)

    def _private(self, label: str, foundations, district: District) -> str:
        base, networked = self.rng.choice(foundations)
        n = self._count(label, base, district.code)
        if networked:
            return f"{label} {base} {n} {district.name}"
        return f"{label} {base}" + (f" {n}" if n > 1 else "")

    def address(self, school: SynthSchool) -> str:
        rng, town = self.rng, school.town
        number = rng.randint(1, 250)
        if school.district.kind == "kota" or rng.random() < 0.4:
            return f"Jl. {rng.choice(STREETS)} No. {number}, {town}"
        if rng.random() < 0.5:
            return f"Jl. Raya {town} No. {number}"
        return (f"{rng.choice(VILLAGE_PREFIXES)} {rng.choice(VILLAGES)} RT {rng.randint(1, 12):02d}"
                f"/RW {rng.randint(1, 9):02d}, {town}")

    def row(self, school: SynthSchool) -> list[str]:
        rng, d, b = self.rng, school.district, school.bentuk
        lat = d.lat + rng.uniform(-d.span, d.span)
        lon = d.lon + rng.uniform(-d.span, d.span)
        penggerak = (b.agency == Agency.KEMDIKBUD and not b.equivalency and b.code != "SPK"
                     and rng.random() < PENGGERAK_SHARE)
        smk_pk = b.code == "SMK" and rng.random() < SMK_PK_SHARE * (1.5 if school.public else 1)
        return [
            school.npsn, school.name, b.code, "Negeri" if school.public else "Swasta", d.code,
            self.address(school), f"{lat:.6f}", f"{lon:.6f}",
            "EMIS" if b.agency == Agency.KEMENAG else "Dapodik",
            "Ya" if penggerak else "Tidak", "Ya" if smk_pk else "Tidak",
            school.level.value if b.level is None else "",
        ]


# ---------------------------------------------------------------------------------------------
# Students and teachers

class StudentMaker:
    def __init__(self, rng: random.Random, name_maker: NameMaker) -> None:
        self.rng = rng
        self.names = name_maker
        self.cultures: dict[str, _Picker] = {}
        self.grades: dict[tuple[str, Level], _Picker] = {}
        self.pick_delay = _Picker({0: 70, 1: 20, 2: 5, -1: 5})
        self.pick_disability = _Picker(DISABILITIES)
        self.nisn_count: dict[int, int] = {}
        self.nisn = _affine(10_000_000, 7_654_321, rng.randrange(10_000_000))

    def culture(self, district: District) -> _Picker:
        picker = self.cultures.get(district.code)
        if picker is None:
            picker = self.cultures[district.code] = _Picker(district.cultures)
        return picker

    def _grade_picker(self, school: SynthSchool) -> _Picker:
        key = (school.bentuk.code, school.level)
        picker = self.grades.get(key)
        if picker is None:
            allowed = set(grades_for(school.bentuk, school.level))
            weights = {g: w for g, w in GRADE_WEIGHTS[school.level].items() if g in allowed}
            picker = self.grades[key] = _Picker(weights)
        return picker

    def _nisn(self, birth_year: int) -> str:
        prefix = birth_year % 1000
        n = self.nisn_count.get(prefix, 0)
        if n >= 10_000_000:
            raise SynthError(f"Terlalu banyak siswa lahir tahun {birth_year}: NISN habis.")
        self.nisn_count[prefix] = n + 1
        # Years share the permutation but not their ranges: the prefix keeps them apart.
        return f"{prefix:03d}{self.nisn((n + prefix * 7919) % 10_000_000):07d}"

    def rows(self, school: SynthSchool, count: int) -> Iterator[list[str]]:
        rng = self.rng
        random_ = rng.random
        pick_grade = self._grade_picker(school)
        pick_culture = self.culture(school.district)
        person = self.names.person
        towns = school.district.towns
        home = school.district.name
        npsn = school.npsn
        b = school.bentuk
        disability_share = 0.92 if b.special_needs else 0.006
        barrier_share = 0.30 if b.special_needs else 0.015
        for _ in range(count):
            grade = pick_grade(rng)
            sex = "L" if random_() < 0.51 else "P"
            if b.equivalency:  # Paket learners are often adults who left school
                delay = min(int(rng.expovariate(0.2)), 30)
            else:
                delay = self.pick_delay(rng)
            year = REFERENCE_YEAR - 6 - grade - delay
            born = datetime.date.fromordinal(
                datetime.date(year, 7, 1).toordinal() - rng.randrange(1, 366))
            roll = random_()
            place = (rng.choice(towns) if roll < 0.7 else home if roll < 0.93
                     else rng.choice(BIG_CITIES))
            disability = self.pick_disability(rng) if random_() < disability_share else "Tidak"
            yield [
                npsn, self._nisn(born.year), person(rng, pick_culture(rng), sex, True), sex,
                place, f"{born.day:02d}-{born.month:02d}-{born.year}", str(grade),
                "Tidak" if random_() < INACTIVE_SHARE else "Ya",
                "Tidak" if random_() < INCOMPLETE_REPORT_SHARE else "Ya",
                disability, "Ya" if random_() < barrier_share else "Tidak",
            ]


@dataclass(slots=True)
class SynthPerson:
    nik: str
    nuptk: str
    name: str
    sex: str
    status: str
    nationality: str

    def row(self, npsn: str, position: str) -> list[str]:
        return [npsn, self.nik, self.nuptk, self.name, self.sex, position, self.status,
                self.nationality]


class TeacherMaker:
    def __init__(self, rng: random.Random, name_maker: NameMaker,
                 cultures: Callable[[District], _Picker]) -> None:
        self.rng = rng
        self.names = name_maker
        self.cultures = cultures
        self.nik_count: dict[str, int] = {}
        self.people = 0
        self.nuptk = _affine(10**16, 6_364_136_223_846_793, rng.randrange(10**16))
        self.status_public = _Picker({"PNS": 55, "PPPK": 25, "Non-ASN": 20})
        self.status_private = _Picker({"PNS": 4, "PPPK": 2, "Non-ASN": 94})

    @staticmethod
    def staff_size(school: SynthSchool, students: int) -> int:
        """Teachers including the principal: a floor per bentuk, then by pupil-teacher ratio."""
        b = school.bentuk
        if b.equivalency:
            floor, ratio = 3, 25
        elif b.special_needs:
            floor, ratio = 4, 5
        elif b.code == "SPK":
            floor, ratio = 6, 10
        elif b.level == Level.SD:
            floor, ratio = 7, 20
        else:
            floor, ratio = 9, 15
        return min(max(floor, round(students / ratio)), 150)

    def _nik(self, district: District, born: datetime.date, sex: str) -> str:
        n = self.nik_count.get(district.code, 0)
        serial = 1 + n // KECAMATAN_PER_DISTRICT
        if serial > 9999:
            raise SynthError(f"Terlalu banyak guru di {district.code}: NIK habis.")
        self.nik_count[district.code] = n + 1
        kecamatan = 1 + n % KECAMATAN_PER_DISTRICT
        day = born.day + (40 if sex == "P" else 0)
        return (f"{district.code.replace('.', '')}{kecamatan:02d}{day:02d}{born.month:02d}"
                f"{born.year % 100:02d}{serial:04d}")

    def person(self, school: SynthSchool, principal: bool) -> SynthPerson:
        rng = self.rng
        female_share = 0.45 if principal else (0.68 if school.level == Level.SD else 0.55)
        sex = "P" if rng.random() < female_share else "L"
        age = rng.randint(40, 59) if principal else rng.randint(23, 59)
        born = datetime.date.fromordinal(
            datetime.date(REFERENCE_YEAR - age, 7, 1).toordinal() - rng.randrange(1, 366))
        foreign = school.bentuk.code == "SPK" and not principal and rng.random() < 0.25
        if foreign:
            name, status, nationality = self.names.foreign(rng, sex), "Non-ASN", "WNA"
        else:
            name = self.names.person(rng, self.cultures(school.district)(rng), sex, False)
            status = (self.status_public if school.public else self.status_private)(rng)
            nationality = "WNI"
        has_nuptk = not foreign and (status != "Non-ASN" or rng.random() < NUPTK_SHARE)
        nuptk = f"{self.nuptk(self.people):016d}" if has_nuptk else ""
        self.people += 1
        return SynthPerson(nik=self._nik(school.district, born, sex), nuptk=nuptk, name=name,
                           sex=sex, status=status, nationality=nationality)


# ---------------------------------------------------------------------------------------------
# Writing

class _Table:
    """One output table: a CSV file and, when asked, an XLSX copy written in step."""

    def __init__(self, out: Path, kind: str, xlsx: bool) -> None:
        self.kind = kind
        self.rows = 0
        self.csv_file = open(out / f"{kind}.csv", "w", newline="", encoding="utf-8")
        self.csv = csv.writer(self.csv_file)
        self.csv.writerow(HEADERS[kind])
        self.book = self.sheet = None
        if xlsx:
            import xlsxwriter

            # constant_memory: each row goes to a temporary file as it is written.
            self.book = xlsxwriter.Workbook(str(out / f"{kind}.xlsx"),
                                            {"constant_memory": True})
            # A fixed creation date: the same seed must give the same bytes.
            self.book.set_properties({"created": datetime.datetime(REFERENCE_YEAR, 7, 1)})
            self.sheet = self.book.add_worksheet(kind)
            self.date_format = self.book.add_format({"num_format": "dd-mm-yyyy"})
            self.types = _XLSX_TYPES[kind]
            self.sheet.write_row(0, 0, HEADERS[kind])

    def write(self, row: list[str]) -> None:
        self.rows += 1
        self.csv.writerow(row)
        if self.sheet is not None:
            self._write_xlsx(row)

    def _write_xlsx(self, row: list[str]) -> None:
        if self.rows >= XLSX_MAX_ROWS:
            raise SynthError(f"{self.kind}.xlsx: lebih dari {XLSX_MAX_ROWS - 1:,} baris data "
                             "tidak muat dalam satu lembar XLSX; buat tanpa --xlsx.")
        sheet, r = self.sheet, self.rows
        for col, (kind, value) in enumerate(zip(self.types, row, strict=True)):
            if value == "":
                continue
            if kind == "s":
                sheet.write_string(r, col, value)
            elif kind == "i":
                sheet.write_number(r, col, int(value))
            elif kind == "f":
                sheet.write_number(r, col, float(value))
            else:
                day, month, year = value.split("-")
                sheet.write_datetime(r, col, datetime.date(int(year), int(month), int(day)),
                                     self.date_format)

    def close(self) -> None:
        self.csv_file.close()
        if self.book is not None:
            self.book.close()


@dataclass
class SynthCounts:
    regions: int = 0
    schools: int = 0
    students: int = 0
    teacher_rows: int = 0
    teachers: int = 0  # people
    shared_teachers: int = 0  # people serving two schools
    files: list[Path] = field(default_factory=list)


def regions_rows(districts: Sequence[District]) -> list[list[str]]:
    """Provinces first: a district's province must exist before the district does."""
    provinces = sorted({d.province_code for d in districts})
    rows = [[code, PROVINCES[code], "provinsi"] for code in provinces]
    rows += [[d.code, d.name, d.kind] for d in sorted(districts, key=lambda d: d.code)]
    return rows


def _split_sizes(rng: random.Random, schools: int, per_school: int) -> Iterator[int]:
    """School sizes that vary (pairs of M+d and M-d) yet add up to exactly N × M."""
    for start in range(0, schools, 2):
        if start + 1 == schools:
            yield per_school
            return
        d = int(per_school * 0.6 * rng.random())
        yield per_school + d
        yield per_school - d


def write_synthetic(*, out: Path, schools: int, students_per_school: int, seed: int = 2021,
                    xlsx: bool = False, districts: Sequence[District] = DISTRICTS,
                    progress: Callable[[SynthCounts], None] | None = None) -> SynthCounts:
    """Write regions, schools, students and teachers files into out; return the counts."""
    if schools < 1 or students_per_school < 1:
        raise SynthError("Jumlah sekolah dan siswa per sekolah harus paling sedikit 1.")
    if xlsx and schools * students_per_school >= XLSX_MAX_ROWS:
        raise SynthError(f"{schools * students_per_school:,} siswa tidak muat dalam satu "
                         f"lembar XLSX (paling banyak {XLSX_MAX_ROWS - 1:,}); buat tanpa --xlsx.")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    name_maker = NameMaker()
    school_maker = SchoolMaker(rng, districts)
    student_maker = StudentMaker(rng, name_maker)
    teacher_maker = TeacherMaker(rng, name_maker, student_maker.culture)
    counts = SynthCounts()
    tables = {kind: _Table(out, kind, xlsx) for kind in KINDS}
    try:
        for row in regions_rows(districts):
            tables["regions"].write(row)
        counts.regions = tables["regions"].rows
        shared: list[SynthPerson] = []  # from the previous school, to serve this one too
        every = max(1, schools // 10)
        for index, size in enumerate(_split_sizes(rng, schools, students_per_school)):
            school = school_maker.make(index)
            tables["schools"].write(school_maker.row(school))
            for row in student_maker.rows(school, size):
                tables["students"].write(row)
            carried, shared = shared, []
            last = index == schools - 1
            for position in range(TeacherMaker.staff_size(school, size)):
                principal = position == 0
                person = teacher_maker.person(school, principal)
                tables["teachers"].write(
                    person.row(school.npsn, "Kepala Sekolah" if principal else "Guru"))
                if not principal and not last and rng.random() < SHARED_TEACHER_SHARE:
                    shared.append(person)
            for person in carried:
                tables["teachers"].write(person.row(school.npsn, "Guru"))
            counts.shared_teachers += len(carried)
            counts.schools = index + 1
            counts.students = tables["students"].rows
            counts.teacher_rows = tables["teachers"].rows
            counts.teachers = teacher_maker.people
            if progress is not None and (counts.schools % every == 0 or last):
                progress(counts)
    finally:
        for table in tables.values():
            table.close()
    counts.files = [out / f"{kind}.{ext}" for kind in KINDS
                    for ext in (("csv", "xlsx") if xlsx else ("csv",))]
    return counts


def _format(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _print_progress(counts: SynthCounts) -> None:
    print(f"  {_format(counts.schools)} sekolah, {_format(counts.students)} siswa, "
          f"{_format(counts.teacher_rows)} baris guru", flush=True)


def synth_command(*, schools: int, students_per_school: int, out: str, seed: int,
                  xlsx: bool) -> int:
    """`anbk synth`: print progress and the row counts; exit 2 on an impossible request."""
    target = Path(out)
    print(f"Membuat data sintetis di {target} (benih {seed}): {_format(schools)} sekolah × "
          f"{_format(students_per_school)} siswa" + (", dengan salinan XLSX" if xlsx else ""),
          flush=True)
    try:
        counts = write_synthetic(out=target, schools=schools,
                                 students_per_school=students_per_school, seed=seed, xlsx=xlsx,
                                 progress=_print_progress)
    except SynthError as exc:
        print(f"GAGAL: {exc}", file=sys.stderr)
        return 2
    print(f"Selesai: {_format(counts.regions)} wilayah, {_format(counts.schools)} sekolah, "
          f"{_format(counts.students)} siswa, {_format(counts.teacher_rows)} baris guru "
          f"({_format(counts.teachers)} orang, {_format(counts.shared_teachers)} mengajar di "
          f"dua sekolah).")
    for path in counts.files:
        print(f"  {path}")
    return 0
