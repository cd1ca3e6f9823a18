"""Every write of the participant lists, audited: sampling runs (P-5, P-6), DNS verification
and resolution, re-sampling, DNT with AN numbers (P-7) and reserve activation (P-9)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.accounts.models import Role
from anbk.accounts.rules import in_good_standing
from anbk.core.audit import audit_record
from anbk.core.participation import QUOTAS, TARGET_GRADE
from anbk.core.rules import Level
from anbk.registry.models import School, Sex, Student
from anbk.sampling import engine
from anbk.sampling.authority import (
    Authority,
    authority_of,
    finalise_q,
    finalises_school,
    samples_school,
)
from anbk.sampling.eligibility import student_eligibility
from anbk.sampling.keys import ALGORITHM, SEED_MAX, new_seed, sample_key
from anbk.sampling.models import (
    Assessment,
    FlagReason,
    Participant,
    ParticipantType,
    ReserveActivation,
    RunKind,
    SampleType,
    SamplingRun,
    SchoolSample,
    Source,
    Stage,
    Verification,
)
from anbk.sampling.numbering import an_number
from anbk.sampling.selectors import current_assessment
from anbk.sampling.timing import reserve_deadline


class SamplingRefused(Exception):
    """A run that must not happen (nothing to sample, another run got there first); the
    message, in Indonesian, says why. Nothing was written."""


# ---------------------------------------------------------------------------------------------
# The assessment

@transaction.atomic
def assessment_ensure(*, actor=None, year: int | None = None) -> Assessment:
    """The current assessment, created for this year on first use."""
    assessment = current_assessment()
    if assessment is not None and (year is None or assessment.year == year):
        return assessment
    year = year or timezone.localdate().year
    assessment, created = Assessment.objects.get_or_create(
        year=year, defaults={"name": _("Asesmen Nasional %(year)d") % {"year": year}})
    if created:
        audit_record(actor=actor, action="assessment.create", obj=assessment,
                     summary={"year": year})
    return assessment


@transaction.atomic
def assessment_set_dates(*, actor, starts_at: datetime.datetime | None,
                         ends_on: datetime.date | None = None) -> Assessment:
    """The centre sets when session 1 of day 1 starts (the reserve deadline's reference until
    schedules exist) and the last day."""
    if not (in_good_standing(actor) and actor.role == Role.CENTRE_ADMIN):
        raise PermissionDenied(_("Hanya pusat yang menetapkan waktu asesmen."))
    if starts_at and ends_on and ends_on < timezone.localtime(starts_at).date():
        raise ValidationError({"ends_on": _("Hari terakhir tidak boleh sebelum hari pertama.")})
    assessment = assessment_ensure(actor=actor)
    assessment.starts_at, assessment.ends_on = starts_at, ends_on
    assessment.save(update_fields=["starts_at", "ends_on"])
    audit_record(actor=actor, action="assessment.set_dates", obj=assessment,
                 summary={"starts_at": starts_at, "ends_on": ends_on})
    return assessment


# ---------------------------------------------------------------------------------------------
# Sampling runs

def _params() -> dict:
    return {
        "algorithm": ALGORITHM,
        "quotas": {level.value: [q.main, q.reserve] for level, q in QUOTAS.items()},
        "target_grades": {level.value: grade for level, grade in TARGET_GRADE.items()},
    }


def _check_seed(seed: int | None) -> int:
    if seed is None:
        return new_seed()
    if not 0 <= seed < SEED_MAX:
        raise ValidationError({"seed": _("Seed harus bilangan bulat 0 sampai %(max)d.")
                               % {"max": SEED_MAX - 1}})
    return seed


def _finish(run: SamplingRun, written: int) -> SamplingRun:
    for field, value in engine.run_counts(run=run).items():
        setattr(run, field, value)
    if run.main_count + run.reserve_count != written:
        # Two formulations of the quota rule disagree: never keep such a sample.
        raise RuntimeError(f"sampling run {run.pk}: {written} participants written, "
                           f"{run.main_count} + {run.reserve_count} by the quotas")
    run.finished_at = timezone.now()
    run.save(update_fields=["schools", "candidates", "main_count", "reserve_count",
                            "finished_at"])
    return run


def run_sampling(*, actor, authority: Authority | None = None,
                 seed: int | None = None) -> SamplingRun:
    """Sample every school under the actor's authority (or the given one, for the system on
    the command line) that has no sample yet in the current assessment, in one transaction.
    Two runs started at once for the same schools: one commits, the other is refused."""
    authority = authority or authority_of(actor)
    if authority is None:
        raise PermissionDenied(_("Akun ini tidak berwenang melakukan sampling."))
    seed = _check_seed(seed)
    try:
        with transaction.atomic():
            return _run_region(actor=actor, authority=authority, seed=seed)
    except IntegrityError as clash:
        # Another run inserted the same SchoolSample rows first and committed.
        raise SamplingRefused(_("Sampling wilayah ini baru saja dijalankan oleh pengguna "
                                "lain; tidak ada yang disimpan. Muat ulang halaman untuk "
                                "melihat hasilnya.")) from clash


def _run_region(*, actor, authority: Authority, seed: int) -> SamplingRun:
    assessment = assessment_ensure(actor=actor)
    scope_sql, scope_params = authority.sql()
    run = SamplingRun.objects.create(
        assessment=assessment, kind=RunKind.REGION, region=authority.region,
        tier=authority.tier or "", agency=authority.agency or "", seed=seed, params=_params(),
        actor=actor)
    schools = engine.create_school_samples(run=run, scope_sql=scope_sql,
                                           scope_params=scope_params)
    if not schools:
        last = (SamplingRun.objects.filter(assessment=assessment, region=authority.region,
                                           tier=authority.tier or "").exclude(pk=run.pk)
                .select_related("actor").first())
        message = _("Tidak ada sekolah yang perlu disampling di %(where)s: semua sekolah "
                    "sudah punya sampel.") % {"where": authority.label}
        if last is not None:
            message += " " + _("Sampling terakhir: #%(n)d oleh %(who)s.") % {
                "n": last.pk, "who": last.actor or _("sistem")}
        raise SamplingRefused(message)
    _finish(run, engine.sample_run(run=run))
    audit_record(actor=actor, action="sampling.run", obj=run, summary={
        "authority": authority.label, "seed": seed, "schools": run.schools,
        "candidates": run.candidates, "main": run.main_count, "reserve": run.reserve_count,
        "params": run.params})
    return run


@transaction.atomic
def school_resample(*, actor, school: School, reason: str,
                    seed: int | None = None) -> SamplingRun:
    """Sample one school again during DNS, with a written reason: its nominees are removed
    (kept on record) and a new random order is drawn."""
    if not samples_school(actor, school):
        raise PermissionDenied(_("Anda tidak berwenang melakukan sampling ulang sekolah ini."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan sampling ulang.")})
    sample = _school_sample_locked(school)
    if sample.stage != Stage.DNS:
        raise ValidationError(_("DNT sekolah ini sudah ditetapkan; daftar hanya berubah "
                                "melalui aktivasi peserta cadangan."))
    seed = _check_seed(seed)
    authority = authority_of(actor)
    run = SamplingRun.objects.create(
        assessment=sample.assessment, kind=RunKind.RESAMPLE, region=authority.region,
        tier=authority.tier, agency=authority.agency or "", seed=seed, params=_params(),
        reason=reason, actor=actor)
    previous = list(sample.participants.filter(removed_at__isnull=True)
                    .values_list("student__nisn", flat=True))
    sample.participants.filter(removed_at__isnull=True).update(
        removed_at=timezone.now(), removal_reason=_("Sampling ulang: %(r)s") % {"r": reason})
    sample.run = run
    sample.save(update_fields=["run"])
    _finish(run, engine.sample_run(run=run))
    audit_record(actor=actor, action="sampling.resample", obj=run, summary={
        "npsn": school.npsn, "reason": reason, "seed": seed, "previous": previous,
        "main": run.main_count, "reserve": run.reserve_count})
    return run


def _school_sample_locked(school: School) -> SchoolSample:
    assessment = current_assessment()
    sample = (SchoolSample.objects.select_for_update().select_related("run", "assessment")
              .filter(assessment=assessment, school=school).first())
    if sample is None:
        raise ValidationError(_("Sekolah ini belum disampling."))
    return sample


# ---------------------------------------------------------------------------------------------
# DNS: verification by the school, resolution by the district (P-7)

def _school_operator_of(actor, school: School) -> bool:
    return (in_good_standing(actor) and actor.role == Role.SCHOOL_OPERATOR
            and actor.school_id == school.pk)


def _dns_participant(participant: Participant) -> SchoolSample:
    sample = _school_sample_locked(participant.school)
    participant.refresh_from_db()
    if participant.removed_at is not None:
        raise ValidationError(_("Peserta ini sudah dihapus dari daftar."))
    if sample.stage != Stage.DNS:
        raise ValidationError(_("DNT sudah ditetapkan; verifikasi DNS sudah ditutup."))
    return sample


@transaction.atomic
def participant_confirm(*, actor, participant: Participant) -> Participant:
    """The school confirms a nominee's data and eligibility."""
    if not _school_operator_of(actor, participant.school):
        raise PermissionDenied(_("Hanya operator sekolah ini yang memverifikasi DNS."))
    _dns_participant(participant)
    participant.verification = Verification.CONFIRMED
    participant.flag_reason, participant.flag_note = "", ""
    participant.verified_at = timezone.now()
    participant.save(update_fields=["verification", "flag_reason", "flag_note", "verified_at"])
    audit_record(actor=actor, action="dns.confirm", obj=participant,
                 summary={"nisn": participant.student.nisn})
    return participant


