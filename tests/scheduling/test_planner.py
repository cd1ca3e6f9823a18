"""Placement planner properties (J-4, S-4): capacity, no seat twice, nobody twice, same
slot both days, schools kept together where a slot can hold them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from anbk.core.resources import ROOM_MAX_CLIENTS
from anbk.scheduling.planner import (
    RoomSeats,
    Seat,
    Sitter,
    Slot,
    plan_placement,
    plan_violations,
)


@st.composite
def problems(draw):
    slots = draw(st.lists(st.builds(Slot, st.integers(1, 2), st.integers(1, 3)),
                          min_size=0, max_size=6, unique=True))
    rooms = [RoomSeats(room_id=100 + i, clients=c) for i, c in enumerate(
        draw(st.lists(st.integers(1, ROOM_MAX_CLIENTS), min_size=0, max_size=4)))]
    sizes = draw(st.lists(st.integers(1, 50), min_size=0, max_size=8))
    sitters, pid = [], 1
    for school, size in enumerate(sizes, start=1):
        for k in range(size):
            sitters.append(Sitter(pid, school, (k >= size - 5, f"n{k:03d}")))
            pid += 1
    fixed = {}
    for sitter in draw(st.lists(st.sampled_from(sitters), max_size=5, unique=True)
                       if sitters else st.just([])):
        if slots and rooms:
            room = draw(st.sampled_from(rooms))
            # Sometimes a seat that no longer exists: the planner must drop it.
            seat = draw(st.integers(1, room.clients + 2))
            fixed[sitter.participant_id] = Seat(draw(st.sampled_from(slots)), room.room_id,
                                                seat)
    return slots, rooms, sitters, fixed


@given(problems())
@settings(max_examples=300, deadline=None)
def test_a_plan_never_breaks_a_constraint(problem):  # rules J-4, S-4
    slots, rooms, sitters, fixed = problem
    plan = plan_placement(slots=slots, rooms=rooms, sitters=sitters, fixed=fixed)
    assert plan_violations(slots=slots, rooms=rooms, sitters=sitters, plan=plan) == []
    capacity = len(slots) * sum(min(r.clients, ROOM_MAX_CLIENTS) for r in rooms)
    # Everyone is seated while seats last (a dropped fixed seat is placed afresh).
    assert len(plan.seats) == min(len(sitters), capacity)
    assert len(plan.seats) + len(plan.unplaced) == len(sitters)
    # A valid fixed seat is kept where it was put.
    for pid, seat in fixed.items():
        if pid not in plan.dropped_fixed:
            assert plan.seats[pid] == seat


@given(problems())
@settings(max_examples=200, deadline=None)
def test_schools_are_split_only_when_no_slot_holds_them(problem):  # rule J-4
    slots, rooms, sitters, _fixed = problem
    plan = plan_placement(slots=slots, rooms=rooms, sitters=sitters)
    assert plan.split_schools(sitters) <= len(slots)
    per_slot = sum(min(r.clients, ROOM_MAX_CLIENTS) for r in rooms)
    if per_slot >= len(sitters):
        assert plan.split_schools(sitters) == 0


def test_a_school_that_fits_sits_together_and_the_mains_come_first():
    slots = [Slot(1, 1), Slot(1, 2)]
    rooms = [RoomSeats(1, 15), RoomSeats(2, 15)]
    big = [Sitter(i, 1, (i > 25, f"{i:02d}")) for i in range(1, 31)]  # 25 main + 5 reserve
    small = [Sitter(100 + i, 2, (False, f"{i:02d}")) for i in range(10)]
    plan = plan_placement(slots=slots, rooms=rooms, sitters=big + small)
    assert {plan.seats[s.participant_id].slot for s in big} == {Slot(1, 1)}
    assert {plan.seats[s.participant_id].slot for s in small} == {Slot(1, 2)}
    assert plan.seats[1] == Seat(Slot(1, 1), 1, 1)
    assert plan.seats[30].room_id == 2  # a reserve comes after every main participant


def test_without_seats_everyone_is_unplaced_and_nothing_is_invented():
    sitters = [Sitter(i, 1) for i in range(1, 4)]
    plan = plan_placement(slots=[], rooms=[RoomSeats(1, 15)], sitters=sitters)
    assert plan.seats == {} and sorted(plan.unplaced) == [1, 2, 3]


def test_the_violation_check_catches_what_it_is_for():
    slots, rooms = [Slot(1, 1)], [RoomSeats(1, 2)]
    sitters = [Sitter(1, 1), Sitter(2, 1), Sitter(3, 1)]
    plan = plan_placement(slots=slots, rooms=rooms, sitters=sitters)
    plan.seats[3] = plan.seats[1]  # a seat twice, and more sitters than the room has clients
    plan.unplaced.remove(3)
    problems = plan_violations(slots=slots, rooms=rooms, sitters=sitters, plan=plan)
    assert any("given to" in p for p in problems)
    assert any("clients" in p for p in problems)
    plan.seats[3] = Seat(Slot(2, 1), 1, 1)
    assert any("did not set" in p for p in plan_violations(slots=slots, rooms=rooms,
                                                            sitters=sitters, plan=plan))
