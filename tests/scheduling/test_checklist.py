""""Cek Kelengkapan Data" (issue 5): each item counts what blocks the assessment, a guest's
room items are its host's, and a gap closed through the owning app turns the item green."""

import pytest

from anbk.readiness.models import HostingStatus, ModaDecision, ReadinessReport, ReportStatus
from anbk.registry.models import Person, Position, Service
from anbk.scheduling import selectors, services
from anbk.scheduling.checklist import (
    CARDS,
    READINESS,
    SERVERS,
    UNPLACED,
    UNSIGNED,
    UNSTAFFED,
    checklists,
)
from anbk.staffing import services as staffing
from tests.people import make_school
from tests.scheduling.factories import guest, participants, rooms


@pytest.fixture
def placed(world, calendar):
    """SD with 20 participants, one room of 15 and one session: 5 left without a seat."""
    world.people = participants(world.sd, 20, first_nisn=910000000)
    world.room = rooms(world.operator, world.sd, 15)[0]
    services.sessions_set(actor=world.operator, school=world.sd, level="SD", wave=1,
                          per_pair={1: 1})
    services.placement_run(actor=world.operator, school=world.sd, level="SD")
    return world


def _items(w, school):
    return {item.key: item for item in selectors.school_checklist(actor=w.operator
                                                                  if school == w.sd
                                                                  else w.centre,
                                                                  school=school)}


def test_each_item_counts_what_is_missing(placed):
    w = placed
    items = _items(w, w.sd)
    assert items[UNPLACED].count == 5 and "5 dari 20" in items[UNPLACED].detail
    assert items[UNSTAFFED].count == 2  # one room, days 1 and 2 of session 1
    assert items[UNSIGNED].count == 0  # nobody assigned yet, so nobody to sign
    assert items[READINESS].count == 2  # no report, no moda decision
    assert items[SERVERS].count == 1
    assert items[CARDS].count == 1  # logins exist, the cards were never printed
    assert "15 kartu siap, belum pernah dicetak" in items[CARDS].detail


def test_printing_the_cards_closes_the_card_item(placed):
    from anbk.documents.services import print_log_record

    w = placed
    print_log_record(actor=w.operator, school=w.sd, kind="login_cards", items=15)
    assert _items(w, w.sd)[CARDS].ok


def test_closing_gaps_through_the_owning_apps_turns_items_green(placed):
    w = placed
    staffing.proctor_server_create(actor=w.operator, room=w.room)
    proctor_person = Person.objects.create(nik="3204010101900001", name="Asep Proktor",
                                           sex="L", employment_status="pns")
    Service.objects.create(person=proctor_person, school=w.sd, position=Position.TEACHER)
    proctor = staffing.official_create(actor=w.operator, person=proctor_person,
                                       role="proctor", home_school=w.sd, account=w.proctor)
    staffing.staff_assign(actor=w.operator, official=proctor, school=w.sd, room=w.room)
    items = _items(w, w.sd)
    assert items[SERVERS].ok
    assert items[UNSIGNED].count == 1  # the proctor has not signed the pledge
    assert items[UNSTAFFED].count == 2  # still no supervisor
    staffing.pledge_sign(actor=w.proctor, official=proctor, ip="10.0.0.1")
    ReadinessReport.objects.create(school=w.sd, status=ReportStatus.APPROVED)
    ModaDecision.objects.create(school=w.sd, moda="online", status=HostingStatus.SELF_HOSTED,
                                reason="uji", decided_by=w.district)
    services.sessions_set(actor=w.operator, school=w.sd, level="SD", wave=1, per_pair={1: 2})
    services.placement_run(actor=w.operator, school=w.sd, level="SD")
    items = _items(w, w.sd)
    assert items[UNSIGNED].ok and items[READINESS].ok and items[UNPLACED].ok


def test_a_guest_sees_its_hosts_room_items(placed):  # rule S-2
    w = placed
    sd2 = make_school("20200029", "SD Negeri 4 Soreang", "SD", w.kab_bandung)
    guest(w, sd2, w.sd)
    participants(sd2, 2, first_nisn=920000000)
    items = _items(w, sd2)
    assert items[SERVERS].at_host and items[SERVERS].count == 1
    assert "SD Negeri 1 Soreang" in items[SERVERS].detail
    assert items[UNPLACED].count == 2 and not items[UNPLACED].at_host
    assert items[READINESS].count == 1  # decided guest; its own report is still missing


def test_the_checklist_of_a_school_outside_the_scope_is_empty(placed):
    w = placed
    assert selectors.school_checklist(actor=w.operator_outsider, school=w.sd) == []


def test_a_district_of_schools_costs_a_fixed_number_of_queries(placed,
                                                              django_assert_max_num_queries):
    w = placed
    schools = [w.sd] + [make_school(f"2020010{i}", f"SD {i}", "SD", w.kab_bandung)
                        for i in range(5)]
    for i, school in enumerate(schools[1:]):
        participants(school, 3, first_nisn=930000000 + 10 * i)
        rooms(w.operator if school == w.sd else w.district, school, 10)
    with django_assert_max_num_queries(15):
        result = checklists(schools)
    assert {item.key for item in result[schools[1].pk]} == {
        UNPLACED, UNSTAFFED, UNSIGNED, READINESS, SERVERS, CARDS}
    assert next(i for i in result[schools[1].pk] if i.key == UNPLACED).count == 3
