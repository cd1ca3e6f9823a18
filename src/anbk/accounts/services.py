"""Account writes: issuance down the hierarchy (S-8), login throttling, lockout, passwords."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.accounts.models import CENTRE_ROLES, REGION_ROLES, SCHOOL_ROLES, Role, User
from anbk.core.audit import audit_record
from anbk.core.rules import Agency
from anbk.core.scoping import school_q
from anbk.registry.models import Region, School

# Which roles each role may issue (S-8): centre → province teams; province → district teams
# and school accounts; district → school accounts; a school operator appoints its own proctors
# and technicians (JUKNIS V: "pemilihan proktor dan teknisi merupakan kewenangan satuan
# pendidikan"); supervisors are appointed crosswise by the district/province.
ISSUABLE: dict[str, set[str]] = {
    Role.CENTRE_ADMIN: {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.ITEM_AUTHOR,
                       Role.ITEM_REVIEWER} | SCHOOL_ROLES,
    Role.PROVINCE_TEAM: {Role.PROVINCE_TEAM, Role.DISTRICT_TEAM} | SCHOOL_ROLES,
    Role.DISTRICT_TEAM: set(SCHOOL_ROLES),
    Role.SCHOOL_OPERATOR: {Role.PROCTOR, Role.TECHNICIAN},
}

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def temporary_password() -> str:
    """12 characters without look-alikes (0/O, 1/l/I): read aloud or off paper."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))


def may_issue(*, actor: User, role: str, region: Region | None, school: School | None,
              agency: str) -> bool:
    """Whether actor may create (and so unlock or reset) an account with this binding."""
    if not actor.is_authenticated or actor.is_locked or role not in ISSUABLE.get(actor.role, ()):
        return False
    if role in SCHOOL_ROLES:
        return school is not None and School.objects.filter(school_q(actor), pk=school.pk).exists()
    if actor.role == Role.CENTRE_ADMIN:
        if role in CENTRE_ROLES:
            return region is None
        return region is not None and region.is_province
    # A province team: members of its own team, and district teams of its province, same agency.
    if agency != actor.agency or region is None:
        return False
    if role == Role.PROVINCE_TEAM:
        return region.pk == actor.region_id
    return region.parent_id == actor.region_id


@dataclass(frozen=True)
class IssuedAccount:
    user: User
    password: str  # shown once to the issuer, never stored in clear


@transaction.atomic
def user_issue(*, actor: User, username: str, role: str, full_name: str,
               region: Region | None = None, school: School | None = None,
               agency: str | None = None, email: str = "", phone: str = "") -> IssuedAccount:
    username = username.strip()
    if role in SCHOOL_ROLES:
        if school is None:
            raise ValidationError({"school": _("Akun sekolah harus terikat pada satu sekolah.")})
        region, agency = None, school.agency
    elif role in REGION_ROLES:
        if region is None:
            raise ValidationError({"region": _("Akun tim teknis harus terikat pada wilayah.")})
        if role == Role.PROVINCE_TEAM and not region.is_province:
            raise ValidationError({"region": _("Tim teknis provinsi harus terikat pada provinsi.")})
        if role == Role.DISTRICT_TEAM and region.is_province:
            raise ValidationError(
                {"region": _("Tim teknis kabupaten/kota harus terikat pada kabupaten/kota.")})
        school = None
    else:
        region = school = None
    agency = agency or actor.agency or Agency.KEMDIKBUD
    if not may_issue(actor=actor, role=role, region=region, school=school, agency=agency):
        raise PermissionDenied(_("Anda tidak berwenang membuat akun ini."))
    if not username:
        raise ValidationError({"username": _("Nama pengguna wajib diisi.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna sudah dipakai.")})
    password = temporary_password()
    first, _sep, last = full_name.strip().partition(" ")
    user = User(username=username, role=role, region=region, school=school, agency=agency,
                first_name=first, last_name=last, email=email, phone=phone, issued_by=actor,
                must_change_password=True)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=actor, action="user.issue", obj=user,
                 summary={"username": username, "role": role,
                          "region": region.code if region else None,
                          "school": school.npsn if school else None, "agency": agency})
    return IssuedAccount(user=user, password=password)


