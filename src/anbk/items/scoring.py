"""Scoring keys per item type (D-2): pure functions of an item's content and a response.

Responses, as delivery stores them and these functions take them:

| type | response |
|---|---|
| multiple_choice | the chosen choice ids (at most one counts: two chosen is wrong) |
| complex_multiple_choice | the chosen choice ids |
| matching | (source id, target id) pairs, at most one target per source |
| short_answer | the typed text |
| essay | the typed text; a rater awards a rubric level (`score_essay`) |
| scale | the chosen scale position, 1 (lowest label) … 4 |

The partial-credit rule of complex multiple choice and matching is in core/instruments.py
(PARTIAL_CREDIT_*) and docs/items.md.
"""

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from anbk.core.instruments import (
    ITEM_TYPES,
    PARTIAL_CREDIT_MAX_POINTS,
    PARTIAL_CREDIT_WRONG_DECISIONS,
    SCALE_POINTS,
    ItemType,
)


@dataclass(frozen=True)
class Score:
    """points is None while a rater has not scored an essay."""

    points: int | None
    max_points: int

    @property
    def full(self) -> bool:
        return self.points is not None and self.points == self.max_points


# --- short answer: normalisation ------------------------------------------------------------

_SPACES = re.compile(r"\s+")
# Minus signs people type or paste: hyphen-minus, the minus sign, en dash.
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_SIGN = r"[+-]?"
_PLAIN = re.compile(rf"^{_SIGN}\d+$")
_ONE_SEPARATOR = re.compile(rf"^({_SIGN})(\d*)([.,])(\d+)$")
_GROUPED = {sep: re.compile(rf"^({_SIGN})(\d{{1,3}}(?:\{sep}\d{{3}})+)(?:\{dec}(\d+))?$")
            for sep, dec in ((".", ","), (",", "."))}


# Answers repeat (every key is compared with many responses, and responses like "2,5" recur):
# both normalisations are pure, so they are cached.
@lru_cache(maxsize=65536)
def normalise_text(text: str) -> str:
    """Case, width and spacing do not matter: NFKC, case-folded and NFKC again (folding can
    decompose a letter: Unicode's compatibility caseless match), inner runs of white space
    made one space, ends trimmed."""
    text = unicodedata.normalize("NFKC", text).translate(_MINUS).casefold()
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text).strip()


def _decimal(sign: str, whole: str, fraction: str = "") -> Decimal:
    return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")


@lru_cache(maxsize=65536)
def numeric_readings(text: str) -> frozenset[Decimal]:
    """The numbers a written answer can mean. A decimal comma and a decimal point are the
    same ("2,5" = "2.5"); "1.250.000" and "1,250,000" group thousands, "1.250,5" and
    "1,250.5" group thousands and have a decimal part. One separator followed by exactly
    three digits ("1.250") is read both ways: one and a quarter, and twelve hundred fifty.
    Not a number: the empty set."""
    compact = _SPACES.sub("", normalise_text(text))
    try:
        if _PLAIN.match(compact):
            return frozenset({Decimal(compact)})
        one = _ONE_SEPARATOR.match(compact)
        if one:
            sign, whole, _sep, fraction = one.groups()
            readings = {_decimal(sign, whole, fraction)}
            if whole and whole[0] != "0" and len(fraction) == 3 and len(whole) <= 3:
                readings.add(Decimal(f"{sign}{whole}{fraction}"))
            return frozenset(readings)
        for sep, pattern in _GROUPED.items():
            grouped = pattern.match(compact)
            if grouped:
                sign, whole, fraction = grouped.groups()
                return frozenset({_decimal(sign, whole.replace(sep, ""), fraction or "")})
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        return frozenset()
    return frozenset()


def answers_match(accepted: str, response: str) -> bool:
    """One accepted answer against a response: the same text after normalise_text, or the
    same number in any reading of each."""
    if normalise_text(accepted) == normalise_text(response):
        return bool(normalise_text(response))
    return bool(numeric_readings(accepted) & numeric_readings(response))


# --- per type ---------------------------------------------------------------------------------

def score_multiple_choice(*, correct: str, response: Collection[str]) -> int:
    return int(len(set(response)) == 1 and correct in response)