@transaction.atomic
def dns_confirm_all(*, actor, school: School) -> int:
    """Confirm every nominee not yet verified (flagged ones stay flagged)."""
    if not _school_operator_of(actor, school):
        raise PermissionDenied(_("Hanya operator sekolah ini yang memverifikasi DNS."))
    sample = _school_sample_locked(school)
    if sample.stage != Stage.DNS:
        raise ValidationError(_("DNT sudah ditetapkan; verifikasi DNS sudah ditutup."))
    count = sample.participants.filter(removed_at__isnull=True,
                                       verification=Verification.PENDING).update(
        verification=Verification.CONFIRMED, verified_at=timezone.now())
    audit_record(actor=actor, action="dns.confirm_all", obj=sample,
                 summary={"npsn": school.npsn, "confirmed": count})
    return count


@transaction.atomic
def participant_flag(*, actor, participant: Participant, reason: str,
                     note: str) -> Participant:
    """The school flags a nominee (moved, not active, wrong data, P-4 exclusion) with a note
    for the district."""
    if not _school_operator_of(actor, participant.school):
        raise PermissionDenied(_("Hanya operator sekolah ini yang memverifikasi DNS."))
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Pilih alasan yang tersedia.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan untuk tim kabupaten/kota.")})
    _dns_participant(participant)
    participant.verification = Verification.FLAGGED
    participant.flag_reason, participant.flag_note = reason, note
    participant.verified_at = timezone.now()
    participant.save(update_fields=["verification", "flag_reason", "flag_note", "verified_at"])
    audit_record(actor=actor, action="dns.flag", obj=participant,
                 summary={"nisn": participant.student.nisn, "reason": reason, "note": note})
    return participant


