"""The resource-sharing engine (S-2): which host school each guest school should ride along at.

Pure Python, no database: the service feeds it sites and a policy. A guest goes whole to one
host whose places left (computers × sessions − its own participants − guests already placed)
hold all its participants, within the maximum great-circle distance and the allowed
crossings (level, school/madrasah, public/private); among such assignments it looks for the
least total participant travel (participants × km).

How (docs/decisions/0009-resource-sharing-engine.md): placing whole guests under capacities
is a generalised assignment problem (NP-hard), so
1. its relaxation, where a guest's participants may split over hosts, is solved exactly as a
   min-cost flow (successive shortest paths with potentials, Dijkstra stopped at the sink)
   on the candidate pairs only; this gives the lower bound and places most guests whole;
2. guests the flow split are re-placed whole: the nearest host with room, else by moving one
   guest already at a near host to another host of its own (one ejection);
3. moves to a nearer host with room, and swaps of two guests' hosts, that shorten the
   total are applied for a few rounds (until none is left, mostly).
The result never breaks capacity, distance or crossings: every step checks them.
"""

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field

from anbk.core.resources import EARTH_RADIUS_KM

# Per participant placed nowhere: dearer than any route through the network, so the flow
# places as many participants as capacity allows before it shortens any trip.
_UNPLACED_COST = 10**13
_KM_PER_DEGREE_LATITUDE = 110.57
_IMPROVEMENT_ROUNDS = 20


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere of the earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Site:
    """A school as the engine sees it. `capacity`: places left for guests (hosts only)."""

    key: int
    latitude: float | None
    longitude: float | None
    participants: int = 0
    capacity: int = 0
    level: str = ""
    agency: str = ""
    status: str = ""  # negeri / swasta


@dataclass(frozen=True)
class Policy:
    max_km: float
    cross_level: bool = True
    cross_agency: bool = True
    cross_status: bool = True

    def allows(self, guest: Site, host: Site) -> bool:
        return ((self.cross_level or guest.level == host.level)
                and (self.cross_agency or guest.agency == host.agency)
                and (self.cross_status or guest.status == host.status))


class Unplaced:
    """Why a guest got no host."""

    NO_COORDINATES = "no_coordinates"
    NO_CANDIDATE = "no_candidate"  # no host within the distance and crossings
    NO_CAPACITY = "no_capacity"  # hosts near enough, but none with room left


@dataclass(frozen=True)
class Placement:
    """One suggested pair with what led to it."""

    guest: int
    host: int
    km: float
    participants: int
    rank: int  # 1 = the nearest host that could take the guest
    candidates: int  # hosts within the distance and crossings with room for the guest at all
    host_capacity: int  # the host's places before any guest of this run
    host_left: int  # its places left after this run


@dataclass
class SharingResult:
    placements: list[Placement] = field(default_factory=list)
    unplaced: dict[int, str] = field(default_factory=dict)
    lower_bound: float = 0.0  # participant-km of the split optimum: no placement beats it

    @property
    def total(self) -> float:
        """Total participant travel, participants × km."""
        return sum(p.participants * p.km for p in self.placements)


def candidate_pairs(guests: list[Site], hosts: list[Site], policy: Policy
                    ) -> dict[int, list[tuple[float, int]]]:
    """guest key → [(km, host key)] nearest first: hosts within max_km, crossings allowed,
    room for the whole guest. Hosts are bucketed on a grid of max_km cells, so each guest
    looks at its neighbourhood only."""
    cell = max(policy.max_km / _KM_PER_DEGREE_LATITUDE, 1e-6)
    grid: dict[tuple[int, int], list[Site]] = defaultdict(list)
    for host in hosts:
        if host.latitude is not None and host.longitude is not None and host.capacity > 0:
            grid[(math.floor(host.latitude / cell), math.floor(host.longitude / cell))].append(
                host)
    result: dict[int, list[tuple[float, int]]] = {}
    for guest in guests:
        if guest.latitude is None or guest.longitude is None:
            continue
        row, col = math.floor(guest.latitude / cell), math.floor(guest.longitude / cell)
        shrink = max(math.cos(math.radians(min(abs(guest.latitude) + 2 * cell, 89.0))), 1e-3)
        reach = math.ceil(1 / shrink)  # a degree of longitude is shorter away from the equator
        found = []
        for r in range(row - 1, row + 2):
            for c in range(col - reach, col + reach + 1):
                for host in grid.get((r, c), ()):
                    if (host.key == guest.key or host.capacity < guest.participants
                            or not policy.allows(guest, host)):
                        continue
                    km = great_circle_km(guest.latitude, guest.longitude, host.latitude,
                                         host.longitude)
                    if km <= policy.max_km:
                        found.append((km, host.key))
        found.sort()
        result[guest.key] = found
    return result