@transaction.atomic
def user_reset_password(*, actor: User, user: User) -> IssuedAccount:
    """A new temporary password from the issuing level; also lifts a lock."""
    if not may_issue(actor=actor, role=user.role, region=user.region, school=user.school,
                     agency=user.agency):
        raise PermissionDenied(_("Anda tidak berwenang mengatur ulang akun ini."))
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.failed_logins, user.locked_at = 0, None
    user.save(update_fields=["password", "must_change_password", "failed_logins", "locked_at"])
    audit_record(actor=actor, action="user.reset_password", obj=user,
                 summary={"username": user.username})
    return IssuedAccount(user=user, password=password)


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> User:
    if not may_issue(actor=actor, role=user.role, region=user.region, school=user.school,
                     agency=user.agency):
        raise PermissionDenied(_("Anda tidak berwenang membuka kunci akun ini."))
    user.failed_logins, user.locked_at = 0, None
    user.save(update_fields=["failed_logins", "locked_at"])
    audit_record(actor=actor, action="user.unlock", obj=user, summary={"username": user.username})
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> User:
    if user.pk == actor.pk or not may_issue(actor=actor, role=user.role, region=user.region,
                                            school=user.school, agency=user.agency):
        raise PermissionDenied(_("Anda tidak berwenang mengubah akun ini."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="user.activate" if active else "user.deactivate", obj=user,
                 summary={"username": user.username})
    return user


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str) -> User:
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Kata sandi lama salah.")})
    if old_password == new_password:
        raise ValidationError({"new_password": _("Kata sandi baru harus berbeda.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=user, action="user.change_password", obj=user, summary={})
    return user


class LoginRefused(Exception):
    """Login failed; message is safe to show (never says whether the username exists)."""


def _rate_key(address: str) -> str:
    return f"login-rate:{address}"


def login_attempt(*, request, username: str, password: str, address: str) -> User:
    """Authenticate a staff login with per-address rate limiting and per-account lockout."""
    key = _rate_key(address)
    cache.add(key, 0, timeout=settings.ANBK_LOGIN_RATE_WINDOW)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.ANBK_LOGIN_RATE_WINDOW)
        attempts = 1
    if attempts > settings.ANBK_LOGIN_RATE:
        raise LoginRefused(_("Terlalu banyak percobaan masuk. Tunggu satu menit lalu coba lagi."))

    account = User.objects.filter(username__iexact=username.strip()).first()
    if account is not None and account.is_locked:
        raise LoginRefused(_("Akun terkunci karena salah kata sandi berulang kali. "
                             "Hubungi tim teknis yang menerbitkan akun Anda."))
    user = authenticate(request, username=account.username if account else username,
                        password=password)
    if user is None:
        if account is not None:
            _record_failure(account=account, address=address)
            account.refresh_from_db(fields=["locked_at"])
            if account.is_locked:
                raise LoginRefused(_("Akun terkunci karena salah kata sandi berulang kali. "
                                     "Hubungi tim teknis yang menerbitkan akun Anda."))
        raise LoginRefused(_("Nama pengguna atau kata sandi salah."))
    if user.failed_logins:
        User.objects.filter(pk=user.pk).update(failed_logins=0)
    audit_record(actor=user, action="user.login", obj=user, summary={}, ip=address)
    return user


@transaction.atomic
def _record_failure(*, account: User, address: str) -> None:
    account = User.objects.select_for_update().get(pk=account.pk)
    account.failed_logins += 1
    fields = ["failed_logins"]
    if account.failed_logins >= settings.ANBK_LOGIN_MAX_FAILURES and account.locked_at is None:
        account.locked_at = timezone.now()
        fields.append("locked_at")
        audit_record(actor=None, action="user.lock", obj=account,
                     summary={"username": account.username, "failures": account.failed_logins},
                     ip=address)
    account.save(update_fields=fields)