CORRECTABLE = ("name", "sex", "birth_place", "birth_date")


@transaction.atomic
def flag_resolve_keep(*, actor, participant: Participant, note: str,
                      corrections: dict | None = None) -> Participant:
    """The district keeps a flagged nominee, fixing the student's data where the school
    reported it wrong; the nominee counts as verified."""
    _check_resolver(actor, participant)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan penyelesaian.")})
    _dns_participant(participant)
    _require_flagged(participant)
    changed = _correct_student(participant.student, corrections or {})
    participant.verification = Verification.CONFIRMED
    participant.resolution_note = note
    participant.save(update_fields=["verification", "resolution_note"])
    audit_record(actor=actor, action="dns.resolve_keep", obj=participant, summary={
        "nisn": participant.student.nisn, "note": note, "corrected": changed})
    return participant


def _correct_student(student: Student, corrections: dict) -> dict:
    unknown = set(corrections) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(_("Data yang dapat diperbaiki: nama, jenis kelamin, tempat dan "
                                "tanggal lahir."))
    changed = {}
    for field, value in corrections.items():
        if value in (None, "") or getattr(student, field) == value:
            continue
        if field == "sex" and value not in Sex.values:
            raise ValidationError({"sex": _("Jenis kelamin L atau P.")})
        changed[field] = {"from": getattr(student, field), "to": value}
        setattr(student, field, value)
    if changed:
        student.full_clean(exclude=["school"], validate_unique=False)
        student.save(update_fields=[*changed, "updated_at"])
    return changed


