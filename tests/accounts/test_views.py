"""Account management pages (SPEC S-8): list, issuance with a once-shown temporary password,
detail with unlock / reset / (de)activate, and the forced first-login password change."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anbk.accounts import services
from anbk.accounts.models import Role, User
from anbk.core.models import AuditEntry
from tests.people import PASSWORD, make_user


def login(client, user):
    client.force_login(user)
    return client


def issue(client, actor, **data):
    login(client, actor)
    return client.post(reverse("accounts:user_issue"), data)


def lock(user):
    user.locked_at, user.failed_logins = timezone.now(), 5
    user.save(update_fields=["locked_at", "failed_logins"])


# --- list --------------------------------------------------------------------------------

def test_user_list_shows_accounts_the_actor_manages(client, world):  # rule S-8
    response = login(client, world.district).get(reverse("accounts:user_list"))
    assert response.status_code == 200
    usernames = {u.username for u in response.context["page"]}
    assert usernames == {"kab3204", "op20200001", "proktor20200001", "teknisi20200001",
                         "pengawas20200001"}


def test_user_list_searches_and_filters_by_role(client, world):
    login(client, world.province)
    by_name = client.get(reverse("accounts:user_list"), {"q": "proktor"})
    assert [u.username for u in by_name.context["page"]] == ["proktor20200001"]
    teams = client.get(reverse("accounts:user_list"), {"role": Role.DISTRICT_TEAM})
    assert [u.username for u in teams.context["page"]] == ["kab3204"]


def test_user_list_marks_locked_accounts(client, world):
    lock(world.proctor)
    response = login(client, world.district).get(reverse("accounts:user_list"),
                                                 {"q": "proktor"})
    assert "Terkunci" in response.content.decode()


def test_user_list_paginates_with_a_flat_query_count(client, world,
                                                    django_assert_max_num_queries):
    for i in range(55):
        make_user(f"proktor-{i:02d}", Role.PROCTOR, school=world.sd)
    login(client, world.district)
    with django_assert_max_num_queries(4):  # session, user, count, page
        first = client.get(reverse("accounts:user_list"))
    assert len(first.context["page"]) == 50
    second = client.get(reverse("accounts:user_list"), {"page": 2})
    assert second.context["page"].number == 2
    assert len(second.context["page"]) == 60 - 50


@pytest.mark.parametrize("who", ["proctor", "technician", "supervisor"])
def test_account_pages_do_not_exist_for_non_issuers(client, world, who):
    login(client, getattr(world, who))
    assert client.get(reverse("accounts:user_list")).status_code == 404
    assert client.get(reverse("accounts:user_issue")).status_code == 404


# --- issuance form choices ---------------------------------------------------------------

def form_of(client, actor):
    return login(client, actor).get(reverse("accounts:user_issue")).context["form"]


def test_centre_issues_centre_admins_and_province_teams_of_any_agency(client, world):  # S-8
    form = form_of(client, world.centre)
    roles = [value for value, _label in form.fields["role"].choices]
    assert roles[:2] == [Role.CENTRE_ADMIN, Role.PROVINCE_TEAM]
    assert Role.DISTRICT_TEAM not in roles
    assert {r.code for r in form.fields["region"].queryset} == {"32", "33"}
    assert "agency" in form.fields


def test_province_offers_its_team_its_districts_and_its_schools(client, world):  # rule S-8
    form = form_of(client, world.province)
    roles = {value for value, _label in form.fields["role"].choices}
    assert roles == {Role.PROVINCE_TEAM, Role.DISTRICT_TEAM, Role.SCHOOL_OPERATOR, Role.PROCTOR,
                     Role.TECHNICIAN, Role.SUPERVISOR}
    assert {r.code for r in form.fields["region"].queryset} == {"32", "32.04", "32.73"}
    assert "agency" not in form.fields and "npsn" in form.fields


def test_district_offers_only_school_accounts(client, world):  # rule S-8
    form = form_of(client, world.district)
    roles = {value for value, _label in form.fields["role"].choices}
    assert roles == {Role.SCHOOL_OPERATOR, Role.PROCTOR, Role.TECHNICIAN, Role.SUPERVISOR}
    assert "region" not in form.fields and "agency" not in form.fields


def test_school_operator_offers_proctor_and_technician_of_its_school(client, world):
    form = form_of(client, world.operator)
    assert {v for v, _label in form.fields["role"].choices} == {Role.PROCTOR, Role.TECHNICIAN}
    assert "npsn" not in form.fields and "region" not in form.fields


# --- issuance ----------------------------------------------------------------------------

def test_district_issues_a_school_account_and_sees_the_password_once(client, world):  # S-8
    response = issue(client, world.district, full_name="Asep Sunandar", username="op-baru",
                     role=Role.SCHOOL_OPERATOR, npsn=world.sd.npsn, email="", phone="")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode()
    account = User.objects.get(username="op-baru")
    assert (account.role, account.school, account.issued_by) == (
        Role.SCHOOL_OPERATOR, world.sd, world.district)
    assert account.must_change_password and account.check_password(password)
    assert password not in account.password  # only its hash is stored
    entry = AuditEntry.objects.get(action="user.issue", object_id=str(account.pk))
    assert password not in str(entry.summary)
    detail = client.get(reverse("accounts:user_detail", args=[account.pk]))
    assert password not in detail.content.decode()


def test_district_cannot_issue_for_a_school_outside_its_authority(client, world):  # S-8
    response = issue(client, world.district, full_name="X", username="op-sma",
                     role=Role.SCHOOL_OPERATOR, npsn=world.sma.npsn)
    assert response.status_code == 200
    assert response.context["form"].errors["npsn"]
    assert not User.objects.filter(username="op-sma").exists()


def test_district_cannot_forge_a_team_role(client, world):  # rule S-8
    response = issue(client, world.district, full_name="X", username="kab-palsu",
                     role=Role.DISTRICT_TEAM, region=world.kab_bandung.pk)
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(username="kab-palsu").exists()


def test_province_issues_a_district_team_of_its_own_province(client, world):  # rule S-8
    response = issue(client, world.province, full_name="Tim Kota", username="kota3273",
                     role=Role.DISTRICT_TEAM, region=world.kota_bandung.pk)
    assert response.status_code == 200 and response.context["password"]
    account = User.objects.get(username="kota3273")
    assert (account.region, account.agency) == (world.kota_bandung, world.province.agency)


def test_province_cannot_issue_a_district_team_in_another_province(client, world):  # S-8
    response = issue(client, world.province, full_name="X", username="kab3302-baru",
                     role=Role.DISTRICT_TEAM, region=world.banyumas.pk)
    assert response.context["form"].errors["region"]
    assert not User.objects.filter(username="kab3302-baru").exists()


def test_team_role_without_a_region_is_refused(client, world):
    response = issue(client, world.province, full_name="X", username="tanpa-wilayah",
                     role=Role.DISTRICT_TEAM)
    assert response.context["form"].errors["region"]


def test_service_refusal_is_shown_on_the_form(client, world):  # rule S-8
    # A province team picked for a district region passes the form's choices; the service
    # refuses the binding and the form shows why.
    response = issue(client, world.province, full_name="X", username="prov-salah",
                     role=Role.PROVINCE_TEAM, region=world.kab_bandung.pk)
    assert response.context["form"].errors["region"]
    assert not User.objects.filter(username="prov-salah").exists()


def test_centre_issues_a_kanwil_kemenag_province_team(client, world):  # rule S-8
    response = issue(client, world.centre, full_name="Kanwil Jateng", username="kanwil33",
                     role=Role.PROVINCE_TEAM, region=world.jateng.pk, agency="kemenag")
    assert response.status_code == 200
    account = User.objects.get(username="kanwil33")
    assert (account.role, account.region, account.agency) == (
        Role.PROVINCE_TEAM, world.jateng, "kemenag")


def test_school_operator_issues_a_proctor_for_its_own_school(client, world):
    response = issue(client, world.operator, full_name="Proktor Dua", username="proktor-2",
                     role=Role.PROCTOR)
    assert response.status_code == 200
    assert User.objects.get(username="proktor-2").school == world.sd


def test_school_operator_cannot_issue_a_supervisor(client, world):
    response = issue(client, world.operator, full_name="X", username="pengawas-x",
                     role=Role.SUPERVISOR)
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(username="pengawas-x").exists()


def test_a_taken_username_is_refused_on_its_field(client, world):
    response = issue(client, world.district, full_name="X", username="PROKTOR20200001",
                     role=Role.PROCTOR, npsn=world.sd.npsn)
    assert response.context["form"].errors["username"]
    assert User.objects.filter(username__iexact="proktor20200001").count() == 1


# --- detail and actions ------------------------------------------------------------------

def test_account_detail_shows_actions_to_the_issuing_level(client, world):
    lock(world.proctor)
    response = login(client, world.district).get(
        reverse("accounts:user_detail", args=[world.proctor.pk]))
    assert response.status_code == 200 and response.context["may_manage"]
    body = response.content.decode()
    assert "Buka kunci" in body and "Atur ulang kata sandi" in body and "Nonaktifkan" in body


def test_own_account_detail_offers_no_actions(client, world):
    response = login(client, world.district).get(
        reverse("accounts:user_detail", args=[world.district.pk]))
    assert response.status_code == 200 and not response.context["may_manage"]


@pytest.mark.parametrize("who", ["district_outsider", "kemenag_district", "operator_outsider",
                                 "province_outsider"])
def test_account_detail_and_actions_are_404_outside_scope(client, world, who):
    lock(world.proctor)
    login(client, getattr(world, who))
    pk = world.proctor.pk
    assert client.get(reverse("accounts:user_detail", args=[pk])).status_code == 404
    for name in ("accounts:user_unlock", "accounts:user_reset_password",
                 "accounts:user_set_active"):
        assert client.post(reverse(name, args=[pk]), {"active": "0"}).status_code == 404
    world.proctor.refresh_from_db()
    assert world.proctor.is_locked and world.proctor.is_active


def test_unlock_lifts_the_lock_and_is_audited(client, world):
    lock(world.proctor)
    response = login(client, world.district).post(
        reverse("accounts:user_unlock", args=[world.proctor.pk]))
    assert response.status_code == 302
    world.proctor.refresh_from_db()
    assert not world.proctor.is_locked and world.proctor.failed_logins == 0
    assert AuditEntry.objects.filter(action="user.unlock", actor_id=world.district.pk).exists()


def test_actions_refuse_get(client, world):
    login(client, world.district)
    for name in ("accounts:user_unlock", "accounts:user_reset_password",
                 "accounts:user_set_active"):
        assert client.get(reverse(name, args=[world.proctor.pk])).status_code == 405


def test_actions_need_the_csrf_token(world):
    lock(world.proctor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.district)
    response = client.post(reverse("accounts:user_unlock", args=[world.proctor.pk]))
    assert response.status_code == 403
    world.proctor.refresh_from_db()
    assert world.proctor.is_locked


def test_reset_password_shows_a_new_temporary_password_once(client, world):
    lock(world.proctor)
    response = login(client, world.district).post(
        reverse("accounts:user_reset_password", args=[world.proctor.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode()
    world.proctor.refresh_from_db()
    assert world.proctor.check_password(password) and not world.proctor.check_password(PASSWORD)
    assert world.proctor.must_change_password and not world.proctor.is_locked


def test_deactivate_then_activate(client, world):
    login(client, world.operator)
    url = reverse("accounts:user_set_active", args=[world.proctor.pk])
    assert client.post(url, {"active": "0"}).status_code == 302
    world.proctor.refresh_from_db()
    assert not world.proctor.is_active
    # An inactive account stays in its issuer's list, so it can be activated again.
    assert client.post(url, {"active": "1"}).status_code == 302
    world.proctor.refresh_from_db()
    assert world.proctor.is_active
    actions = AuditEntry.objects.filter(object_id=str(world.proctor.pk)).values_list(
        "action", flat=True)
    assert list(actions) == ["user.deactivate", "user.activate"]


def test_a_visible_account_outside_the_actors_issuing_power_is_403(client, world):  # S-8
    # The centre sees every account, but district teams are issued by provinces.
    lock(world.district)
    response = login(client, world.centre).post(
        reverse("accounts:user_unlock", args=[world.district.pk]))
    assert response.status_code == 403
    assert "tidak berwenang" in response.content.decode()
    world.district.refresh_from_db()
    assert world.district.is_locked


def test_nobody_deactivates_their_own_account(client, world):
    response = login(client, world.province).post(
        reverse("accounts:user_set_active", args=[world.province.pk]), {"active": "0"})
    assert response.status_code == 403
    world.province.refresh_from_db()
    assert world.province.is_active


# --- first login -------------------------------------------------------------------------

def test_first_login_forces_a_password_change_then_home_works(client, world):  # rule S-8
    issued = services.user_issue(actor=world.district, username="op-pertama",
                                 role=Role.SCHOOL_OPERATOR, full_name="Operator Pertama",
                                 school=world.sd)
    response = client.post(reverse("accounts:login"),
                           {"username": "op-pertama", "password": issued.password})
    assert response.status_code == 302
    home = client.get(reverse("portal:home"))
    assert home.status_code == 302 and home["Location"] == reverse("accounts:password_change")
    data = client.get(reverse("registry:school_list"))
    assert data["Location"] == reverse("accounts:password_change")
    changed = client.post(reverse("accounts:password_change"), {
        "old_password": issued.password, "new_password": "Soreang-baru-2021",
        "new_password_again": "Soreang-baru-2021"})
    assert changed.status_code == 302 and changed["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_weak_new_password_keeps_the_user_on_the_change_page(client, world):
    issued = services.user_issue(actor=world.district, username="op-lemah",
                                 role=Role.SCHOOL_OPERATOR, full_name="Operator",
                                 school=world.sd)
    client.post(reverse("accounts:login"), {"username": "op-lemah", "password": issued.password})
    response = client.post(reverse("accounts:password_change"), {
        "old_password": issued.password, "new_password": "12345678901",
        "new_password_again": "12345678901"})
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get(reverse("portal:home")).status_code == 302
