"""Placement planner (J-4): seats every participant of one host and level in a session slot,
a room (one proctor server, ≤ 15 clients, S-4) and a seat. Pure: no database.

A slot is a session number on a day pair (decision 0016): a participant placed in slot
(pair p, session n) sits session n on both days of pair p, so "same slot both days" holds
by construction. Placed seats already fixed (manual moves) stay; the rest is filled school
by school, largest school first, each into the slot whose free seats fit it most tightly
(best fit), so a school stays together whenever some slot can hold it; a school that fits
nowhere fills the emptiest slot and continues in the next. Each such split fills a slot to
the last seat, so at most one school per slot is split.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from anbk.core.resources import ROOM_MAX_CLIENTS
from anbk.core.schedule import DAYS_PER_PARTICIPANT


@dataclass(frozen=True, order=True)
class Slot:
    pair: int
    number: int

    @property
    def days(self) -> tuple[int, ...]:
        """The school's assessment days (1–4) this slot runs on: both days of its pair."""
        first = (self.pair - 1) * DAYS_PER_PARTICIPANT + 1
        return tuple(range(first, first + DAYS_PER_PARTICIPANT))


@dataclass(frozen=True)
class RoomSeats:
    room_id: int
    clients: int


@dataclass(frozen=True, order=True)
class Seat:
    slot: Slot
    room_id: int
    seat: int


@dataclass(frozen=True)
class Sitter:
    """A participant to seat: `order` sorts within the school (main before reserve, then
    name), `school_id` keeps schools together."""

    participant_id: int
    school_id: int
    order: tuple = ()


@dataclass
class Plan:
    seats: dict[int, Seat] = field(default_factory=dict)  # participant id → seat
    unplaced: list[int] = field(default_factory=list)
    dropped_fixed: list[int] = field(default_factory=list)  # fixed seats no longer valid

    def split_schools(self, sitters: Iterable[Sitter]) -> int:
        """How many schools sit in more than one slot."""
        slots: dict[int, set[Slot]] = defaultdict(set)
        for sitter in sitters:
            if sitter.participant_id in self.seats:
                slots[sitter.school_id].add(self.seats[sitter.participant_id].slot)
        return sum(len(s) > 1 for s in slots.values())


def _room_capacity(room: RoomSeats) -> int:
    return min(room.clients, ROOM_MAX_CLIENTS)


def plan_placement(*, slots: Sequence[Slot], rooms: Sequence[RoomSeats],
                   sitters: Sequence[Sitter], fixed: dict[int, Seat] | None = None) -> Plan:
    slots = sorted(set(slots))
    rooms = list(rooms)
    valid_seats = {Seat(slot, room.room_id, n) for slot in slots for room in rooms
                   for n in range(1, _room_capacity(room) + 1)}
    plan = Plan()
    wanted = {s.participant_id for s in sitters}
    taken: set[Seat] = set()
    for pid, seat in sorted((fixed or {}).items(), key=lambda item: item[1]):
        if pid in wanted and seat in valid_seats and seat not in taken:
            plan.seats[pid] = seat
            taken.add(seat)
        elif pid in wanted:
            plan.dropped_fixed.append(pid)
    free: dict[Slot, list[Seat]] = {
        slot: [Seat(slot, room.room_id, n) for room in rooms
               for n in range(1, _room_capacity(room) + 1)
               if Seat(slot, room.room_id, n) not in taken]
        for slot in slots}
    for seats in free.values():
        seats.reverse()  # pop() from the end takes the lowest room and seat first

    groups: dict[int, list[Sitter]] = defaultdict(list)
    for sitter in sitters:
        if sitter.participant_id not in plan.seats:
            groups[sitter.school_id].append(sitter)
    home: dict[int, Counter] = defaultdict(Counter)  # where a school's fixed members sit
    for sitter in sitters:
        if sitter.participant_id in plan.seats:
            home[sitter.school_id][plan.seats[sitter.participant_id].slot] += 1

    for school_id, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        queue = sorted(group, key=lambda s: (s.order, s.participant_id))
        while queue:
            fitting = [slot for slot in slots if len(free[slot]) >= len(queue)]
            if fitting:
                preferred = [s for s, _n in home[school_id].most_common() if s in fitting]
                slot = preferred[0] if preferred else min(
                    fitting, key=lambda s: (len(free[s]), s))
            else:
                slot = max(slots, key=lambda s: (len(free[s]), -s.pair, -s.number),
                           default=None)
                if slot is None or not free[slot]:
                    plan.unplaced += [s.participant_id for s in queue]
                    break
            take = min(len(queue), len(free[slot]))
            for sitter in queue[:take]:
                plan.seats[sitter.participant_id] = free[slot].pop()
            home[school_id][slot] += take
            queue = queue[take:]
    return plan


def plan_violations(*, slots: Sequence[Slot], rooms: Sequence[RoomSeats],
                    sitters: Sequence[Sitter], plan: Plan) -> list[str]:
    """Every broken constraint of a plan, in words (empty: none). J-4, S-4."""
    problems = []
    slot_set = set(slots)
    clients = {room.room_id: _room_capacity(room) for room in rooms}
    ids = [s.participant_id for s in sitters]
    if len(ids) != len(set(ids)):
        problems.append("a participant is listed twice")
    placed, unplaced = set(plan.seats), set(plan.unplaced)
    if placed & unplaced:
        problems.append(f"placed and unplaced at once: {sorted(placed & unplaced)[:5]}")
    if placed | unplaced != set(ids):
        problems.append("participants lost or invented by the plan")
    seen: dict[Seat, int] = {}
    per_room: Counter = Counter()
    per_day_slot: dict[tuple[int, int], set[int]] = defaultdict(set)
    for pid, seat in plan.seats.items():
        if seat.slot not in slot_set:
            problems.append(f"participant {pid} in a slot the school did not set: {seat.slot}")
        if seat.room_id not in clients or not 1 <= seat.seat <= clients[seat.room_id]:
            problems.append(f"participant {pid} on seat {seat.seat} of room {seat.room_id}, "
                            "which does not exist")
        if seat in seen:
            problems.append(f"seat {seat} given to {seen[seat]} and {pid}")
        seen[seat] = pid
        per_room[(seat.slot, seat.room_id)] += 1
        # A slot is one session number on the days of one pair: both days, same session.
        days = seat.slot.days
        if len(days) != DAYS_PER_PARTICIPANT:
            problems.append(f"participant {pid} not placed on both days")
        for day in days:
            if pid in per_day_slot[(day, seat.slot.number)]:
                problems.append(f"participant {pid} twice on day {day}")
            per_day_slot[(day, seat.slot.number)].add(pid)
    for (slot, room_id), count in per_room.items():
        if count > clients.get(room_id, 0):
            problems.append(f"room {room_id} in {slot}: {count} participants, "
                            f"{clients.get(room_id, 0)} clients")
    return problems
