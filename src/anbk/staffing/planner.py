"""Crosswise supervisor assignment (S-4, S-7) as a pure function over plain data.

A *seat* is one room in one session slot; it needs one supervisor. A *candidate* is a person
in the supervisor pool, with every school they serve at (P-8: possibly several). The rules:

1. never a supervisor from a school whose participants sit in the room (the room's school
   and its guest schools, S-2);
2. one place per person per slot (a person already busy in a slot elsewhere stays out);
3. every seat filled when the pool allows it;
4. short distances preferred (great-circle between the candidate's school and the room's).

`plan_supervisors` matches each slot greedily on the globally shortest eligible pairs among
each seat's nearest candidates (a grid over coordinates finds them), then fills what is left
with the nearest free eligible candidate. `first_fit_supervisors` is the baseline the
benchmark compares against; `plan_violations` checks any plan against rules 1–3.
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

# One great-circle distance for the project (the resource-sharing engine's).
from anbk.readiness.sharing import great_circle_km

# The nearest-candidate grid holds about this many candidates per cell (its cell size
# follows the pool's density), bounded below so a dense city still gets sensible cells.
PER_CELL = 4
MIN_CELL_DEGREES = 0.005
# How many nearest eligible candidates each seat offers the greedy matching.
NEAREST = 8
# Orders pairs whose distance is unknown (a school without coordinates) after known ones.
UNKNOWN_KM = 1.0e6

Slot = tuple[int, int]  # (day, session)


@dataclass(frozen=True)
class Seat:
    room: Hashable
    slot: Slot
    school: int
    lat: float | None
    lon: float | None
    participant_schools: frozenset[int]


@dataclass(frozen=True)
class Candidate:
    person: Hashable
    schools: frozenset[int]
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Placement:
    seat: Seat
    candidate: Candidate
    distance_km: float | None


@dataclass
class Plan:
    placements: list[Placement] = field(default_factory=list)
    unfilled: list[Seat] = field(default_factory=list)

    @property
    def total_km(self) -> float:
        return sum(p.distance_km or 0.0 for p in self.placements)


def eligible(seat: Seat, candidate: Candidate) -> bool:
    """Rule 1: the candidate serves at none of the schools whose participants sit there."""
    return candidate.schools.isdisjoint(seat.participant_schools)


def distance(seat: Seat, candidate: Candidate) -> float | None:
    if None in (seat.lat, seat.lon, candidate.lat, candidate.lon):
        return None
    return great_circle_km(seat.lat, seat.lon, candidate.lat, candidate.lon)


def _cost(seat: Seat, candidate: Candidate) -> float:
    km = distance(seat, candidate)
    return UNKNOWN_KM if km is None else km


class _Grid:
    """Candidates bucketed by grid cell, searched ring by ring outwards from a seat."""

    def __init__(self, candidates: list[Candidate]):
        placed = [(i, c) for i, c in enumerate(candidates)
                  if c.lat is not None and c.lon is not None]
        self.unplaced = [i for i, c in enumerate(candidates) if c.lat is None or c.lon is None]
        self.size = MIN_CELL_DEGREES
        if placed:
            lats = [c.lat for _i, c in placed]
            lons = [c.lon for _i, c in placed]
            area = (max(lats) - min(lats)) * (max(lons) - min(lons))
            self.size = max(MIN_CELL_DEGREES, math.sqrt(area * PER_CELL / len(placed)))
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index, candidate in placed:
            self.cells[self.cell(candidate.lat, candidate.lon)].append(index)
        if self.cells:
            rows = [c[0] for c in self.cells]
            cols = [c[1] for c in self.cells]
            self.bounds = (min(rows), max(rows), min(cols), max(cols))
        else:
            self.bounds = (0, -1, 0, -1)

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.size), math.floor(lon / self.size)

    def _max_ring(self, centre: tuple[int, int]) -> int:
        r0, r1, c0, c1 = self.bounds
        return max(abs(centre[0] - r0), abs(centre[0] - r1), abs(centre[1] - c0),
                   abs(centre[1] - c1))

    def _ring(self, centre: tuple[int, int], r: int):
        row, col = centre
        if r == 0:
            yield from self.cells.get(centre, ())
            return
        for c in range(col - r, col + r + 1):
            yield from self.cells.get((row - r, c), ())
            yield from self.cells.get((row + r, c), ())
        for rr in range(row - r + 1, row + r):
            yield from self.cells.get((rr, col - r), ())
            yield from self.cells.get((rr, col + r), ())

    def nearest(self, seat: Seat, wanted: int, accept) -> list[int]:
        """Up to `wanted` accepted candidates, nearest first. Rings are walked until enough
        are found and one ring more (a nearer one may sit just across a cell border)."""
        if seat.lat is None or seat.lon is None or not self.cells:
            # No place to measure from: any accepted candidate is as near as any other.
            every = (i for cell in self.cells.values() for i in cell)
            return [i for i in (*self.unplaced, *every) if accept(i)][:wanted]
        centre = self.cell(seat.lat, seat.lon)
        found: list[int] = []
        extra_rings = None
        for r in range(self._max_ring(centre) + 1):
            if (2 * r + 1) ** 2 > 4 * len(self.cells):
                # Rings this wide are mostly empty: take every cell not yet walked.
                found.extend(i for cell, members in self.cells.items()
                             if max(abs(cell[0] - centre[0]), abs(cell[1] - centre[1])) >= r
                             for i in members if accept(i))
                break
            found.extend(i for i in self._ring(centre, r) if accept(i))
            if extra_rings is None and len(found) >= wanted:
                extra_rings = 1
            elif extra_rings is not None:
                extra_rings -= 1
            if extra_rings is not None and extra_rings < 0:
                break
        found.extend(i for i in self.unplaced if accept(i))
        return found


def plan_supervisors(seats: Iterable[Seat], candidates: Iterable[Candidate],
                     busy: Iterable[tuple[Hashable, Slot]] = ()) -> Plan:
    """Assign one supervisor to every seat it can (rules 1–4 of the module docstring).

    `busy` holds (person, slot) pairs already placed elsewhere (by another authority, a
    manual edit, or as a proctor): those people are not free in those slots.
    """
    pool = list(candidates)
    grid = _Grid(pool)
    taken_by_slot: dict[Slot, set[int]] = defaultdict(set)
    index_of = {c.person: i for i, c in enumerate(pool)}
    for person, slot in busy:
        if person in index_of:
            taken_by_slot[slot].add(index_of[person])

    seats_by_slot: dict[Slot, list[Seat]] = defaultdict(list)
    for seat in seats:
        seats_by_slot[seat.slot].append(seat)

    # A room offers the same nearest candidates in every slot; cache them with their cost.
    nearest_by_room: dict[Hashable, list[tuple[float, int]]] = {}
    plan = Plan()
    for slot in sorted(seats_by_slot):
        taken = taken_by_slot[slot]
        slot_seats = seats_by_slot[slot]
        edges: list[tuple[float, int, int]] = []
        for s, seat in enumerate(slot_seats):
            near = nearest_by_room.get(seat.room)
            if near is None:
                found = grid.nearest(seat, NEAREST, lambda i, seat=seat: eligible(seat, pool[i]))
                near = sorted((_cost(seat, pool[i]), i) for i in found)[:NEAREST]
                nearest_by_room[seat.room] = near
            edges.extend((cost, s, i) for cost, i in near if i not in taken)
        edges.sort()
        chosen: dict[int, int] = {}
        for _cost_km, s, i in edges:
            if s not in chosen and i not in taken:
                chosen[s] = i
                taken.add(i)
        for s, seat in enumerate(slot_seats):
            if s not in chosen:
                best = _nearest_free(seat, pool, grid, taken)
                if best is None:
                    plan.unfilled.append(seat)
                    continue
                chosen[s] = best
                taken.add(best)
            candidate = pool[chosen[s]]
            plan.placements.append(Placement(seat, candidate, distance(seat, candidate)))
    return plan


def _nearest_free(seat: Seat, pool: list[Candidate], grid: _Grid, taken: set[int]
                  ) -> int | None:
    near = grid.nearest(seat, 1, lambda i: i not in taken and eligible(seat, pool[i]))
    return min(near, key=lambda i: _cost(seat, pool[i])) if near else None


def first_fit_supervisors(seats: Iterable[Seat], candidates: Iterable[Candidate],
                          busy: Iterable[tuple[Hashable, Slot]] = ()) -> Plan:
    """Baseline: each seat, in the order given, takes the first free eligible candidate of
    the pool's order, ignoring distance."""
    pool = list(candidates)
    taken: dict[Slot, set[Hashable]] = defaultdict(set)
    for person, slot in busy:
        taken[slot].add(person)
    # Per slot, everything before the cursor is taken: the scan stays linear.
    cursor: dict[Slot, int] = defaultdict(int)
    plan = Plan()
    for seat in seats:
        used = taken[seat.slot]
        start = cursor[seat.slot]
        while start < len(pool) and pool[start].person in used:
            start += 1
        cursor[seat.slot] = start
        pick = next((pool[i] for i in range(start, len(pool))
                     if pool[i].person not in used and eligible(seat, pool[i])), None)
        if pick is None:
            plan.unfilled.append(seat)
            continue
        used.add(pick.person)
        plan.placements.append(Placement(seat, pick, distance(seat, pick)))
    return plan


