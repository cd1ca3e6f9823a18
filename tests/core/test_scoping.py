"""Authority over schools ("sesuai kewenangannya", SPEC S-1, S-8): the core rule table and the
scope each account sees."""

from anbk.core.rules import BENTUK, Agency, Tier
from anbk.core.scoping import school_q
from anbk.registry.models import School


def visible(user):
    return set(School.objects.filter(school_q(user)).values_list("npsn", flat=True))


def test_it_maps_every_bentuk_to_its_authority():  # rule S-1
    district_dinas = {"SD", "SMP", "Paket A", "Paket B", "Paket C"}
    province_dinas = {"SMA", "SMK", "SDLB", "SMPLB", "SMALB"}
    kemenag = {"MI", "MTs", "MA", "MAK"}
    centre = {"SILN", "SPK"}
    assert set(BENTUK) == district_dinas | province_dinas | kemenag | centre
    for code in district_dinas:
        assert (BENTUK[code].agency, BENTUK[code].tier) == (Agency.KEMDIKBUD, Tier.DISTRICT)
    for code in province_dinas:
        assert (BENTUK[code].agency, BENTUK[code].tier) == (Agency.KEMDIKBUD, Tier.PROVINCE)
    for code in kemenag:
        assert (BENTUK[code].agency, BENTUK[code].tier) == (Agency.KEMENAG, Tier.DISTRICT)
    for code in centre:
        assert BENTUK[code].tier == Tier.CENTRE


def test_centre_sees_everything(world):
    assert visible(world.centre) == set(School.objects.values_list("npsn", flat=True))


def test_province_dinas_sees_its_agency_in_its_province(world):
    assert visible(world.province) == {"20200001", "20200002", "20200003"}


def test_kanwil_kemenag_sees_madrasah_of_its_province(world):
    assert visible(world.kemenag_province) == {"60700001"}


def test_district_dinas_sees_only_district_tier_schools_in_its_district(world):
    # SMA is the province's; MI is Kemenag's; SMP is in another district.
    assert visible(world.district) == {"20200001"}


def test_district_kemenag_sees_only_madrasah(world):
    assert visible(world.kemenag_district) == {"60700001"}


def test_school_accounts_see_only_their_school(world):
    for user in (world.operator, world.proctor, world.technician, world.supervisor):
        assert visible(user) == {"20200001"}


def test_outsiders_see_nothing_of_ours(world):
    assert visible(world.province_outsider) == {"20300001"}
    assert visible(world.district_outsider) == {"20300001"}
    assert visible(world.operator_outsider) == {"20300001"}


def test_inactive_or_roleless_accounts_see_nothing(world):
    world.province.is_active = False
    assert visible(world.province) == set()
    world.centre.role = ""
    assert visible(world.centre) == set()
