"""Account issuance down the hierarchy (SPEC S-8), staff passwords, throttling and lockout."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory, override_settings

from anbk import settings as production_settings
from anbk.accounts.models import Role, User
from anbk.accounts.services import (
    LoginRefused,
    login_attempt,
    may_issue,
    user_change_password,
    user_issue,
    user_reset_password,
    user_unlock,
)
from anbk.core.audit import audit_verify
from anbk.core.models import AuditEntry
from anbk.core.rules import Agency
from tests.people import PASSWORD


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    from django.core.cache import cache

    cache.clear()


def issue(actor, role, **binding):
    return user_issue(actor=actor, username=f"new-{role}", role=role, full_name="Nama Baru",
                      **binding)


def test_it_hashes_staff_passwords_with_argon2():
    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        assert make_password("kata-sandi-uji").startswith("argon2")


# rule S-8: centre → province teams; province → district teams and schools; district → schools.
def test_centre_issues_province_accounts(world):
    issued = issue(world.centre, Role.PROVINCE_TEAM, region=world.jateng, agency=Agency.KEMENAG)
    assert (issued.user.region, issued.user.agency) == (world.jateng, Agency.KEMENAG)
    assert issued.user.must_change_password and issued.user.issued_by == world.centre
    assert issued.user.check_password(issued.password) and len(issued.password) == 12


def test_centre_cannot_bind_a_province_team_to_a_district(world):
    with pytest.raises(ValidationError):
        issue(world.centre, Role.PROVINCE_TEAM, region=world.kab_bandung)


def test_province_issues_district_and_school_accounts_in_its_province(world):
    district = issue(world.province, Role.DISTRICT_TEAM, region=world.kota_bandung)
    assert district.user.agency == Agency.KEMDIKBUD
    operator = user_issue(actor=world.province, username="op-sma", role=Role.SCHOOL_OPERATOR,
                          full_name="Operator SMA", school=world.sma)
    assert operator.user.school == world.sma


def test_province_cannot_issue_outside_its_province_or_agency(world):
    with pytest.raises(PermissionDenied):
        issue(world.province, Role.DISTRICT_TEAM, region=world.banyumas)
    with pytest.raises(PermissionDenied):  # a Dinas province team may not create Kemenag teams
        issue(world.province, Role.DISTRICT_TEAM, region=world.kab_bandung, agency=Agency.KEMENAG)
    with pytest.raises(PermissionDenied):  # the MI belongs to Kemenag
        issue(world.province, Role.SCHOOL_OPERATOR, school=world.mi)


def test_province_cannot_issue_centre_or_province_accounts_elsewhere(world):
    with pytest.raises(PermissionDenied):
        issue(world.province, Role.CENTRE_ADMIN)
    with pytest.raises(PermissionDenied):
        issue(world.province, Role.PROVINCE_TEAM, region=world.jateng)


def test_district_issues_only_school_accounts_of_its_schools(world):
    assert issue(world.district, Role.PROCTOR, school=world.sd).user.school == world.sd
    with pytest.raises(PermissionDenied):
        issue(world.district, Role.DISTRICT_TEAM, region=world.kab_bandung)
    with pytest.raises(PermissionDenied):  # SMA is under the province's authority
        issue(world.district, Role.SCHOOL_OPERATOR, school=world.sma)
    with pytest.raises(PermissionDenied):
        issue(world.district, Role.SCHOOL_OPERATOR, school=world.sd_jateng)


def test_school_operator_appoints_only_its_proctors_and_technicians(world):
    assert issue(world.operator, Role.TECHNICIAN, school=world.sd).user.role == Role.TECHNICIAN
    with pytest.raises(PermissionDenied):  # supervisors are assigned crosswise by the district
        issue(world.operator, Role.SUPERVISOR, school=world.sd)
    with pytest.raises(PermissionDenied):
        issue(world.operator, Role.PROCTOR, school=world.smp)


def test_proctor_issues_nothing(world):
    assert not may_issue(actor=world.proctor, role=Role.PROCTOR, region=None, school=world.sd,
                         agency=Agency.KEMDIKBUD)


def test_duplicate_username_is_refused(world):
    with pytest.raises(ValidationError):
        user_issue(actor=world.district, username="OP20200001", role=Role.PROCTOR,
                   full_name="X", school=world.sd)


def test_issuance_is_audited(world):
    issued = issue(world.district, Role.PROCTOR, school=world.sd)
    entry = AuditEntry.objects.get(action="user.issue")
    assert entry.actor == world.district and entry.object_id == str(issued.user.pk)
    assert "password" not in str(entry.summary).lower()
    assert audit_verify() is None


def login(username, password, address="10.1.1.1"):
    request = RequestFactory().post("/akun/masuk/")
    return login_attempt(request=request, username=username, password=password, address=address)


def test_login_succeeds_and_is_audited(world):
    assert login("op20200001", PASSWORD) == world.operator
    assert AuditEntry.objects.filter(action="user.login", ip="10.1.1.1").exists()


def test_wrong_password_does_not_reveal_whether_the_user_exists(world):
    with pytest.raises(LoginRefused) as known:
        login("op20200001", "salah")
    with pytest.raises(LoginRefused) as unknown:
        login("tidak-ada", "salah")
    assert str(known.value) == str(unknown.value)


@override_settings(ANBK_LOGIN_MAX_FAILURES=3)
def test_account_locks_after_repeated_failures_and_issuer_unlocks(world):
    for _ in range(2):
        with pytest.raises(LoginRefused):
            login("op20200001", "salah")
    with pytest.raises(LoginRefused, match="terkunci"):
        login("op20200001", "salah")
    world.operator.refresh_from_db()
    assert world.operator.is_locked
    with pytest.raises(LoginRefused, match="terkunci"):  # even the right password is refused
        login("op20200001", PASSWORD)
    with pytest.raises(PermissionDenied):  # another region cannot unlock it
        user_unlock(actor=world.district_outsider, user=world.operator)
    user_unlock(actor=world.district, user=world.operator)
    assert login("op20200001", PASSWORD) == world.operator


@override_settings(ANBK_LOGIN_RATE=3)
def test_login_is_rate_limited_per_address(world):
    for _ in range(3):
        with pytest.raises(LoginRefused):
            login("tidak-ada", "salah", address="10.9.9.9")
    with pytest.raises(LoginRefused, match="Terlalu banyak"):
        login("op20200001", PASSWORD, address="10.9.9.9")
    assert login("op20200001", PASSWORD, address="10.9.9.8") == world.operator


def test_reset_password_forces_a_change_and_unlocks(world):
    User.objects.filter(pk=world.proctor.pk).update(failed_logins=9, locked_at="2026-01-01T00:00Z")
    world.proctor.refresh_from_db()
    issued = user_reset_password(actor=world.operator, user=world.proctor)
    world.proctor.refresh_from_db()
    assert world.proctor.must_change_password and not world.proctor.is_locked
    assert world.proctor.check_password(issued.password)


def test_password_change_validates_and_clears_the_flag(world):
    with pytest.raises(ValidationError):
        user_change_password(user=world.operator, old_password="salah", new_password="x" * 12)
    with pytest.raises(ValidationError):  # too short and numeric
        user_change_password(user=world.operator, old_password=PASSWORD, new_password="123")
    world.operator.must_change_password = True
    user_change_password(user=world.operator, old_password=PASSWORD,
                         new_password="Kata-Sandi-Baru-2026")
    assert not world.operator.must_change_password