def plan_violations(seats: Iterable[Seat], plan: Plan,
                    busy: Iterable[tuple[Hashable, Slot]] = ()) -> list[str]:
    """Every broken rule of a plan, in plain words (empty: the plan is sound)."""
    problems: list[str] = []
    places: dict[tuple[Hashable, Slot], int] = defaultdict(int)
    for person, slot in set(busy):
        places[(person, slot)] += 1
    filled: dict[tuple[Hashable, Slot], int] = defaultdict(int)
    for p in plan.placements:
        if not eligible(p.seat, p.candidate):
            problems.append(f"{p.candidate.person} supervises own school's participants "
                            f"in room {p.seat.room} {p.seat.slot}")
        places[(p.candidate.person, p.seat.slot)] += 1
        filled[(p.seat.room, p.seat.slot)] += 1
    problems += [f"{person} is in {n} places in slot {slot}"
                 for (person, slot), n in places.items() if n > 1]
    problems += [f"room {room} {slot} has {n} supervisors"
                 for (room, slot), n in filled.items() if n > 1]
    unfilled = {(s.room, s.slot) for s in plan.unfilled}
    problems += [f"room {s.room} {s.slot} neither filled nor reported unfilled"
                 for s in seats if (s.room, s.slot) not in filled
                 and (s.room, s.slot) not in unfilled]
    return problems