class _Flow:
    """Min-cost flow on guests → hosts → sink by successive shortest paths. Arc i and i ^ 1
    are each other's reverse; costs are integer metres per participant."""

    def __init__(self, nodes: int):
        self.adj: list[list[int]] = [[] for _ in range(nodes)]
        self.to: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []
        self.pi = [0] * nodes

    def add(self, u: int, v: int, cap: int, cost: int) -> int:
        self.adj[u].append(len(self.to))
        self.to.append(v), self.cap.append(cap), self.cost.append(cost)
        self.adj[v].append(len(self.to))
        self.to.append(u), self.cap.append(0), self.cost.append(-cost)
        return len(self.to) - 2

    def push_from(self, source: int, sink: int, supply: int) -> None:
        """Route `supply` units out of source along shortest paths to the sink. Potentials
        keep reduced costs non-negative, so Dijkstra applies; stopping at the sink, only
        the nodes it settled get new potentials (shifted by its distance, which changes no
        reduced cost), so a search costs only the neighbourhood it explored."""
        while supply > 0:
            dist = {source: 0}
            via: dict[int, int] = {}
            settled: dict[int, int] = {}
            heap = [(0, source)]
            pi, to, cap, cost, adj = self.pi, self.to, self.cap, self.cost, self.adj
            while heap:
                d, u = heapq.heappop(heap)
                if u in settled:
                    continue
                settled[u] = d
                if u == sink:
                    break
                base = d + pi[u]
                for arc in adj[u]:
                    if cap[arc] <= 0:
                        continue
                    v = to[arc]
                    if v in settled:
                        continue
                    nd = base + cost[arc] - pi[v]
                    if nd < dist.get(v, nd + 1):
                        dist[v], via[v] = nd, arc
                        heapq.heappush(heap, (nd, v))
            reach = settled[sink]
            for node, d in settled.items():
                pi[node] += d - reach
            delta, node = supply, sink
            while node != source:
                arc = via[node]
                delta = min(delta, cap[arc])
                node = to[arc ^ 1]
            node = sink
            while node != source:
                arc = via[node]
                cap[arc] -= delta
                cap[arc ^ 1] += delta
                node = to[arc ^ 1]
            supply -= delta


def _split_optimum(guests: list[Site], hosts: dict[int, Site],
                   cands: dict[int, list[tuple[float, int]]]
                   ) -> tuple[dict[int, list[tuple[int, int]]], float]:
    """The relaxation: guest key → [(host key, participants)], and its cost."""
    host_keys = sorted({h for pairs in cands.values() for _km, h in pairs})
    index = {key: len(guests) + i for i, key in enumerate(host_keys)}
    sink = len(guests) + len(host_keys)
    flow = _Flow(sink + 1)
    arcs: list[tuple[int, int, int, float]] = []  # (arc, guest key, host key, km)
    everyone = sum(g.participants for g in guests)
    for g, guest in enumerate(guests):
        for km, h in cands.get(guest.key, ()):
            arc = flow.add(g, index[h], guest.participants, round(km * 1000))
            arcs.append((arc, guest.key, h, km))
        # Uncapped: a later guest's path may push this guest's flow here, too.
        flow.add(g, sink, everyone, _UNPLACED_COST)
    for key in host_keys:
        flow.add(index[key], sink, hosts[key].capacity, 0)
    for g, guest in enumerate(guests):
        if cands.get(guest.key):
            flow.push_from(g, sink, guest.participants)
    shares: dict[int, list[tuple[int, int]]] = defaultdict(list)
    bound = 0.0
    for arc, guest_key, host_key, km in arcs:
        carried = flow.cap[arc ^ 1]
        if carried:
            shares[guest_key].append((host_key, carried))
            bound += carried * km
    return shares, bound