@transaction.atomic
def flag_resolve_remove(*, actor, participant: Participant, note: str) -> Participant | None:
    """The district removes a flagged, ineligible nominee; the next candidate in the run's
    random order takes the place (docs/sampling.md, "Replacement"). Returns the candidate
    who joined, or None when the school has no further candidate."""
    _check_resolver(actor, participant)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan alasan penghapusan.")})
    sample = _dns_participant(participant)
    _require_flagged(participant)
    participant.removed_at = timezone.now()
    participant.removal_reason = note
    participant.save(update_fields=["removed_at", "removal_reason"])
    joined = refill(sample=sample, sample_type=participant.sample_type)
    audit_record(actor=actor, action="dns.resolve_remove", obj=participant, summary={
        "nisn": participant.student.nisn, "note": note,
        "replacement": joined.student.nisn if joined else None})
    return joined


def _check_resolver(actor, participant: Participant) -> None:
    if not samples_school(actor, participant.school):
        raise PermissionDenied(_("Anda tidak berwenang menyelesaikan DNS sekolah ini."))


def _require_flagged(participant: Participant) -> None:
    if participant.verification != Verification.FLAGGED:
        raise ValidationError(_("Hanya peserta yang ditandai sekolah yang diselesaikan."))


def next_candidate(*, sample: SchoolSample, sample_type: str) -> Student | None:
    """The eligible student of the school, in this sample type, with the smallest random key
    under the run's seed among those who are neither current participants of the assessment
    nor were ever nominated in this school's sample."""
    school = sample.school
    # Only this school's students can be candidates: probing their participations by student
    # stays small where the whole assessment has millions of participants.
    taken = Participant.objects.filter(student__school=school).filter(
        Q(school_sample=sample) | Q(assessment=sample.assessment, removed_at__isnull=True))
    pool = []
    for student in (Student.objects.filter(school=school)
                    .exclude(pk__in=taken.values("student_id"))):
        verdict = student_eligibility(student, school)
        if verdict.eligible and verdict.sample_type == sample_type:
            pool.append((sample_key(sample.run.seed, student.nisn), student.nisn, student))
    return min(pool, key=lambda item: item[:2])[2] if pool else None


def refill(*, sample: SchoolSample, sample_type: str) -> Participant | None:
    """Restore the quota after a removal: add the next candidate if the list is short, then
    make the first `main` (in random order) main participants and the rest reserves."""
    quota = QUOTAS[Level(sample.school.level)]
    current = sample.participants.filter(removed_at__isnull=True, sample_type=sample_type)
    joined = None
    if current.count() < quota.total:
        student = next_candidate(sample=sample, sample_type=sample_type)
        if student is not None:
            joined = Participant.objects.create(
                assessment=sample.assessment, school_sample=sample, school=sample.school,
                student=student, run=sample.run, sample_type=sample_type,
                participant_type=ParticipantType.RESERVE,
                random_key=sample_key(sample.run.seed, student.nisn),
                source=Source.REPLACEMENT)
    ordered = list(current.order_by("random_key", "student__nisn"))
    for position, participant in enumerate(ordered):
        wanted = ParticipantType.MAIN if position < quota.main else ParticipantType.RESERVE
        if participant.participant_type != wanted:
            participant.participant_type = wanted
            participant.save(update_fields=["participant_type"])
            if participant == joined:
                joined.participant_type = wanted
    return joined


# ---------------------------------------------------------------------------------------------
# DNT (P-7)

def dnt_blockers(sample: SchoolSample) -> dict:
    """What keeps a school's DNT from being finalised: unverified or flagged nominees."""
    current = sample.participants.filter(removed_at__isnull=True)
    return {"pending": current.filter(verification=Verification.PENDING).count(),
            "flagged": current.filter(verification=Verification.FLAGGED).count()}


