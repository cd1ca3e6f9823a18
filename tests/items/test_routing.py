"""Multistage routing by number-correct (AKM's adaptive design, issue 6): the pure routing
function and the check of a panel's ranges."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from anbk.items.routing import Route, even_routes, number_correct, route, route_problems
from anbk.items.scoring import Score

ROUTES = [Route("stage2-easy", 0, 3), Route("stage2-medium", 4, 6), Route("stage2-hard", 7, 10)]


@pytest.mark.parametrize(("correct", "module"), [
    (0, "stage2-easy"), (3, "stage2-easy"), (4, "stage2-medium"), (6, "stage2-medium"),
    (7, "stage2-hard"), (10, "stage2-hard"),
])
def test_number_correct_picks_the_module_whose_range_holds_it(correct, module):
    assert route(correct, ROUTES) == module


def test_a_gap_or_an_overlap_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        route(11, ROUTES)
    with pytest.raises(ValueError):
        route(3, [Route("a", 0, 3), Route("b", 3, 5)])


def test_only_full_credit_counts_as_correct():
    scores = [Score(1, 1), Score(0, 1), Score(2, 2), Score(1, 2), Score(None, 3)]
    assert number_correct(scores) == 2


def test_good_ranges_have_no_problems():
    assert route_problems(ROUTES, 10) == []


@pytest.mark.parametrize(("routes", "items", "words"), [
    ([Route("a", 0, 3), Route("b", 5, 10)], 10, "4 jawaban benar"),  # gap
    ([Route("a", 0, 5), Route("b", 5, 10)], 10, "beberapa modul"),  # overlap
    ([Route("a", 0, 5), Route("b", 6, 12)], 10, "melebihi jumlah soal"),  # beyond stage 1
    ([Route("a", 0, 10)], 10, "dua modul"),  # one module is no adaptivity
    ([Route("a", 0, 4), Route("b", 6, 5)], 10, "melebihi batas atas"),
])
def test_broken_ranges_are_named(routes, items, words):
    problems = route_problems(routes, items)
    assert any(words in p for p in problems), problems


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=2, max_value=3))
def test_even_routes_send_every_result_to_exactly_one_module(items, modules):
    assume(items + 1 >= modules)  # fewer results than modules cannot be split
    routes = even_routes([f"m{i}" for i in range(modules)], items)
    assert route_problems(routes, items) == []
    for correct in range(items + 1):
        assert route(correct, routes).startswith("m")
