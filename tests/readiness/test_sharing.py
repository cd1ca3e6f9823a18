"""The resource-sharing engine (rule S-2): whole guests, capacity, distance, crossings, and the
least total travel it can find."""

from hypothesis import given, settings
from hypothesis import strategies as st

from anbk.readiness.sharing import (
    Policy,
    Site,
    Unplaced,
    candidate_pairs,
    great_circle_km,
    greedy,
    suggest,
)

KM = 1 / 111.195  # degrees of longitude per km on the equator


def at(key, km, participants=0, capacity=0, **extra) -> Site:
    return Site(key, 0.0, km * KM, participants, capacity, **extra)


def test_great_circle_distance():
    assert abs(great_circle_km(0, 0, 0, 1) - 111.195) < 0.01
    # Bandung → Jakarta is about 118 km as the crow flies.
    assert 110 < great_circle_km(-6.9175, 107.6191, -6.2088, 106.8456) < 125


def test_it_beats_the_nearest_first_greedy_when_that_blocks_another_guest():  # rule S-2
    hosts = [at(10, 0, capacity=30), at(11, 10, capacity=30)]
    guests = [at(1, 1, participants=30), at(2, 0.5, participants=30)]
    engine, baseline = suggest(guests, hosts, Policy(50)), greedy(guests, hosts, Policy(50))
    assert {(p.guest, p.host) for p in engine.placements} == {(2, 10), (1, 11)}
    assert round(engine.total) == 285 and round(baseline.total) == 315
    assert engine.total >= engine.lower_bound - 1e-6


def test_it_says_why_a_guest_has_no_host():  # rule S-2
    hosts = [at(10, 0, capacity=40)]
    guests = [at(1, 1, participants=30), at(2, 2, participants=30), at(3, 80, participants=5),
              Site(4, None, None, 10)]
    result = suggest(guests, hosts, Policy(15))
    assert [p.guest for p in result.placements] == [2] or [p.guest for p in
                                                           result.placements] == [1]
    placed = result.placements[0].guest
    assert result.unplaced == {3 - placed: Unplaced.NO_CAPACITY, 3: Unplaced.NO_CANDIDATE,
                               4: Unplaced.NO_COORDINATES}


def test_crossings_are_respected_when_not_allowed():  # rule S-2
    host = at(10, 1, capacity=100, level="SMP", agency="kemenag", status="swasta")
    guest = at(1, 0, participants=20, level="SD", agency="kemdikbud", status="negeri")
    assert suggest([guest], [host], Policy(15)).placements
    for closed in ("cross_level", "cross_agency", "cross_status"):
        result = suggest([guest], [host], Policy(15, **{closed: False}))
        assert not result.placements and result.unplaced == {1: Unplaced.NO_CANDIDATE}


def test_a_school_is_never_its_own_host():  # rule S-2
    assert suggest([at(1, 0, participants=5)], [at(1, 0, capacity=50)],
                   Policy(15)).unplaced == {1: Unplaced.NO_CANDIDATE}


def test_it_reports_the_reasoning_per_pair():  # rule S-2
    hosts = [at(10, 2, capacity=100), at(11, 5, capacity=100), at(12, 30, capacity=100)]
    (pair,) = suggest([at(1, 0, participants=40)], hosts, Policy(15)).placements
    assert (pair.host, pair.rank, pair.candidates, pair.host_capacity, pair.host_left) == (
        10, 1, 2, 100, 60)
    assert abs(pair.km - 2) < 0.01


def test_the_grid_finds_hosts_across_cell_borders_and_far_from_the_equator():
    # Longitude degrees shrink with latitude: a host 14 km east at 60°N is 0.25° away.
    guest = Site(1, 60.0, 10.0, 10)
    host = Site(2, 60.0, 10.0 + 14 / (111.195 * 0.5), 0, 50)
    assert [h for _km, h in candidate_pairs([guest], [host], Policy(15))[1]] == [2]


coordinate = st.floats(min_value=-0.3, max_value=0.3, allow_nan=False)
sites = st.lists(st.tuples(coordinate, coordinate, st.integers(0, 60), st.integers(0, 150),
                           st.sampled_from(["SD", "SMP"]), st.booleans()),
                 min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(sites, st.floats(min_value=1, max_value=40), st.booleans())
def test_it_never_exceeds_capacity_or_distance(rows, max_km, cross_level):  # rule S-2
    guests, hosts = [], []
    for key, (lat, lon, participants, capacity, level, is_guest) in enumerate(rows):
        if is_guest:
            guests.append(Site(key, lat, lon, participants, level=level))
        else:
            hosts.append(Site(key, lat, lon, 0, capacity, level=level))
    policy = Policy(max_km, cross_level=cross_level)
    result = suggest(guests, hosts, policy)
    by_key = {s.key: s for s in guests + hosts}
    load: dict[int, int] = {}
    for p in result.placements:
        guest, host = by_key[p.guest], by_key[p.host]
        assert p.km <= max_km and p.guest != p.host and policy.allows(guest, host)
        assert p.participants == guest.participants
        assert abs(great_circle_km(guest.latitude, guest.longitude, host.latitude,
                                   host.longitude) - p.km) < 1e-9
        load[p.host] = load.get(p.host, 0) + p.participants
    assert all(load[h] <= by_key[h].capacity for h in load)
    placed = [p.guest for p in result.placements]
    assert len(placed) == len(set(placed))
    assert set(placed).isdisjoint(result.unplaced)
    assert set(placed) | set(result.unplaced) == {g.key for g in guests if g.participants}
    # Placing whole guests can only cost more than the split optimum.
    if not result.unplaced:
        assert result.total >= result.lower_bound - 1e-6
