"""The tech-team directory (rules S-8, S-9, V-6): kept by the teams, read by the schools they
serve."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anbk.core.rules import Agency
from anbk.readiness import selectors, services
from anbk.readiness.models import TechTeamMember


def _add(actor, region, name, agency=Agency.KEMDIKBUD, phone="0812-2233-4455"):
    return services.tech_member_add(actor=actor, region=region, agency=agency, name=name,
                                    phone=phone, position="Koordinator")


@pytest.fixture
def teams(world):
    return {
        "jabar": _add(world.province, world.jabar, "Euis Komalasari"),
        "kab": _add(world.district, world.kab_bandung, "Dadang Suryana"),
        "kota": _add(world.province, world.kota_bandung, "Rudi Hartono"),
        "kemenag": _add(world.kemenag_district, world.kab_bandung, "Nur Hasanah",
                        Agency.KEMENAG),
        "jateng": _add(world.province_outsider, world.jateng, "Slamet Riyadi"),
    }


def _names(actor):
    return {m.name for m in selectors.tech_team_list(actor=actor)}


def test_each_account_sees_the_teams_that_serve_it(world, teams):  # rules S-8, S-9
    assert _names(world.operator) == {"Euis Komalasari", "Dadang Suryana"}
    assert _names(world.proctor) == _names(world.operator)
    assert _names(world.district) == {"Euis Komalasari", "Dadang Suryana"}
    assert _names(world.province) == {"Euis Komalasari", "Dadang Suryana", "Rudi Hartono"}
    assert _names(world.kemenag_district) == {"Nur Hasanah"}
    assert _names(world.operator_outsider) == {"Slamet Riyadi"}
    assert len(_names(world.centre)) == 5
    assert _names(world.item_author) == set()


def test_a_team_keeps_only_its_own_region_and_agency(world, teams):  # rule S-8
    for actor, region, agency in [
        (world.district, world.jabar, Agency.KEMDIKBUD),  # up
        (world.district, world.kota_bandung, Agency.KEMDIKBUD),  # sideways
        (world.province, world.jateng, Agency.KEMDIKBUD),
        (world.province, world.kab_bandung, Agency.KEMENAG),
        (world.operator, world.kab_bandung, Agency.KEMDIKBUD),
    ]:
        with pytest.raises(PermissionDenied):
            _add(actor, region, "Orang Lain", agency)
    with pytest.raises(PermissionDenied):
        services.tech_member_remove(actor=world.district, member=teams["jabar"])
    services.tech_member_remove(actor=world.province, member=teams["kab"])
    assert TechTeamMember.objects.count() == 4


@pytest.mark.parametrize(("field", "kwargs"), [("phone", {"phone": "telepon saya"}),
                                               ("name", {"name": "  "})])
def test_bad_contacts_are_refused(world, field, kwargs):  # rule S-9
    args = dict(actor=world.district, region=world.kab_bandung, agency=Agency.KEMDIKBUD,
                name="Dadang", phone="0812-1234") | kwargs
    with pytest.raises(ValidationError) as error:
        services.tech_member_add(**args)
    assert field in error.value.message_dict
    assert not TechTeamMember.objects.exists()
