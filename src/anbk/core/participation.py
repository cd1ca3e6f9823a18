"""Participation rules of POS BAB I and JUKNIS II (P-1 … P-10): who may be sampled, how many,
and the numbers the participant lists print. The sampling app reads these tables; it never
repeats a literal from here.
"""

import datetime
import re
from dataclasses import dataclass

from anbk.core.rules import Level


@dataclass(frozen=True)
class Quota:
    """P-5: at most `main` main participants and `reserve` reserves per school and sample."""

    main: int
    reserve: int

    @property
    def total(self) -> int:
        return self.main + self.reserve


# P-5: SD level (SD, MI, SDLB, Paket A) 30 + 5; SMP, SMA and SMK level (LB and Paket
# included) 45 + 5. P-3: the oversample uses the same quotas.
QUOTAS: dict[Level, Quota] = {
    Level.SD: Quota(main=30, reserve=5),
    Level.SMP: Quota(main=45, reserve=5),
    Level.SMA: Quota(main=45, reserve=5),
    Level.SMK: Quota(main=45, reserve=5),
}

# P-2: the target grade (tingkat) per level.
TARGET_GRADE: dict[Level, int] = {Level.SD: 5, Level.SMP: 8, Level.SMA: 11, Level.SMK: 11}


@dataclass(frozen=True)
class Oversample:
    """P-3: extra participants of `grade` at schools whose flag `school_flag` is set."""

    grade: int
    school_flag: str  # a boolean field of registry.School


# P-3: grade 4 / 7 / 10 at Sekolah Penggerak SD / SMP / SMA; grade 10 at SMK Pusat Keunggulan.
OVERSAMPLE: dict[Level, Oversample] = {
    Level.SD: Oversample(grade=4, school_flag="is_penggerak"),
    Level.SMP: Oversample(grade=7, school_flag="is_penggerak"),
    Level.SMA: Oversample(grade=10, school_flag="is_penggerak"),
    Level.SMK: Oversample(grade=10, school_flag="is_smk_pk"),
}

# P-4: deaf and physically disabled students without further barriers take part; any other
# disability keeps a student out (registry.Disability values).
ELIGIBLE_DISABILITIES: frozenset[str] = frozenset({"none", "tunarungu", "tunadaksa"})

# P-1: a valid NPSN has 8 characters, digits or capital letters (as the import checks).
NPSN_LENGTH = 8
# P-4: a valid NISN has 10 digits and is not the all-zero placeholder some exports carry.
NISN_LENGTH = 10
NISN_PLACEHOLDER = "0" * NISN_LENGTH
NPSN_PATTERN = re.compile(rf"^[0-9A-Z]{{{NPSN_LENGTH}}}$")
NISN_PATTERN = re.compile(rf"^[0-9]{{{NISN_LENGTH}}}$")

# P-9: a reserve may be activated until this long before session 1 of day 1.
RESERVE_CUTOFF = datetime.timedelta(minutes=15)

# P-7: AN numbers (nomor peserta) start with a digit for the level; see docs/sampling.md.
LEVEL_DIGIT: dict[Level, int] = {Level.SD: 1, Level.SMP: 2, Level.SMA: 3, Level.SMK: 4}