@transaction.atomic
def dnt_finalise(*, actor, school: School) -> SchoolSample:
    """The province (the centre for SILN and SPK) fixes a verified DNS as the DNT and gives
    every participant an AN number."""
    if not finalises_school(actor, school):
        raise PermissionDenied(_("Anda tidak berwenang menetapkan DNT sekolah ini."))
    sample = _school_sample_locked(school)
    if sample.stage != Stage.DNS:
        raise ValidationError(_("DNT sekolah ini sudah ditetapkan."))
    blockers = dnt_blockers(sample)
    if blockers["pending"] or blockers["flagged"]:
        raise ValidationError(_("DNS %(npsn)s belum selesai diverifikasi: %(pending)d belum "
                                "diverifikasi, %(flagged)d ditandai.")
                              % {"npsn": school.npsn, **blockers})
    ordered = sample.participants.filter(removed_at__isnull=True).order_by(
        "-sample_type", "participant_type", "random_key", "student__nisn")
    # "regular" > "oversample" and "main" < "reserve": regular first, main before reserves.
    for sequence, participant in enumerate(ordered, start=1):
        participant.an_number = an_number(year=sample.assessment.year, level=school.level,
                                          npsn=school.npsn, sequence=sequence)
        participant.save(update_fields=["an_number"])
    sample.stage = Stage.DNT
    sample.finalised_at, sample.finalised_by = timezone.now(), actor
    sample.save(update_fields=["stage", "finalised_at", "finalised_by"])
    audit_record(actor=actor, action="dnt.finalise", obj=sample,
                 summary={"npsn": school.npsn, "participants": ordered.count()})
    return sample


def dnt_finalise_ready(*, actor) -> tuple[int, int]:
    """Finalise every school in the actor's scope whose DNS is fully verified; returns
    (finalised, still blocked)."""
    samples = (SchoolSample.objects
               .filter(school__in=School.objects.filter(finalise_q(actor)), stage=Stage.DNS,
                       assessment=current_assessment())
               .select_related("school"))
    done = blocked = 0
    for sample in samples:
        if any(dnt_blockers(sample).values()):
            blocked += 1
            continue
        dnt_finalise(actor=actor, school=sample.school)
        done += 1
    return done, blocked


# ---------------------------------------------------------------------------------------------
# Reserves (P-9)

@transaction.atomic
def reserve_activate(*, actor, absent: Participant, reason: str,
                     now: datetime.datetime | None = None) -> ReserveActivation:
    """The school puts the next reserve (in random order, same sample type) in place of an
    absent main participant, for both days, until 15 minutes before session 1 of day 1."""
    school = absent.school
    if not _school_operator_of(actor, school):
        raise PermissionDenied(_("Hanya operator sekolah ini yang mengaktifkan peserta "
                                 "cadangan."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan peserta utama berhalangan.")})
    sample = _school_sample_locked(school)
    absent.refresh_from_db()
    if sample.stage != Stage.DNT:
        raise ValidationError(_("Peserta cadangan diaktifkan setelah DNT ditetapkan."))
    if absent.removed_at is not None or absent.participant_type != ParticipantType.MAIN:
        raise ValidationError(_("Hanya peserta utama yang dapat digantikan."))
    if absent.logged_in_at is not None:
        raise ValidationError(_("Peserta ini sudah login; tidak ada yang boleh "
                                "menggantikannya."))
    if ReserveActivation.objects.filter(absent=absent).exists():
        raise ValidationError(_("Peserta ini sudah digantikan peserta cadangan."))
    deadline = reserve_deadline(school)
    if deadline is None:
        raise ValidationError(_("Waktu mulai asesmen belum ditetapkan; aktivasi cadangan "
                                "belum dapat dilakukan."))
    now = now or timezone.now()
    if now > deadline:
        raise ValidationError(_("Batas aktivasi cadangan (15 menit sebelum sesi 1 hari "
                                "pertama, %(deadline)s) sudah lewat.")
                              % {"deadline": timezone.localtime(deadline)
                                 .strftime("%d-%m-%Y %H:%M")})
    reserves = sample.participants.filter(removed_at__isnull=True,
                                          participant_type=ParticipantType.RESERVE)
    if ReserveActivation.objects.filter(school=school).count() >= reserves.count():
        raise ValidationError(_("Semua peserta cadangan sekolah ini sudah diaktifkan."))
    reserve = (reserves.filter(sample_type=absent.sample_type, replaces__isnull=True)
               .order_by("random_key", "student__nisn").first())
    if reserve is None:
        raise ValidationError(_("Tidak ada lagi peserta cadangan %(type)s.")
                              % {"type": SampleType(absent.sample_type).label})
    activation = ReserveActivation.objects.create(school=school, absent=absent,
                                                  reserve=reserve, reason=reason, actor=actor)
    audit_record(actor=actor, action="reserve.activate", obj=activation, summary={
        "npsn": school.npsn, "absent": absent.student.nisn, "reserve": reserve.student.nisn,
        "reason": reason})
    return activation
