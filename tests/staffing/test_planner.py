"""The supervisor planner over plain data (rules S-4, S-7): property tests that a plan never
breaks a constraint and leaves a seat empty only when nobody eligible is free."""

from hypothesis import given, settings
from hypothesis import strategies as st

from anbk.staffing.planner import (
    Candidate,
    Seat,
    eligible,
    first_fit_supervisors,
    great_circle_km,
    plan_supervisors,
    plan_violations,
)

SCHOOLS = 8
coordinate = st.one_of(st.none(), st.tuples(st.floats(-8.0, -6.0), st.floats(106.0, 108.0)))
slot = st.tuples(st.integers(1, 2), st.integers(1, 3))


@st.composite
def problems(draw):
    places = {s: draw(coordinate) for s in range(SCHOOLS)}
    rooms = draw(st.lists(st.integers(0, SCHOOLS - 1), min_size=1, max_size=12))
    guests = {s: draw(st.frozensets(st.integers(0, SCHOOLS - 1), max_size=2))
              for s in range(SCHOOLS)}
    slots = draw(st.lists(slot, min_size=1, max_size=4, unique=True))
    seats = []
    for room, school in enumerate(rooms):
        lat, lon = places[school] or (None, None)
        for sl in slots:
            seats.append(Seat(room, sl, school, lat, lon,
                              frozenset({school}) | guests[school]))
    people = draw(st.lists(st.frozensets(st.integers(0, SCHOOLS - 1), min_size=1,
                                         max_size=3), max_size=20))
    candidates = []
    for person, schools in enumerate(people):
        lat, lon = places[min(schools)] or (None, None)
        candidates.append(Candidate(person, schools, lat, lon))
    busy = draw(st.lists(st.tuples(st.integers(0, max(len(people) - 1, 0)), slot),
                         max_size=6))
    return seats, candidates, busy


@settings(max_examples=300, deadline=None)
@given(problems())
def test_a_plan_never_breaks_a_constraint(problem):  # rule S-7
    seats, candidates, busy = problem
    plan = plan_supervisors(seats, candidates, busy)
    assert plan_violations(seats, plan, busy) == []
    assert len(plan.placements) + len(plan.unfilled) == len(seats)


@settings(max_examples=300, deadline=None)
@given(problems())
def test_a_seat_stays_empty_only_when_nobody_eligible_is_free(problem):  # rules S-4, S-7
    seats, candidates, busy = problem
    plan = plan_supervisors(seats, candidates, busy)
    used = {(p.candidate.person, p.seat.slot) for p in plan.placements} | set(busy)
    for seat in plan.unfilled:
        assert not [c for c in candidates
                    if eligible(seat, c) and (c.person, seat.slot) not in used]


@settings(max_examples=200, deadline=None)
@given(problems())
def test_the_first_fit_baseline_keeps_the_constraints_too(problem):  # rule S-7
    seats, candidates, busy = problem
    plan = first_fit_supervisors(seats, candidates, busy)
    assert plan_violations(seats, plan, busy) == []


def test_it_prefers_the_nearest_supervisor_from_another_school():  # rule S-7
    bandung, soreang, garut = (-6.91, 107.61), (-7.03, 107.52), (-7.22, 107.90)
    seat = Seat("R1", (1, 1), 1, *bandung, frozenset({1}))
    near = Candidate("near", frozenset({2}), *soreang)
    far = Candidate("far", frozenset({3}), *garut)
    own = Candidate("own", frozenset({1, 3}), *bandung)
    plan = plan_supervisors([seat], [far, own, near])
    assert [p.candidate.person for p in plan.placements] == ["near"]
    assert 10 < plan.placements[0].distance_km < 20


def test_a_guest_schools_teacher_does_not_supervise_the_host_room():  # rules S-2, S-7
    seat = Seat("R1", (1, 1), 1, -6.9, 107.6, frozenset({1, 2}))
    guest_teacher = Candidate("g", frozenset({2}), -6.9, 107.6)
    plan = plan_supervisors([seat], [guest_teacher])
    assert plan.placements == [] and plan.unfilled == [seat]


def test_one_person_takes_one_room_per_slot_and_may_return_next_slot():  # rule S-7
    seats = [Seat(r, sl, 1, -6.9, 107.6, frozenset({1})) for r in ("A", "B")
             for sl in ((1, 1), (1, 2))]
    plan = plan_supervisors(seats, [Candidate("p", frozenset({2}), -6.9, 107.6)])
    assert sorted(p.seat.slot for p in plan.placements) == [(1, 1), (1, 2)]
    assert len(plan.unfilled) == 2
    assert plan_violations(seats, plan) == []


def test_the_checker_names_each_broken_rule():  # rule S-7: the oracle itself is tested
    from anbk.staffing.planner import Placement, Plan

    seat_a = Seat("A", (1, 1), 1, None, None, frozenset({1}))
    seat_b = Seat("B", (1, 1), 2, None, None, frozenset({2}))
    own = Candidate("p", frozenset({1}), None, None)
    plan = Plan([Placement(seat_a, own, None), Placement(seat_b, own, None)], [])
    problems = plan_violations([seat_a, seat_b], plan)
    assert any("own school" in p for p in problems)
    assert any("2 places" in p for p in problems)
    assert plan_violations([seat_a], Plan()) == ["room A (1, 1) neither filled nor reported "
                                                 "unfilled"]


def test_great_circle_distance_matches_a_known_pair():
    # Bandung – Jakarta is about 120 km as the crow flies.
    assert 110 < great_circle_km(-6.9175, 107.6191, -6.2088, 106.8456) < 125
