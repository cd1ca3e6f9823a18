"""Scoring keys per item type (rule D-2): edge cases, the partial-credit rule, and short-answer
normalisation as properties (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from anbk.core.instruments import PARTIAL_CREDIT_MAX_POINTS, SCALE_POINTS
from anbk.items.scoring import (
    Score,
    answers_match,
    max_points,
    normalise_text,
    numeric_readings,
    score_complex_multiple_choice,
    score_essay,
    score_matching,
    score_multiple_choice,
    score_response,
    score_scale,
    score_short_answer,
)

CHOICES = {"choices": [{"id": c, "text": c.lower()} for c in "ABCD"], "correct": ["B"]}
COMPLEX = {"choices": [{"id": c, "text": c.lower()} for c in "ABCDE"],
           "correct": ["A", "C", "D"]}
MATCHING = {"sources": [{"id": s, "text": s} for s in ("S1", "S2", "S3", "S4")],
            "targets": [{"id": t, "text": t} for t in ("T1", "T2", "T3")],
            "pairs": [["S1", "T1"], ["S2", "T2"], ["S3", "T3"]]}  # S4 is a distractor
ESSAY = {"rubric": [{"points": 0, "description": "x"}, {"points": 1, "description": "y"},
                    {"points": 3, "description": "z"}], "model_answer": ""}


# --- multiple choice ------------------------------------------------------------------------

@pytest.mark.parametrize(("response", "points"), [
    (["B"], 1), (["A"], 0), ([], 0), (["B", "A"], 0), (["B", "B"], 1), (["Z"], 0),
])
def test_multiple_choice_one_right_answer(response, points):  # rule D-2
    assert score_multiple_choice(correct="B", response=response) == points


# --- complex multiple choice: partial credit ------------------------------------------------

@pytest.mark.parametrize(("response", "points"), [
    ({"A", "C", "D"}, 2),  # exactly the key
    ({"A", "C"}, 1),  # one right option missed
    ({"A", "C", "D", "B"}, 1),  # one wrong option added
    ({"A"}, 0),  # two right options missed
    ({"A", "B"}, 0),  # one missed, one wrong
    (set(), 0),  # blank earns nothing, though only three decisions are wrong
    ({"A", "B", "C", "D", "E"}, 0),  # choosing everything earns nothing
    ({"A", "C", "D", "X"}, 2),  # ids that are no option are ignored
    ({"B", "E"}, 0),
])
def test_complex_multiple_choice_partial_credit(response, points):  # rule D-2
    options = [c["id"] for c in COMPLEX["choices"]]
    assert score_complex_multiple_choice(options=options, correct=COMPLEX["correct"],
                                         response=response) == points


def test_choosing_everything_earns_nothing_even_when_only_one_option_is_wrong():  # rule D-2
    assert score_complex_multiple_choice(options=["A", "B", "C"], correct=["A", "B"],
                                         response=["A", "B", "C"]) == 0
    assert score_complex_multiple_choice(options=["A", "B", "C"], correct=["A", "B"],
                                         response=["A"]) == 1


# --- matching: partial credit ---------------------------------------------------------------

@pytest.mark.parametrize(("response", "points"), [
    ([("S1", "T1"), ("S2", "T2"), ("S3", "T3")], 2),
    ([("S1", "T1"), ("S2", "T2")], 1),  # one row left empty
    ([("S1", "T1"), ("S2", "T2"), ("S3", "T1")], 1),  # one row wrong
    ([("S1", "T1"), ("S2", "T2"), ("S3", "T3"), ("S4", "T1")], 1),  # distractor matched
    ([("S1", "T2"), ("S2", "T1"), ("S3", "T3")], 0),  # two rows swapped: two wrong
    ([("S1", "T1"), ("S1", "T2"), ("S2", "T2"), ("S3", "T3")], 1),  # two targets on a row
    ([], 0),
    ([("S9", "T1")], 0),  # a source that does not exist is no answer
])
def test_matching_partial_credit(response, points):  # rule D-2
    assert score_matching(sources=["S1", "S2", "S3", "S4"],
                          pairs=[tuple(p) for p in MATCHING["pairs"]],
                          response=response) == points


# --- short answer ---------------------------------------------------------------------------

@pytest.mark.parametrize(("accepted", "response", "points"), [
    (["2,5"], "2.5", 1), (["2.5"], "2,5", 1), (["2,5"], " 2,50 ", 1), (["2,5"], "2,4", 0),
    (["Jakarta"], "  jAKARTA ", 1), (["Kota Baru"], "kota   baru", 1),
    (["Kota Baru"], "kotabaru", 0), (["-3"], "−3", 1), (["0,5"], ",5", 1),
    (["1250"], "1.250", 1), (["1250"], "1,250", 1), (["1,25"], "1.250", 1),
    (["1500000"], "1.500.000", 1), (["1500000"], "1,500,000", 1),
    (["1234,5"], "1.234,5", 1), (["1234.5"], "1,234.5", 1),
    (["0,250"], "250", 0),  # a leading zero never groups thousands
    (["12"], "", 0), ([""], "", 0), (["dua"], "DUA", 1), (["25%"], "25 %", 0),
    (["ｂｉｒｕ"], "biru", 1),  # full-width letters (NFKC)
])
def test_short_answer_normalisation(accepted, response, points):  # rule D-2
    assert score_short_answer(accepted=accepted, response=response) == points


decimals = st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False,
                       allow_infinity=False)


@given(decimals)
def test_decimal_comma_and_point_are_the_same_number(number):  # rule D-2
    text = format(number, "f")
    assert answers_match(text, text.replace(".", ","))
    assert answers_match(text.replace(".", ","), text)
    assert number in numeric_readings(text.replace(".", ","))


@given(decimals, decimals)
def test_different_numbers_do_not_match(a, b):  # rule D-2
    assume(a != b)
    readings_a = numeric_readings(format(a, "f").replace(".", ","))
    # Only the documented ambiguity (one separator, three digits) may make them meet.
    assume(b not in readings_a)
    assert not answers_match(format(a, "f").replace(".", ","), format(b, "f"))


# Latin script, as answers are written; the Turkish dotted/dotless i alone have no caseless
# pairing.
words = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F,
                                       exclude_characters="ıİ"), min_size=1, max_size=12)


@given(st.lists(words, min_size=1, max_size=4), st.data())
def test_case_and_spacing_do_not_matter(parts, data):  # rule D-2
    answer = " ".join(parts)
    spaces = [data.draw(st.sampled_from([" ", "  ", "\t", " \u00a0"])) for _ in parts]
    typed = "".join(p.swapcase() + s for p, s in zip(parts, spaces, strict=True))
    assert answers_match(answer, "  " + typed)


@given(st.text(max_size=40))
def test_normalisation_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip()


@given(st.text(max_size=30))
def test_numeric_readings_never_fail(text):
    assert isinstance(numeric_readings(text), frozenset)


# --- essay and scale -------------------------------------------------------------------------

def test_essay_waits_for_a_rater_and_takes_only_rubric_levels():  # rule D-2
    assert score_response("essay", ESSAY, "jawaban") == Score(None, 3)
    assert score_essay(rubric_points={0, 1, 3}, awarded=3) == 3
    with pytest.raises(ValueError):
        score_essay(rubric_points={0, 1, 3}, awarded=2)


@pytest.mark.parametrize("position", range(1, SCALE_POINTS + 1))
def test_reverse_keyed_scale_counts_backwards(position):  # rules
    assert score_scale(position=position, reverse_keyed=False) == position
    assert score_scale(position=position, reverse_keyed=True) == SCALE_POINTS + 1 - position


@pytest.mark.parametrize("position", [0, SCALE_POINTS + 1])
def test_scale_positions_outside_the_scale_are_refused(position):
    with pytest.raises(ValueError):
        score_scale(position=position, reverse_keyed=False)


# --- dispatch ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("item_type", "content", "response", "expected"), [
    ("multiple_choice", CHOICES, ["B"], Score(1, 1)),
    ("multiple_choice", CHOICES, None, Score(0, 1)),
    ("complex_multiple_choice", COMPLEX, ["A", "C"], Score(1, PARTIAL_CREDIT_MAX_POINTS)),
    ("matching", MATCHING, [["S1", "T1"], ["S2", "T2"], ["S3", "T3"]], Score(2, 2)),
    ("short_answer", {"accepted": ["7,5"]}, "7.5", Score(1, 1)),
    ("scale", {"scale": "agreement"}, 4, Score(4, 4)),
    ("scale", {"scale": "agreement"}, None, Score(None, 4)),  # an unanswered statement
])
def test_score_response_dispatches_by_type(item_type, content, response, expected):
    assert score_response(item_type, content, response) == expected


def test_max_points_per_type():
    assert max_points("multiple_choice", CHOICES) == 1
    assert max_points("matching", MATCHING) == PARTIAL_CREDIT_MAX_POINTS
    assert max_points("essay", ESSAY) == 3
    assert Score(2, 2).full and not Score(1, 2).full and not Score(None, 2).full


def test_readings_of_an_ambiguous_group():
    assert numeric_readings("1.250") == {Decimal("1.25"), Decimal("1250")}
    assert numeric_readings("12.5") == {Decimal("12.5")}
    assert numeric_readings("abc") == frozenset()
