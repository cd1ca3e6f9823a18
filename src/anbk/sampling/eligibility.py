"""Who may be sampled (P-1 … P-4), in two forms that must agree: `student_eligibility` for
one student (shown to the school with its reasons, used for replacements) and the SQL
condition the set-based sampling run uses (`eligible_sql`). Both read core.participation;
tests/sampling/test_eligibility.py checks them against each other rule by rule.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from anbk.core.participation import (
    ELIGIBLE_DISABILITIES,
    NISN_LENGTH,
    NISN_PATTERN,
    NISN_PLACEHOLDER,
    NPSN_LENGTH,
    NPSN_PATTERN,
    OVERSAMPLE,
    TARGET_GRADE,
)
from anbk.core.rules import Level


class Reason(StrEnum):
    """Why a student is not a candidate; the rule in brackets is the SPEC id."""

    SCHOOL_NPSN = "school_npsn"  # P-1
    GRADE = "grade"  # P-2, P-3
    NISN = "nisn"  # P-4
    INACTIVE = "inactive"  # P-4
    REPORT_CARDS = "report_cards"  # P-4
    READING_BARRIER = "reading_barrier"  # P-4
    DISABILITY = "disability"  # P-4


REASON_TEXT = {
    Reason.SCHOOL_NPSN: _("NPSN sekolah tidak valid (P-1)"),
    Reason.GRADE: _("Bukan tingkat sasaran jenjang ini (P-2/P-3)"),
    Reason.NISN: _("NISN tidak valid (P-4)"),
    Reason.INACTIVE: _("Tidak aktif di sekolah (P-4)"),
    Reason.REPORT_CARDS: _("Rapor semester yang disyaratkan belum lengkap (P-4)"),
    Reason.READING_BARRIER: _("Hambatan bahasa/membaca (P-4)"),
    Reason.DISABILITY: _("Disabilitas selain tunarungu/tunadaksa (P-4)"),
}


@dataclass(frozen=True)
class Eligibility:
    sample_type: str | None  # "regular", "oversample", or None when not a candidate
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def texts(self) -> list[str]:
        return [str(REASON_TEXT[reason]) for reason in self.reasons]


def valid_npsn(npsn: str) -> bool:
    return bool(NPSN_PATTERN.match(npsn or ""))


def valid_nisn(nisn: str) -> bool:
    return bool(NISN_PATTERN.match(nisn or "")) and nisn != NISN_PLACEHOLDER


def sample_type_for(school, grade: int) -> str | None:
    """P-2, P-3: the sample a student of this grade belongs to at this school, if any."""
    level = Level(school.level)
    if grade == TARGET_GRADE[level]:
        return "regular"
    extra = OVERSAMPLE[level]
    if grade == extra.grade and getattr(school, extra.school_flag):
        return "oversample"
    return None


def student_eligibility(student, school=None) -> Eligibility:
    """Every reason that keeps the student out, in rule order; none means a candidate."""
    school = school or student.school
    reasons = []
    if not valid_npsn(school.npsn):
        reasons.append(Reason.SCHOOL_NPSN)
    sample_type = sample_type_for(school, student.grade)
    if sample_type is None:
        reasons.append(Reason.GRADE)
    if not valid_nisn(student.nisn):
        reasons.append(Reason.NISN)
    if not student.is_active:
        reasons.append(Reason.INACTIVE)
    if not student.report_cards_complete:
        reasons.append(Reason.REPORT_CARDS)
    if student.reading_barrier:
        reasons.append(Reason.READING_BARRIER)
    if student.disability not in ELIGIBLE_DISABILITIES:
        reasons.append(Reason.DISABILITY)
    return Eligibility(sample_type=sample_type if not reasons else None, reasons=tuple(reasons))


# ---------------------------------------------------------------------------------------------
# The same rules as SQL over registry_student `st` joined to registry_school `s`.

def _case_by_level(values: dict[Level, object]) -> str:
    whens = " ".join(f"WHEN '{level.value}' THEN {value}" for level, value in values.items())
    return f"(CASE s.level {whens} END)"


def _matches(column: str, charset: str, length: int, vendor: str) -> str:
    """column consists of exactly `length` characters of `charset` (a bracket class)."""
    if vendor == "postgresql":
        return f"{column} ~ '^{charset}{{{length}}}$'"
    return f"{column} GLOB '{charset * length}'"


def _all_digits(column: str, length: int, vendor: str) -> str:
    """column consists of exactly `length` ASCII digits. On PostgreSQL without a regular
    expression: over every student of the country the regex costs several times the scan."""
    if vendor == "postgresql":
        return f"(length({column}) = {length} AND translate({column}, '0123456789', '') = '')"
    return _matches(column, "[0-9]", length, vendor)


def school_valid_sql(vendor: str) -> str:
    """P-1 over registry_school `s`."""
    return _matches("s.npsn", "[0-9A-Z]", NPSN_LENGTH, vendor)


def target_grade_sql() -> str:
    return _case_by_level(TARGET_GRADE)


def oversample_sql() -> str:
    """True when the student's grade is its school's oversample grade and the school has the
    flag that makes it oversampled (P-3)."""
    grade = _case_by_level({level: o.grade for level, o in OVERSAMPLE.items()})
    flag = _case_by_level({level: f"s.{o.school_flag}" for level, o in OVERSAMPLE.items()})
    return f"(st.grade = {grade} AND {flag})"


def eligible_sql(vendor: str) -> str:
    """P-2 … P-4 over registry_student `st` at school `s`: a candidate of either sample."""
    disabilities = ", ".join(f"'{d}'" for d in sorted(ELIGIBLE_DISABILITIES))
    return (f"(st.grade = {target_grade_sql()} OR {oversample_sql()})"
            f" AND {_all_digits('st.nisn', NISN_LENGTH, vendor)}"
            f" AND st.nisn <> '{NISN_PLACEHOLDER}'"
            " AND st.is_active AND st.report_cards_complete AND NOT st.reading_barrier"
            f" AND st.disability IN ({disabilities})")
