"""Login credentials (J-7): derived passwords, keyed hashes, verification and revocation."""

import hmac as hmac_module

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from anbk.core.audit import audit_verify
from anbk.core.models import AuditEntry
from anbk.core.schedule import LOGIN_PASSWORD_ALPHABET, LOGIN_PASSWORD_LENGTH
from anbk.registry.models import Position, Service
from anbk.scheduling import credentials as cred
from anbk.scheduling import selectors, services
from anbk.scheduling.credentials import derive_password, password_digest, verify_login
from anbk.scheduling.models import Credential, CredentialKind
from tests.people import make_student


@pytest.fixture
def issued(world):
    return services.credentials_issue_participants(actor=world.operator, school=world.sd,
                                                   students=[world.student])[0]


@given(st.text(min_size=1, max_size=20), st.integers(min_value=1, max_value=10**6))
@hsettings(max_examples=200)
def test_passwords_are_eight_unambiguous_characters(username, version):  # rule J-7
    password = derive_password(username, version)
    assert len(password) == LOGIN_PASSWORD_LENGTH
    assert set(password) <= set(LOGIN_PASSWORD_ALPHABET)
    assert not set(password) & set("01ilo")


def test_a_password_depends_on_secret_person_and_version(settings):  # rule J-7
    first = derive_password("P0111111111", 1)
    assert derive_password("P0111111111", 1) == first  # a card can be printed again
    assert derive_password("P0111111111", 2) != first
    assert derive_password("P0111111112", 1) != first
    settings.ANBK_CREDENTIAL_SECRET = "another server"
    assert derive_password("P0111111111", 1) != first


def test_the_right_password_opens_the_login_and_nothing_stores_it(world, issued):  # J-7
    password = derive_password(issued.username, 1)
    assert issued.username == "P0111111111"
    assert verify_login(issued.username, password).credential_id == issued.pk
    row = Credential.objects.filter(pk=issued.pk).values().get()
    assert password not in str(row)
    assert row["digest"] == password_digest(issued.username, password)


def test_typing_is_forgiving_about_case_and_spaces(world, issued):
    password = derive_password(issued.username, 1)
    assert verify_login(f" {issued.username.lower()} ", f" {password.upper()} ").credential_id \
        == issued.pk


def test_a_wrong_password_an_unknown_user_and_an_empty_one_open_nothing(world, issued):
    password = derive_password(issued.username, 1)
    wrong = password[:-1] + ("2" if password[-1] != "2" else "3")
    assert verify_login(issued.username, wrong) is None
    assert verify_login("P9999999999", password) is None
    assert verify_login(issued.username, "") is None
    assert verify_login("", "") is None


def test_a_revoked_card_stops_working_and_the_reprint_works(world, issued):  # rule J-7
    old = derive_password(issued.username, 1)
    revoked = services.credential_revoke(actor=world.operator, credential=issued)
    assert revoked.version == 2 and revoked.revoked_at is not None
    assert verify_login(issued.username, old) is None
    new = selectors.credential_rows(actor=world.operator, school=world.sd)[0].password
    assert new == derive_password(issued.username, 2) != old
    assert verify_login(issued.username, new).version == 2
    assert AuditEntry.objects.filter(action="credential.revoke").count() == 1
    assert audit_verify() is None


def test_comparison_is_timing_safe_also_for_unknown_usernames(world, issued, monkeypatch):
    calls, real = [], hmac_module.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(cred.hmac, "compare_digest", spy)
    verify_login(issued.username, "salahsal")
    verify_login("P0000000000", "salahsal")
    assert len(calls) == 2  # the unknown username is compared against a dummy digest too
    assert all(len(a) == len(b) == 64 for a, b in calls)


def test_a_withdrawn_participant_cannot_log_in_and_comes_back_with_the_same_card(world, issued):
    # rule P-9: a replaced main participant keeps no login
    password = derive_password(issued.username, 1)
    assert services.credentials_withdraw_participants(
        actor=world.operator, school=world.sd, students=[world.student]) == 1
    assert verify_login(issued.username, password) is None
    assert services.credentials_issue_participants(
        actor=world.operator, school=world.sd, students=[world.student]) == []
    assert verify_login(issued.username, password).credential_id == issued.pk


def test_issuing_twice_keeps_the_first_card(world, issued):
    other = make_student("0111111112", world.sd, name="Ujang")
    new = services.credentials_issue_participants(actor=world.operator, school=world.sd,
                                                  students=[world.student, other])
    assert [c.username for c in new] == ["P0111111112"]
    assert Credential.objects.get(username=issued.username).version == 1


def test_teachers_and_the_principal_get_one_login_per_school_served(world):  # J-7, P-8
    principal = Service.objects.create(
        person=world.teacher.__class__.objects.create(
            nik="3204010101700002", name="Asep Sunandar", sex="L", employment_status="pns"),
        school=world.sd, position=Position.PRINCIPAL)
    sd = services.credentials_issue_educators(actor=world.operator, school=world.sd)
    assert [c.username for c in sd] == ["G20200001001", "G20200001002"]
    assert {c.service_id for c in sd} == {principal.pk, world.teacher.services.get(
        school=world.sd).pk}
    assert all(c.kind == CredentialKind.EDUCATOR for c in sd)
    assert services.credentials_issue_educators(actor=world.operator, school=world.sd) == []
    mi = services.credentials_issue_educators(actor=world.centre, school=world.mi)
    assert [c.username for c in mi] == ["G60700001001"]  # the same teacher at the MI
    rows = selectors.credential_rows(actor=world.operator, school=world.sd,
                                     kind=CredentialKind.EDUCATOR)
    assert {r.name for r in rows} == {"Dewi Lestari", "Asep Sunandar"}
    for row in rows:
        assert verify_login(row.username, row.password) is not None


def test_nobody_issues_or_revokes_outside_their_region_or_role(world, issued):
    with pytest.raises(PermissionDenied):
        services.credentials_issue_participants(actor=world.operator_outsider, school=world.sd,
                                                students=[world.student])
    with pytest.raises(PermissionDenied):
        services.credentials_issue_educators(actor=world.proctor, school=world.sd)
    with pytest.raises(PermissionDenied):
        services.credential_revoke(actor=world.district_outsider, credential=issued)
    assert Credential.objects.get(pk=issued.pk).version == 1
    assert selectors.credential_rows(actor=world.operator_outsider, school=world.sd) == []


def test_a_student_of_another_school_gets_no_login_here(world):
    with pytest.raises(ValidationError):
        services.credentials_issue_participants(actor=world.centre, school=world.sd,
                                                students=[world.student_jateng])
    assert not Credential.objects.exists()
