"""Moda and status decisions with hosts (rules S-1, S-2): capacity, self, cycles, coordinates,
moda of host and guest; host_of/guests_of for other apps; accepting sharing suggestions."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anbk.core.models import AuditEntry
from anbk.readiness import selectors, services
from anbk.readiness.models import ModaDecision
from anbk.readiness.sharing import Policy
from tests.people import make_school
from tests.readiness.helpers import approved, participants, report

# Kab. Bandung, a few km apart.
SOREANG = (Decimal("-7.025000"), Decimal("107.520000"))
NEAR = (Decimal("-7.030000"), Decimal("107.540000"))
FAR = (Decimal("-7.400000"), Decimal("107.900000"))


def _place(school, where):
    school.latitude, school.longitude = where
    school.save(update_fields=["latitude", "longitude"])
    return school


@pytest.fixture
def pair(world):
    """A host SD with 20 approved computers (2 sessions → 40 places) and 10 participants, and
    a guest SD nearby with 25 participants and no computers."""
    host = _place(world.sd, SOREANG)
    guest = _place(make_school("20200021", "SD Negeri 3 Soreang", "SD", world.kab_bandung),
                   NEAR)
    participants(host, 9)  # + world.student = 10
    participants(guest, 25)
    approved(host, world.district)
    return host, guest


def _decide(world, school, status="self_hosted", host=None, moda="online", actor=None):
    return services.moda_decide(actor=actor or world.district, school=school, moda=moda,
                                status=status, host=host, reason="Hasil verval kesiapan TIK")


def test_a_guest_rides_along_at_a_host_with_room(world, pair):  # rules S-1, S-2
    host, guest = pair
    assert services.places_left(host) == 30
    _decide(world, host)
    decision = _decide(world, guest, "guest", host)
    assert (decision.status, decision.host) == ("guest", host)
    assert selectors.host_of(guest) == host and selectors.host_of(host) == host
    assert list(selectors.guests_of(host)) == [guest]
    assert services.places_left(host) == 5
    # Deciding the same guest again does not count its own participants twice.
    _decide(world, guest, "guest", host)


def test_a_host_without_room_is_refused_and_nothing_changes(world, pair):  # rule S-2
    host, guest = pair
    participants(guest, 10, start=100)  # 35 > 30 places left
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as full:
        _decide(world, guest, "guest", host)
    assert "kapasitas" in str(full.value) and "sisa 30" in str(full.value)
    assert not ModaDecision.objects.filter(school=guest).exists()
    assert AuditEntry.objects.count() == audits


def test_a_host_without_an_approved_report_has_no_room(world, pair):  # rules S-1, S-2
    host, guest = pair
    report(guest)  # a draft: not verified, so no places
    with pytest.raises(ValidationError, match="kapasitas"):
        _decide(world, host, "guest", guest)


def test_a_school_cannot_host_itself(world, pair):  # rule S-2
    host, _guest = pair
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        _decide(world, host, "guest", host)


def test_cycles_and_chains_are_refused(world, pair):  # rule S-2: A hosts B hosts A
    host, guest = pair
    approved(guest, world.district, client_computers=20)
    _decide(world, guest, "guest", host)
    with pytest.raises(ValidationError, match="induk bagi"):
        _decide(world, host, "guest", guest)  # A would ride along at its own guest
    third = _place(make_school("20200022", "SD Negeri 4 Soreang", "SD", world.kab_bandung),
                   NEAR)
    with pytest.raises(ValidationError, match="sendiri menumpang"):
        _decide(world, third, "guest", guest)  # a chain: third → guest → host
    assert ModaDecision.objects.get(school=guest).host == host
    assert not ModaDecision.objects.filter(school__in=[host, third]).exists()


def test_coordinates_outside_indonesia_are_refused(world, pair):  # rule S-2
    host, guest = pair
    _place(guest, (Decimal("7.025000"), Decimal("107.520000")))  # the sign of the latitude lost
    with pytest.raises(ValidationError, match="luar wilayah Indonesia"):
        _decide(world, guest, "guest", host)
    with pytest.raises(ValidationError, match="luar wilayah Indonesia"):
        _decide(world, guest)
    assert not ModaDecision.objects.exists()


def test_a_siln_school_abroad_may_be_decided(world):  # rules P-1, S-1
    _place(world.siln, (Decimal("52.12"), Decimal("4.40")))
    assert _decide(world, world.siln, actor=world.centre).status == "self_hosted"


def test_a_guest_takes_its_hosts_moda(world, pair):  # rules S-1, S-5
    host, guest = pair
    _decide(world, host, moda="semi_online")
    with pytest.raises(ValidationError, match="Moda"):
        _decide(world, guest, "guest", host, moda="online")
    _decide(world, guest, "guest", host, moda="semi_online")
    with pytest.raises(ValidationError, match="moda lain"):
        _decide(world, host, moda="online")


@pytest.mark.parametrize(("field", "kwargs"), [
    ("reason", {"reason": " "}), ("moda", {"moda": "offline"}), ("status", {"status": "x"}),
    ("host", {"status": "guest"}),
])
def test_incomplete_decisions_are_refused(world, field, kwargs):  # rule S-1
    args = dict(actor=world.district, school=world.sd, moda="online", status="self_hosted",
                host=None, reason="Hasil verval") | kwargs
    with pytest.raises(ValidationError) as error:
        services.moda_decide(**args)
    assert field in error.value.message_dict


def test_only_the_authority_decides(world, pair):  # rules S-1, S-8
    host, _guest = pair
    for actor in (world.operator, world.district_outsider, world.kemenag_district,
                  world.province_outsider):
        with pytest.raises(PermissionDenied):
            _decide(world, host, actor=actor)
    _decide(world, host, actor=world.province)


def test_a_host_in_another_province_is_refused(world, pair):  # rule S-2
    _host, guest = pair
    approved(world.sd_jateng, world.district_outsider)
    with pytest.raises(ValidationError, match="provinsi yang sama"):
        _decide(world, guest, "guest", world.sd_jateng, actor=world.centre)


def test_the_engine_suggests_and_the_authority_accepts(world, pair):  # rule S-2
    host, guest = pair
    far = _place(make_school("20200023", "SD Negeri 9 Ciwidey", "SD", world.kab_bandung), FAR)
    participants(far, 5)
    plan = selectors.sharing_plan(actor=world.district, policy=Policy(15))
    assert [(p.guest, p.host) for p in plan.result.placements] == [(guest.pk, host.pk)]
    assert plan.result.unplaced == {far.pk: "no_candidate"}
    services.sharing_accept(actor=world.district, pairs=[(guest, host)], moda_of=plan.moda,
                            reason="Usulan berbagi sumber daya")
    assert selectors.host_of(guest) == host
    # The host was decided self-hosted with its suggested moda, so it cannot turn guest.
    assert ModaDecision.objects.get(school=host).status == "self_hosted"
    again = selectors.sharing_plan(actor=world.district, policy=Policy(15))
    assert not again.result.placements


def test_accepting_is_all_or_nothing(world, pair):  # rule S-2
    host, guest = pair
    other = _place(make_school("20200024", "SD Negeri 5 Soreang", "SD", world.kab_bandung),
                   NEAR)
    participants(other, 20)  # 25 + 20 > 30 places
    with pytest.raises(ValidationError, match="20200024"):
        services.sharing_accept(actor=world.district, pairs=[(guest, host), (other, host)],
                                moda_of={host.pk: "online"}, reason="Usulan")
    assert not ModaDecision.objects.exists()
    with pytest.raises(ValidationError, match="satu sekolah induk"):
        services.sharing_accept(actor=world.district, pairs=[(guest, host), (guest, host)],
                                moda_of={host.pk: "online"}, reason="Usulan")
    with pytest.raises(PermissionDenied):
        services.sharing_accept(actor=world.operator, pairs=[(guest, host)],
                                moda_of={host.pk: "online"}, reason="Usulan")


def test_the_plan_lists_schools_with_impossible_coordinates(world, pair):  # rule S-2
    _host, guest = pair
    _place(guest, (Decimal("-7.0"), Decimal("17.5")))  # a digit lost from the longitude
    plan = selectors.sharing_plan(actor=world.district, policy=Policy(15))
    assert plan.guests == 0 and any("20200021" in text for text in plan.problems)


def test_an_undecided_school_sits_at_home(world):  # rules S-1, S-2: the default until decided
    assert selectors.host_of(world.sd) == world.sd
    assert not selectors.guests_of(world.sd).exists()