def suggest(guests: list[Site], hosts: list[Site], policy: Policy) -> SharingResult:
    """Place each guest whole at one host (see the module docstring)."""
    result = SharingResult()
    by_host = {h.key: h for h in hosts}
    guests = [g for g in guests if g.participants > 0]
    located = []
    for guest in guests:
        if guest.latitude is None or guest.longitude is None:
            result.unplaced[guest.key] = Unplaced.NO_COORDINATES
        else:
            located.append(guest)
    cands = candidate_pairs(located, hosts, policy)
    km_of = {g: dict((h, km) for km, h in pairs) for g, pairs in cands.items()}
    shares, result.lower_bound = _split_optimum(located, by_host, cands)

    left = {h.key: h.capacity for h in hosts}
    at: dict[int, int] = {}  # guest key → host key
    size = {g.key: g.participants for g in located}
    pending = []
    for guest in located:
        parts = shares.get(guest.key, [])
        if len(parts) == 1 and parts[0][1] == guest.participants:
            at[guest.key] = parts[0][0]
            left[parts[0][0]] -= guest.participants
        else:
            pending.append(guest)
    guests_at: dict[int, set[int]] = defaultdict(set)
    for g, h in at.items():
        guests_at[h].add(g)

    def place(g: int, h: int) -> None:
        at[g] = h
        left[h] -= size[g]
        guests_at[h].add(g)

    def unplace(g: int) -> None:
        h = at.pop(g)
        left[h] += size[g]
        guests_at[h].discard(g)

    for guest in sorted(pending, key=lambda s: (-s.participants, s.key)):
        g = guest.key
        if not cands.get(g):
            result.unplaced[g] = Unplaced.NO_CANDIDATE
            continue
        direct = next((h for _km, h in cands[g] if left[h] >= size[g]), None)
        if direct is not None:
            place(g, direct)
            continue
        move = _best_ejection(g, cands, km_of, left, guests_at, size)
        if move is None:
            result.unplaced[g] = Unplaced.NO_CAPACITY
            continue
        host, other, other_host = move
        unplace(other)
        place(other, other_host)
        place(g, host)

    def improve(g: int) -> bool:
        """Move g to a nearer host with room, or swap it with a guest there when both fit
        and the total shrinks."""
        mine = at[g]
        current = km_of[g][mine]
        for km, h in cands[g]:
            if km >= current:
                return False
            if left[h] >= size[g]:
                unplace(g)
                place(g, h)
                return True
            for other in sorted(guests_at[h]):
                back = km_of[other].get(mine)
                if (back is None or left[h] + size[other] < size[g]
                        or left[mine] + size[g] < size[other]):
                    continue
                if size[g] * (km - current) + size[other] * (back - km_of[other][h]) < 0:
                    unplace(g), unplace(other)
                    place(g, h), place(other, mine)
                    return True
        return False

    for _round in range(_IMPROVEMENT_ROUNDS):
        if not [g for g in sorted(at) if improve(g)]:
            break

    for g in sorted(at):
        h = at[g]
        ranked = cands[g]
        result.placements.append(Placement(
            guest=g, host=h, km=km_of[g][h], participants=size[g],
            rank=1 + [key for _km, key in ranked].index(h), candidates=len(ranked),
            host_capacity=by_host[h].capacity, host_left=left[h]))
    return result


def _best_ejection(g, cands, km_of, left, guests_at, size):
    """Make room for guest g at one of its hosts by moving one guest already there to another
    host of its own with room: the cheapest such (host, moved guest, its new host), or None."""
    best, best_cost = None, math.inf
    for km, h in cands[g]:
        need = size[g] - left[h]
        for other in guests_at[h]:
            if size[other] < need:
                continue
            for other_km, other_host in cands[other]:
                if other_host == h or left[other_host] < size[other]:
                    continue
                cost = (size[g] * km + size[other] * (other_km - km_of[other][h]))
                if cost < best_cost:
                    best, best_cost = (h, other, other_host), cost
                break  # its nearest host with room is its cheapest move
    return best


def greedy(guests: list[Site], hosts: list[Site], policy: Policy) -> SharingResult:
    """The baseline a person would do by hand: guests in turn, each to the nearest host that
    still has room (benchmarks/bench_sharing.py compares the engine against it)."""
    result = SharingResult()
    left = {h.key: h.capacity for h in hosts}
    by_host = {h.key: h for h in hosts}
    cands = candidate_pairs([g for g in guests if g.latitude is not None], hosts, policy)
    for guest in guests:
        if guest.participants <= 0:
            continue
        if guest.key not in cands:
            result.unplaced[guest.key] = Unplaced.NO_COORDINATES
            continue
        ranked = cands[guest.key]
        for rank, (km, h) in enumerate(ranked, start=1):
            if left[h] >= guest.participants:
                left[h] -= guest.participants
                result.placements.append(Placement(
                    guest=guest.key, host=h, km=km, participants=guest.participants, rank=rank,
                    candidates=len(ranked), host_capacity=by_host[h].capacity,
                    host_left=left[h]))
                break
        else:
            result.unplaced[guest.key] = (Unplaced.NO_CAPACITY if ranked
                                          else Unplaced.NO_CANDIDATE)
    return result
