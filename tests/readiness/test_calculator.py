"""The requirement calculator, case by case from the SPEC numbers (rules S-3, S-4, S-5)."""

from decimal import Decimal

import pytest
from django.utils import translation

from anbk.core.rules import Level
from anbk.readiness.calculator import Facilities, calculate, participant_counts
from tests.people import make_student

# level, participants → sessions, computers, rooms, proctor servers, proctors, supervisors,
# technicians, online Mbps, semi-online Mbps.
# S-3: SD-level 1 computer per 2 participants (2 sessions), others 1 per 3 (3 sessions);
# S-4: ≤15 clients a room, one proctor server and one proctor per room, one supervisor per
# 15 participants of a session, ≥1 technician; S-5: 12 Mbps per 15 clients, ≥1 Mbps.
CASES = [
    (Level.SD, 35, 2, 18, 2, 2, 2, 2, 1, 24, 1),
    (Level.SD, 30, 2, 15, 1, 1, 1, 1, 1, 12, 1),
    (Level.SD, 1, 2, 1, 1, 1, 1, 1, 1, 12, 1),
    (Level.SMP, 50, 3, 17, 2, 2, 2, 2, 1, 24, 1),
    (Level.SMA, 45, 3, 15, 1, 1, 1, 1, 1, 12, 1),
    (Level.SMK, 46, 3, 16, 2, 2, 2, 2, 1, 24, 1),
    (Level.SMP, 135, 3, 45, 3, 3, 3, 3, 1, 36, 1),
    (Level.SMA, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1),
]


@pytest.mark.parametrize(("level", "participants", "sessions", "computers", "rooms", "servers",
                          "proctors", "supervisors", "technicians", "online", "semi"), CASES)
def test_it_computes_the_spec_numbers(level, participants, sessions, computers, rooms,
                                      servers, proctors, supervisors, technicians, online,
                                      semi):  # rules S-3, S-4, S-5
    req = calculate(level, participants, None)
    assert (req.max_sessions, req.min_computers, req.rooms, req.proctor_servers, req.proctors,
            req.supervisors, req.technicians, req.online_mbps, req.semi_online_mbps) == (
        sessions, computers, rooms, servers, proctors, supervisors, technicians, online, semi)


def _have(**overrides) -> Facilities:
    base = dict(client_computers=15, proctor_servers=1, proctor_server_spec_ok=True, rooms=1,
                bandwidth_mbps=Decimal(12), power_ok=True, proctors=1, technicians=1)
    return Facilities(**(base | overrides))


# SMP-level with 45 participants needs 15 computers, one room, 12 Mbps online (S-3 … S-5).
SUGGESTIONS = [
    ({}, "self_hosted", "online"),
    ({"bandwidth_mbps": Decimal(5)}, "self_hosted", "semi_online"),
    ({"bandwidth_mbps": Decimal(5), "proctor_servers": 0}, "guest", None),
    ({"bandwidth_mbps": Decimal(5), "proctor_server_spec_ok": False}, "guest", None),
    ({"bandwidth_mbps": Decimal("0.5")}, "guest", None),
    ({"bandwidth_mbps": None}, "guest", None),
    ({"client_computers": 14}, "guest", "online"),
    ({"rooms": 0}, "guest", "online"),
    ({"power_ok": False}, "guest", "online"),
    ({"technicians": 0}, "self_hosted", "online"),  # S-7: a technician may come from elsewhere
]


@pytest.mark.parametrize(("overrides", "status", "moda"), SUGGESTIONS)
def test_it_suggests_moda_and_status(overrides, status, moda):  # rules S-1, S-3, S-5
    req = calculate(Level.SMP, 45, _have(**overrides))
    assert (req.suggested_status, req.suggested_moda) == (status, moda)
    assert req.reasons


@pytest.mark.parametrize(("computers", "sessions"), [(15, 3), (23, 2), (45, 1), (10, 4),
                                                      (0, 4)])
def test_sessions_needed_follow_the_computers(computers, sessions):  # rules S-3, J-4
    # More than the level's maximum (3) means the school cannot seat everyone itself.
    assert calculate(Level.SMP, 45, _have(client_computers=computers)).sessions_needed == sessions


def test_it_shows_each_gap_against_the_report():  # rules S-1, S-3, S-4
    req = calculate(Level.SD, 35, _have(client_computers=10, rooms=1, technicians=0,
                                        bandwidth_mbps=Decimal(6)))
    with translation.override("id"):  # the labels are lazy: translated when shown
        short = {str(gap.item): (gap.needed, gap.available) for gap in req.short_gaps}
    assert short == {"Komputer klien": (18, 10), "Ruang": (2, 1),
                     "Server proktor (semi-daring)": (2, 1), "Proktor": (2, 1),
                     "Teknisi": (1, 0), "Bandwidth daring": (24, Decimal(6))}


def test_negative_participants_are_refused():
    with pytest.raises(ValueError):
        calculate(Level.SD, -1, None)


def test_participants_fall_back_to_eligible_students_of_the_target_grade(world):  # rule P-2
    for i, grade in enumerate([5, 5, 4, 6]):
        make_student(f"05000000{i:02d}", world.sd, grade=grade)
    make_student("0500000099", world.sd, grade=5, is_active=False)
    make_student("0500000098", world.smp, grade=8)
    make_student("0500000097", world.smp, grade=5)
    counts = participant_counts([world.sd.pk, world.smp.pk, world.sma.pk])
    # world.student is an active grade-5 student of the SD, too.
    assert counts == {world.sd.pk: 3, world.smp.pk: 1, world.sma.pk: 0}
