"""Who may do what (accounts/rules.py): each permission held by exactly the roles of the
table below, by nobody inactive or locked, and asked the same way by menu, views and services.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from anbk.accounts.models import Role
from anbk.accounts.rules import PERMISSIONS
from anbk.accounts.services import ISSUABLE
from anbk.portal.navigation import MENU, menu_for
from anbk.registry.importing.kinds import KINDS, kinds_for
from anbk.registry.importing.services import import_file, siln_load
from tests.matrix import merged

TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
KEEPERS = TEAMS | {Role.SCHOOL_OPERATOR}

# Permission → the roles that hold it; every other role does not.
WHO: dict[str, set[str]] = merged("WHO", {
    "portal.view_home": set(Role),
    "portal.view_registry": KEEPERS,
    "portal.read_audit": {Role.CENTRE_ADMIN},
    "accounts.manage_accounts": KEEPERS,
    "imports.use_imports": KEEPERS,
    "imports.import_regions": {Role.CENTRE_ADMIN},
    "imports.import_schools": TEAMS,
    "imports.import_students": KEEPERS,
    "imports.import_teachers": KEEPERS,
    "imports.load_siln": {Role.CENTRE_ADMIN},
})

# One account per role in tests/people.py.
ACCOUNT = {Role.CENTRE_ADMIN: "centre", Role.PROVINCE_TEAM: "province",
           Role.DISTRICT_TEAM: "district", Role.SCHOOL_OPERATOR: "operator",
           Role.PROCTOR: "proctor", Role.TECHNICIAN: "technician",
           Role.SUPERVISOR: "supervisor", Role.ITEM_AUTHOR: "item_author",
           Role.ITEM_REVIEWER: "item_reviewer"}


def held(user) -> set[str]:
    return {name for name in PERMISSIONS if user.has_perm(name)}


def test_the_table_names_every_permission_there_is():
    assert set(WHO) == set(PERMISSIONS) == set(rules.permissions.permissions)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_holds_exactly_its_permissions(world, role):  # rules S-1, S-8
    user = getattr(world, ACCOUNT[role])
    assert held(user) == {name for name, roles in WHO.items() if role in roles}


def test_agency_and_region_do_not_change_what_a_role_may_do(world):
    # Where a team may act is the selectors' question; what it may do is the same everywhere.
    assert held(world.kemenag_province) == held(world.province_outsider) == held(world.province)
    assert held(world.kemenag_district) == held(world.district_outsider) == held(world.district)
    assert held(world.operator_outsider) == held(world.operator)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["inactive", "locked"])
def test_an_inactive_or_locked_account_has_no_permission(world, role, state):
    user = getattr(world, ACCOUNT[role])
    if state == "inactive":
        user.is_active = False
    else:
        user.locked_at = timezone.now()
    assert held(user) == set()
    assert menu_for(user) == []
    assert kinds_for(user) == []


def test_an_anonymous_visitor_and_an_account_without_a_role_have_no_permission(world):
    assert held(AnonymousUser()) == set()
    world.proctor.role = ""
    assert held(world.proctor) == set()


def test_superuser_grants_nothing_and_asking_costs_no_query(world,
                                                             django_assert_num_queries):
    world.proctor.is_superuser = True
    with django_assert_num_queries(0):
        assert held(world.proctor) == {n for n, roles in WHO.items() if Role.PROCTOR in roles}
        assert not world.proctor.has_perm("auth.add_user")  # a database permission


def test_account_pages_are_for_exactly_the_roles_that_issue_accounts(world):  # rule S-8
    assert WHO["accounts.manage_accounts"] == set(ISSUABLE)


def test_every_permission_the_code_asks_for_exists():
    asked = {item.permission for item in MENU} | {cls.permission for cls in KINDS.values()}
    assert asked <= set(PERMISSIONS)


@pytest.mark.parametrize("role", list(Role))
def test_import_kinds_follow_the_import_permissions(world, role):
    user = getattr(world, ACCOUNT[role])
    expected = [kind for kind in KINDS if role in WHO[f"imports.import_{kind}"]]
    assert kinds_for(user) == expected
    assert bool(expected) == user.has_perm("imports.use_imports")


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_lists_what_the_role_may_open(client, world, role):
    user = getattr(world, ACCOUNT[role])
    client.force_login(user)
    for item in MENU:
        shown = item.url_name in {entry["name"] for entry in menu_for(user)}
        assert shown == (role in WHO[item.permission]), item.url_name
        response = client.get(reverse(item.url_name))
        assert response.status_code == (200 if shown else 404), item.url_name


def test_a_lock_ends_what_an_open_session_may_do(client, world):
    client.force_login(world.district)
    assert client.get(reverse("registry:school_list")).status_code == 200
    world.district.locked_at = timezone.now()
    world.district.save(update_fields=["locked_at"])
    for name in ("portal:home", "registry:school_list", "accounts:user_list", "imports:upload"):
        assert client.get(reverse(name)).status_code == 404, name


def test_a_superuser_flag_opens_no_page(client, world):
    world.proctor.is_superuser = True
    world.proctor.save(update_fields=["is_superuser"])
    client.force_login(world.proctor)
    assert client.get(reverse("portal:audit_log")).status_code == 404
    assert client.get(reverse("registry:school_list")).status_code == 404


def _students_file(tmp_path, school):
    path = tmp_path / "siswa.csv"
    path.write_text("NPSN,NISN,Nama,JK,Tempat Lahir,Tanggal Lahir,Tingkat\n"
                    f"{school.npsn},0555555551,Ani Lestari,P,Bandung,17-08-2012,5\n")
    return path


def test_a_locked_account_may_not_import(world, tmp_path):
    path = _students_file(tmp_path, world.sd)
    world.district.locked_at = timezone.now()
    with pytest.raises(PermissionDenied):
        import_file(actor=world.district, kind="students", path=path)
    world.district.locked_at = None
    assert import_file(actor=world.district, kind="students", path=path).ok


def test_only_the_centre_loads_the_siln_list(world):  # rule P-1
    with pytest.raises(PermissionDenied):
        siln_load(actor=world.province)
    world.centre.is_active = False
    with pytest.raises(PermissionDenied):
        siln_load(actor=world.centre)
    world.centre.is_active = True
    assert sum(siln_load(actor=world.centre).values()) == 13
