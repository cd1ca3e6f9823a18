"""Sessions and placement through the services (J-4, S-2, S-3, S-4): the school (the host,
for its guests too) sets sessions, every participant gets a session, room and seat, manual
moves warn about conflicts, and bad input changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anbk.core.audit import audit_verify
from anbk.core.models import AuditEntry
from anbk.scheduling import selectors, services
from anbk.scheduling.credentials import verify_login
from anbk.scheduling.models import Placement, Session
from anbk.scheduling.planner import RoomSeats, Seat, Sitter, Slot, plan_violations
from tests.people import make_school
from tests.scheduling.factories import guest, participants, rooms


@pytest.fixture
def sd(world, calendar):
    """SD Negeri 1 Soreang with 30 main + 5 reserve participants and two rooms (15 + 10)."""
    world.sd_people = participants(world.sd, 30, 5, first_nisn=100000000)
    world.sd_rooms = rooms(world.operator, world.sd, 15, 10)
    return world


def _set(w, school=None, level="SD", wave=1, per_pair=None, actor=None):
    return services.sessions_set(actor=actor or w.operator, school=school or w.sd, level=level,
                                 wave=wave, per_pair=per_pair or {1: 2})


def _check(w, host, level):
    """The stored placement of a host and level breaks no constraint of the planner."""
    sessions = {s.pk: Slot(s.pair, s.number) for s in Session.objects.filter(school=host,
                                                                               level=level)}
    room_list = [RoomSeats(r.pk, r.clients) for r in host.rooms.all()]
    sitters = [Sitter(p.pk, p.school_id) for p in selectors.sources.participants_at(host, level)]
    plan_seats = {p.participant_id: Seat(sessions[p.session_id], p.room_id, p.seat)
                  for p in Placement.objects.filter(session__school=host, session__level=level)}
    from anbk.scheduling.planner import Plan

    plan = Plan(seats=plan_seats,
                unplaced=[s.participant_id for s in sitters if s.participant_id not in plan_seats])
    assert plan_violations(slots=list(sessions.values()), rooms=room_list, sitters=sitters,
                           plan=plan) == []
    return plan


def test_the_school_sets_sessions_and_everyone_gets_a_seat(sd):  # rules J-4, S-3, S-4
    w = sd
    outcome = _set(w)
    assert [(s.pair, s.number, s.wave) for s in outcome.sessions] == [(1, 1, 1), (1, 2, 1)]
    assert outcome.seats == 50 and outcome.participants == 35 and outcome.warnings == []
    run = services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert (run.placed, run.unplaced, run.credentials_issued) == (35, 0, 35)
    plan = _check(w, w.sd, "SD")
    assert plan.split_schools(Sitter(p.pk, p.school_id) for p in w.sd_people) == 1
    rows = selectors.placements_for_cards(actor=w.operator, school=w.sd)
    assert len(rows) == 35
    first = rows[0]
    assert first.username == f"P{first.nisn}" and len(first.password) == 8
    assert verify_login(first.username, first.password) is not None
    assert first.day1 == datetime.date(2021, 11, 8) and first.day2 == datetime.date(2021, 11, 9)
    assert first.time_day1 in {"08.00–10.35", "13.00–15.35"}
    assert AuditEntry.objects.filter(action="placement.run").count() == 1
    assert audit_verify() is None


def test_a_second_day_pair_seats_a_host_with_too_few_computers(sd):  # J-1, decision 0016
    w = sd
    participants(w.sd, 40, 0, first_nisn=200000000)  # 75 participants, 25 seats a session
    short = _set(w, per_pair={1: 2})
    assert short.warnings and "25 peserta belum" in short.warnings[0]
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert len(selectors.unplaced_participants(actor=w.operator, school=w.sd)) == 25
    _set(w, per_pair={1: 2, 2: 1})
    run = services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert run.unplaced == 0
    _check(w, w.sd, "SD")
    late = [r for r in selectors.host_placements(actor=w.operator, school=w.sd)
            if r.day1 == datetime.date(2021, 11, 10)]
    assert late and all(r.day2 == datetime.date(2021, 11, 11) for r in late)


def test_guests_sit_at_their_host_and_the_host_places_them(sd):  # rules S-2, J-4
    w = sd
    sd2 = make_school("20200009", "SD Negeri 2 Soreang", "SD", w.kab_bandung)
    guest(w, sd2, w.sd)
    theirs = participants(sd2, 12, 0, first_nisn=300000000)
    with pytest.raises(ValidationError, match="menumpang"):
        _set(w, school=sd2, actor=w.district)
    _set(w, per_pair={1: 2})
    run = services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert run.placed == 47 and run.credentials_issued == 47
    plan = _check(w, w.sd, "SD")
    assert plan.split_schools(Sitter(p.pk, p.school_id) for p in theirs) == 0
    guest_rows = selectors.placements_for_cards(actor=w.district, school=sd2)
    assert len(guest_rows) == 12 and {r.host_npsn for r in guest_rows} == {w.sd.npsn}
    assert {r.npsn for r in guest_rows} == {sd2.npsn}
    assert selectors.placements_for_cards(actor=w.operator, school=sd2) == []  # not theirs


def test_the_same_slot_both_days_and_nobody_twice(sd):  # rule J-4
    w = sd
    _set(w)
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    rows = selectors.host_placements(actor=w.operator, school=w.sd)
    assert len({r.participant_id for r in rows}) == len(rows)
    for r in rows:
        assert (r.time_day1, r.time_day2) in {("08.00–10.35", "08.00–10.00"),
                                              ("13.00–15.35", "13.00–15.00")}
    seats = [(r.session_id, r.room_id, r.seat) for r in rows]
    assert len(set(seats)) == len(seats)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"per_pair": {1: 3}}, "Paling banyak 2 sesi"),  # SD: at most 2 a day (S-3)
    ({"level": "SMP", "per_pair": {1: 1}}, "Tidak ada peserta jenjang SMP"),
    ({"wave": 0}, "Gelombang 0 tidak ada"),
    ({"per_pair": {3: 1}}, "Pasangan hari 3"),
    ({"per_pair": {1: 0}}, "paling sedikit satu sesi"),
])
def test_bad_sessions_are_refused_and_change_nothing(sd, kwargs, match):
    w = sd
    _set(w, per_pair={1: 1})
    with pytest.raises(ValidationError, match=match):
        _set(w, **kwargs)
    assert list(Session.objects.values_list("pair", "number", "wave")) == [(1, 1, 1)]
    assert AuditEntry.objects.filter(action="session.set").count() == 1


def test_more_than_three_a_day_is_refused_at_smp_too(world, calendar):  # rule J-4
    participants(world.smp, 10, first_nisn=400000000)
    rooms(world.province, world.smp, 15)
    with pytest.raises(ValidationError, match="Paling banyak 3 sesi"):
        services.sessions_set(actor=world.province, school=world.smp, level="SMP", wave=0,
                              per_pair={1: 4})
    assert not Session.objects.exists()


def test_no_rooms_no_sessions(world, calendar):  # capacity-bound (J-4)
    participants(world.sd, 5, first_nisn=500000000)
    with pytest.raises(ValidationError, match="kapasitas sesi nol"):
        services.sessions_set(actor=world.operator, school=world.sd, level="SD", wave=1,
                              per_pair={1: 1})
    assert not Session.objects.exists()


def test_a_session_with_participants_cannot_be_dropped(sd):
    w = sd
    _set(w, per_pair={1: 2})
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    with pytest.raises(ValidationError, match="masih berisi peserta"):
        _set(w, per_pair={1: 1})
    assert Session.objects.count() == 2


def test_a_manual_move_is_kept_by_the_next_run_and_warns(sd):  # rule J-4
    w = sd
    _set(w)
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    mover = w.sd_people[0]
    placement = Placement.objects.get(participant=mover)
    other = Session.objects.exclude(pk=placement.session_id).get()
    free_seat = 10  # room 2 holds 10
    Placement.objects.filter(session=other, room=w.sd_rooms[1], seat=free_seat).delete()
    warnings = services.placement_set(actor=w.operator, participant=mover, session=other,
                                      room=w.sd_rooms[1], seat=free_seat)
    assert any("sesi lain" in text for text in warnings)
    assert any("belum memiliki proktor" in text for text in warnings)
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    moved = Placement.objects.get(participant=mover)
    assert (moved.session_id, moved.room_id, moved.seat, moved.manual) == (
        other.pk, w.sd_rooms[1].pk, free_seat, True)
    _check(w, w.sd, "SD")


def test_a_seat_twice_or_a_seat_the_room_lacks_is_refused(sd):  # rule J-4 bad input
    w = sd
    _set(w)
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    a, b = (Placement.objects.get(participant=p) for p in w.sd_people[:2])
    before = list(Placement.objects.values_list("participant_id", "session_id", "room_id",
                                                "seat").order_by("pk"))
    with pytest.raises(ValidationError, match="sudah ditempati"):
        services.placement_set(actor=w.operator, participant=b.participant, session=a.session,
                               room=a.room, seat=a.seat)
    with pytest.raises(ValidationError, match="hanya memiliki kursi 1–10"):
        services.placement_set(actor=w.operator, participant=b.participant, session=a.session,
                               room=w.sd_rooms[1], seat=11)
    assert list(Placement.objects.values_list("participant_id", "session_id", "room_id",
                                              "seat").order_by("pk")) == before


def test_a_participant_of_another_host_is_refused(sd):  # rules S-2, J-4
    w = sd
    _set(w)
    stranger = participants(w.mi, 1, first_nisn=600000000)[0]
    session = Session.objects.first()
    with pytest.raises(ValidationError, match="tidak duduk di"):
        services.placement_set(actor=w.centre, participant=stranger, session=session,
                               room=w.sd_rooms[0], seat=1)
    assert not Placement.objects.filter(participant=stranger).exists()


def test_outsiders_and_test_room_staff_set_nothing(sd):
    w = sd
    for who in ("operator_outsider", "district_outsider", "proctor"):
        with pytest.raises(PermissionDenied):
            _set(w, actor=getattr(w, who))
    _set(w)
    with pytest.raises(PermissionDenied):
        services.placement_run(actor=w.operator_outsider, school=w.sd, level="SD")
    assert not Placement.objects.exists()
    assert selectors.host_placements(actor=w.operator_outsider, school=w.sd) == []


def test_first_session_start_is_session_1_of_day_1_in_local_time(sd):  # rules P-9, J-3
    w = sd
    assert selectors.first_session_start(w.sd) is None
    _set(w, per_pair={1: 2})
    start = selectors.first_session_start(w.sd)
    assert start.isoformat() == "2021-11-08T08:00:00+07:00"
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert selectors.first_session_start(w.sd) == start


def test_removed_participants_lose_their_seat_on_the_next_run(sd):
    w = sd
    _set(w)
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    gone = w.sd_people[3]
    type(gone).objects.filter(pk=gone.pk).update(removed_at=datetime.datetime.now(
        tz=datetime.UTC))
    run = services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert run.placed == 34
    assert not Placement.objects.filter(participant=gone).exists()


def test_the_reserve_deadline_and_staff_slots_follow_the_schedule(sd):  # rules P-9, S-4
    from anbk.sampling.timing import reserve_deadline
    from anbk.staffing.slots import SessionSlot, session_slots

    w = sd
    _set(w, per_pair={1: 1, 2: 2})
    assert reserve_deadline(w.sd).isoformat() == "2021-11-08T07:45:00+07:00"
    assert session_slots(w.sd) == [SessionSlot(1, 1), SessionSlot(2, 1), SessionSlot(3, 1),
                                   SessionSlot(3, 2), SessionSlot(4, 1), SessionSlot(4, 2)]


def test_a_removed_participant_moved_by_hand_loses_the_seat_too(sd):
    w = sd
    _set(w)
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    gone = w.sd_people[0]
    session = Session.objects.get(number=2)  # 35 at 25 seats a session: session 2 holds 10
    services.placement_set(actor=w.operator, participant=gone, session=session,
                           room=w.sd_rooms[1], seat=10)
    assert Placement.objects.get(participant=gone).manual
    type(gone).objects.filter(pk=gone.pk).update(removed_at=datetime.datetime.now(
        tz=datetime.UTC))
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    assert not Placement.objects.filter(participant=gone).exists()