def _partial_credit(*, wrong_decisions: int, answered: bool, everything: bool) -> int:
    """0/1/2 from the number of wrong decisions (core/instruments.py PARTIAL_CREDIT_*)."""
    if not answered:
        return 0
    if wrong_decisions == 0:
        return PARTIAL_CREDIT_MAX_POINTS
    if wrong_decisions <= PARTIAL_CREDIT_WRONG_DECISIONS and not everything:
        return PARTIAL_CREDIT_MAX_POINTS - wrong_decisions
    return 0


def score_complex_multiple_choice(*, options: Sequence[str], correct: Collection[str],
                                  response: Collection[str]) -> int:
    """Each option is a decision (chosen or not); choices outside the options are ignored."""
    chosen = set(response) & set(options)
    wrong = len(chosen ^ set(correct))
    return _partial_credit(wrong_decisions=wrong, answered=bool(chosen),
                           everything=len(chosen) == len(options))


def score_matching(*, sources: Sequence[str], pairs: Iterable[tuple[str, str]],
                   response: Iterable[tuple[str, str]]) -> int:
    """Each source row is a decision: right when its target is the key's (a source the key
    leaves unmatched is right when left empty). A source given two targets is wrong."""
    key = dict(pairs)
    given: dict[str, set[str]] = {}
    for source, target in response:
        if source in sources:
            given.setdefault(source, set()).add(target)
    wrong = 0
    for source in sources:
        targets = given.get(source, set())
        expected = {key[source]} if source in key else set()
        wrong += targets != expected
    return _partial_credit(wrong_decisions=wrong, answered=bool(given), everything=False)


def score_short_answer(*, accepted: Iterable[str], response: str) -> int:
    return int(any(answers_match(answer, response) for answer in accepted))


def score_essay(*, rubric_points: Collection[int], awarded: int) -> int:
    """A rater's award must be one of the rubric's levels."""
    if awarded not in rubric_points:
        raise ValueError(f"{awarded} is not a rubric level ({sorted(rubric_points)})")
    return awarded


def score_scale(*, position: int, reverse_keyed: bool) -> int:
    """1…4 as chosen; a reverse-keyed statement counts 4…1."""
    if not 1 <= position <= SCALE_POINTS:
        raise ValueError(f"scale position {position} outside 1..{SCALE_POINTS}")
    return SCALE_POINTS + 1 - position if reverse_keyed else position


# --- dispatch over an item's content ------------------------------------------------------

def max_points(item_type: str, content: Mapping) -> int:
    item_type = ItemType(item_type)
    if item_type in (ItemType.COMPLEX_MULTIPLE_CHOICE, ItemType.MATCHING):
        return PARTIAL_CREDIT_MAX_POINTS
    if item_type == ItemType.ESSAY:
        return max(level["points"] for level in content["rubric"])
    if item_type == ItemType.SCALE:
        return SCALE_POINTS
    return 1


def score_response(item_type: str, content: Mapping, response, *,
                   reverse_keyed: bool = False) -> Score:
    """The automatic score of a response; an essay stays unscored (points None) until a
    rater awards a rubric level. An empty response (None) scores 0 (a scale item: None)."""
    item_type = ItemType(item_type)
    top = max_points(item_type, content)
    if not ITEM_TYPES[item_type].auto_scored:
        return Score(None, top)
    if response is None:
        return Score(None if item_type == ItemType.SCALE else 0, top)
    if item_type == ItemType.MULTIPLE_CHOICE:
        points = score_multiple_choice(correct=content["correct"][0], response=response)
    elif item_type == ItemType.COMPLEX_MULTIPLE_CHOICE:
        points = score_complex_multiple_choice(
            options=[c["id"] for c in content["choices"]], correct=content["correct"],
            response=response)
    elif item_type == ItemType.MATCHING:
        points = score_matching(sources=[s["id"] for s in content["sources"]],
                                pairs=[tuple(p) for p in content["pairs"]],
                                response=[tuple(p) for p in response])
    elif item_type == ItemType.SHORT_ANSWER:
        points = score_short_answer(accepted=content["accepted"], response=str(response))
    else:
        points = score_scale(position=int(response), reverse_keyed=reverse_keyed)
    return Score(points, top)
