"""Instrument rules (D-2, R-1, R-4, R-5): item types, AKM content frameworks, survey aspects
and indices, form sizes and the partial-credit rule. The item bank, its forms and panels,
QTI import/export, delivery and scoring read these tables; none repeats a literal from here.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from anbk.core.rules import Level


class Bank(StrEnum):
    """What an item is for: the AKM test, practice (latihan) or one of the two surveys."""

    AKM = "akm"
    PRACTICE = "practice"
    CHARACTER_SURVEY = "character_survey"
    ENVIRONMENT_SURVEY = "environment_survey"


SURVEY_BANKS = frozenset({Bank.CHARACTER_SURVEY, Bank.ENVIRONMENT_SURVEY})


class ItemType(StrEnum):
    """D-2's five types plus the survey scale. Each maps onto one QTI 3.0 interaction
    (ItemTypeRule.qti_interaction), so every item of the bank is representable in QTI."""

    MULTIPLE_CHOICE = "multiple_choice"
    COMPLEX_MULTIPLE_CHOICE = "complex_multiple_choice"
    MATCHING = "matching"
    SHORT_ANSWER = "short_answer"
    ESSAY = "essay"
    SCALE = "scale"


@dataclass(frozen=True)
class ItemTypeRule:
    qti_interaction: str
    max_choices: int | None  # QTI maxChoices for choice interactions; 0 = unlimited
    auto_scored: bool  # False: a rater scores it with the rubric
    banks: frozenset[str]


_TESTS = frozenset({Bank.AKM, Bank.PRACTICE})
ITEM_TYPES: dict[ItemType, ItemTypeRule] = {
    ItemType.MULTIPLE_CHOICE: ItemTypeRule("choiceInteraction", 1, True, _TESTS),
    ItemType.COMPLEX_MULTIPLE_CHOICE: ItemTypeRule("choiceInteraction", 0, True, _TESTS),
    ItemType.MATCHING: ItemTypeRule("matchInteraction", None, True, _TESTS),
    ItemType.SHORT_ANSWER: ItemTypeRule("textEntryInteraction", None, True, _TESTS),
    ItemType.ESSAY: ItemTypeRule("extendedTextInteraction", None, False, _TESTS),
    ItemType.SCALE: ItemTypeRule("choiceInteraction", 1, True, SURVEY_BANKS),
}

# Partial credit (D-2): complex multiple choice and matching are scored 0/1/2. Every option
# of a complex multiple-choice item and every row (source) of a matching item is one
# decision; full credit needs every decision right, partial credit allows this many wrong
# decisions (a blank response and a response choosing every option earn nothing).
PARTIAL_CREDIT_MAX_POINTS = 2
PARTIAL_CREDIT_WRONG_DECISIONS = 1

# A short answer is one line; anything longer is an essay.
SHORT_ANSWER_MAX_LENGTH = 200


class Domain(StrEnum):
    LITERASI = "literasi"
    NUMERASI = "numerasi"


# content, cognitive levels and contexts of the AKM frameworks.
CONTENT: dict[Domain, dict[str, str]] = {
    Domain.LITERASI: {"literary": _("Teks sastra"), "informational": _("Teks informasi")},
    Domain.NUMERASI: {"number": _("Bilangan"), "geometry": _("Geometri dan Pengukuran"),
                      "algebra": _("Aljabar"), "data": _("Data dan Ketidakpastian")},
}
COGNITIVE_LEVELS: dict[Domain, dict[str, str]] = {
    Domain.LITERASI: {"find": _("Menemukan informasi"),
                      "interpret": _("Menginterpretasi dan mengintegrasi"),
                      "evaluate": _("Mengevaluasi dan merefleksi")},
    Domain.NUMERASI: {"understand": _("Pemahaman"), "apply": _("Penerapan"),
                      "reason": _("Penalaran")},
}
CONTEXTS: dict[str, str] = {"personal": _("Personal"), "sociocultural": _("Sosial budaya"),
                            "scientific": _("Saintifik")}

# AKM items are written per school level; SMK students sit the SMA-level instruments.
INSTRUMENT_LEVELS: tuple[Level, ...] = (Level.SD, Level.SMP, Level.SMA)
INSTRUMENT_LEVEL_FOR: dict[Level, Level] = {Level.SD: Level.SD, Level.SMP: Level.SMP,
                                            Level.SMA: Level.SMA, Level.SMK: Level.SMA}

# Items a participant answers per domain in a real AKM form or along every panel path.
AKM_FORM_ITEMS: dict[Level, int] = {Level.SD: 30, Level.SMP: 36, Level.SMA: 36}


class Stage(StrEnum):
    """Multistage adaptive panels have a routing stage and a second stage."""

    ROUTING = "1"
    SECOND = "2"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


DIFFICULTY_LABELS: dict[Difficulty, str] = {Difficulty.EASY: _("Mudah"),
                                            Difficulty.MEDIUM: _("Sedang"),
                                            Difficulty.HARD: _("Sulit")}

# the six aspects of the Profil Pelajar Pancasila measured by the Survei Karakter.
CHARACTER_ASPECTS: dict[str, str] = {
    "faith": _("Beriman, bertakwa kepada Tuhan YME, dan berakhlak mulia"),
    "diversity": _("Berkebinekaan global"),
    "cooperation": _("Bergotong royong"),
    "independence": _("Mandiri"),
    "critical": _("Bernalar kritis"),
    "creativity": _("Kreatif"),
}

# the SLB's school indices and who answers it (P-8: teachers and principals too).
ENVIRONMENT_INDICES: dict[str, str] = {
    "safety": _("Iklim keamanan sekolah"),
    "inclusivity": _("Iklim kebinekaan dan inklusivitas"),
    "learning": _("Kualitas pembelajaran"),
}


class Respondent(StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    PRINCIPAL = "principal"


RESPONDENT_LABELS: dict[Respondent, str] = {Respondent.STUDENT: _("Peserta didik"),
                                            Respondent.TEACHER: _("Guru"),
                                            Respondent.PRINCIPAL: _("Kepala sekolah")}

# The surveys' 4-point scales, lowest first; a reverse-keyed item scores them backwards.
SCALES: dict[str, tuple[str, str, str, str]] = {
    "agreement": (_("Sangat tidak setuju"), _("Tidak setuju"), _("Setuju"),
                  _("Sangat setuju")),
    "frequency": (_("Tidak pernah"), _("Jarang"), _("Sering"), _("Selalu")),
}
SCALE_POINTS = 4
