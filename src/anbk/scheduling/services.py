"""Every write of scheduling: the calendar, login credentials (and, later, sessions and
placement). Keyword-only, atomic, audited."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.schedule import ASSESSMENT_DAYS, CalendarKind, calendar_days
from anbk.core.scoping import school_q
from anbk.registry.models import Position, School, Service, Student
from anbk.scheduling.credentials import derive_password, password_digest
from anbk.scheduling.models import CalendarEntry, Credential, CredentialKind


def _require(actor, permission: str, message: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(message)


def _require_school(actor, school: School, permission: str) -> None:
    _require(actor, permission, _("Anda tidak berwenang mengubah data ini."))
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        raise PermissionDenied(_("Sekolah ini di luar wilayah Anda."))


@transaction.atomic
def calendar_entry_update(*, actor, entry: CalendarEntry, title: str, start: datetime.date,
                          end: datetime.date,
                          excluded: list[datetime.date] | tuple = ()) -> CalendarEntry:
    """The centre moves a window of the national calendar (J-1)."""
    _require(actor, "scheduling.edit_calendar",
             _("Hanya pusat yang dapat mengubah kalender nasional."))
    title = title.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Judul wajib diisi.")
    if end < start:
        errors["end"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    elif outside := sorted(day for day in excluded if not start <= day <= end):
        errors["excluded"] = _("Tanggal %(days)s di luar rentang kegiatan.") % {
            "days": ", ".join(day.isoformat() for day in outside)}
    elif entry.kind == CalendarKind.ASSESSMENT:
        days = calendar_days(start, end, excluded)
        if len(days) != ASSESSMENT_DAYS:
            errors["end"] = _("Pelaksanaan AN berlangsung tepat %(n)d hari (J-1); rentang ini "
                              "memuat %(got)d hari.") % {"n": ASSESSMENT_DAYS, "got": len(days)}
    if errors:
        raise ValidationError(errors)
    before = {"title": entry.title, "start": entry.start, "end": entry.end,
              "excluded": list(entry.excluded)}
    entry.title, entry.start, entry.end = title, start, end
    entry.excluded = sorted({day.isoformat() for day in excluded})
    entry.save()
    audit_record(actor=actor, action="calendar.update", obj=entry, summary={
        "level": entry.level, "wave": entry.wave, "kind": entry.kind, "before": before,
        "after": {"title": title, "start": start, "end": end, "excluded": entry.excluded}})
    return entry


# --- login credentials (J-7) ---------------------------------------------------------------

PARTICIPANT_PREFIX = "P"
EDUCATOR_PREFIX = "G"


def participant_username(student: Student) -> str:
    return f"{PARTICIPANT_PREFIX}{student.nisn}"


def _new_credential(*, username: str, kind: str, school: School, **holder) -> Credential:
    version = 1
    return Credential(username=username, kind=kind, school=school, version=version,
                      digest=password_digest(username, derive_password(username, version)),
                      **holder)


@transaction.atomic
def credentials_issue_participants(*, actor, school: School, students) -> list[Credential]:
    """A login for each of these students of the school that has none; an existing one is
    kept (and made active again), so its printed card still works. Returns the new ones."""
    _require_school(actor, school, "scheduling.manage_credentials")
    students = list(students)
    foreign = [s.nisn for s in students if s.school_id != school.pk]
    if foreign:
        raise ValidationError(_("Peserta didik %(nisn)s bukan dari sekolah ini.")
                              % {"nisn": ", ".join(foreign)})
    existing = set(Credential.objects.filter(student__in=students)
                   .values_list("student_id", flat=True))
    Credential.objects.filter(student__in=students, is_active=False).update(is_active=True)
    new = [_new_credential(username=participant_username(s), kind=CredentialKind.PARTICIPANT,
                           school=school, student=s)
           for s in students if s.pk not in existing]
    Credential.objects.bulk_create(new)
    audit_record(actor=actor, action="credential.issue_participants", obj=school,
                 summary={"npsn": school.npsn, "issued": len(new),
                          "kept": len(students) - len(new)})
    return new


@transaction.atomic
def credentials_withdraw_participants(*, actor, school: School, students) -> int:
    """Switch off the logins of students who are no longer participants (P-9: a main
    participant replaced by a reserve keeps no login). The row stays, so re-adding the
    student later gives back the same card."""
    _require_school(actor, school, "scheduling.manage_credentials")
    count = Credential.objects.filter(school=school, student__in=list(students),
                                      is_active=True).update(is_active=False)
    audit_record(actor=actor, action="credential.withdraw_participants", obj=school,
                 summary={"npsn": school.npsn, "withdrawn": count})
    return count


@transaction.atomic
def credentials_issue_educators(*, actor, school: School) -> list[Credential]:
    """A login for every active teacher and principal serving the school (J-7, P-8: one per
    school served) who has none yet. Usernames are G + NPSN + a running number."""
    _require_school(actor, school, "scheduling.manage_credentials")
    services = list(Service.objects.filter(school=school, is_active=True,
                                           credential__isnull=True)
                    .order_by("position", "person__name", "pk"))
    taken = Credential.objects.filter(school=school, kind=CredentialKind.EDUCATOR).count()
    new = []
    for number, service in enumerate(services, start=taken + 1):
        new.append(_new_credential(username=f"{EDUCATOR_PREFIX}{school.npsn}{number:03d}",
                                   kind=CredentialKind.EDUCATOR, school=school,
                                   service=service))
    Credential.objects.bulk_create(new)
    audit_record(actor=actor, action="credential.issue_educators", obj=school,
                 summary={"npsn": school.npsn, "issued": len(new),
                          "principals": sum(s.position == Position.PRINCIPAL for s in services)})
    return new


@transaction.atomic
def credential_revoke(*, actor, credential: Credential) -> Credential:
    """The printed password stops working; the next card printed shows a new one."""
    _require_school(actor, credential.school, "scheduling.manage_credentials")
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    credential.version += 1
    credential.digest = password_digest(credential.username,
                                        derive_password(credential.username, credential.version))
    credential.revoked_at = timezone.now()
    credential.save(update_fields=["version", "digest", "revoked_at"])
    audit_record(actor=actor, action="credential.revoke", obj=credential,
                 summary={"username": credential.username, "version": credential.version})
    return credential
