"""Participants of the assessment: the sample of each school, from the sampling run (P-5) via
the provisional list (DNS) to the fixed list (DNT) with AN numbers (P-7), and reserve
activations (P-9). docs/sampling.md describes every model and field.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Assessment(models.Model):
    """One yearly Asesmen Nasional. `starts_at` is the start of session 1 of day 1, the
    reserve deadline's reference until the schedule (scheduling app) exists; see
    anbk.sampling.timing.reserve_deadline."""

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    name = models.CharField(_("nama"), max_length=120)
    starts_at = models.DateTimeField(_("mulai sesi 1 hari pertama"), null=True, blank=True)
    ends_on = models.DateField(_("hari terakhir"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name


class RunKind(models.TextChoices):
    REGION = "region", _("Sampling wilayah")
    RESAMPLE = "resample", _("Sampling ulang sekolah")


class SamplingRun(models.Model):
    """One execution of the sampling algorithm (docs/sampling.md) by a team over the schools
    under its authority that had no sample yet (REGION), or over one school again
    (RESAMPLE, with a written reason). Seed and parameters are kept so anyone can re-derive
    the sample."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="runs")
    kind = models.CharField(_("jenis"), max_length=10, choices=RunKind.choices,
                            default=RunKind.REGION)
    # The authority the run acted under: a district or province (region), or the centre
    # (region empty); with the agency (Dinas or Kemenag).
    region = models.ForeignKey("registry.Region", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("wilayah"))
    tier = models.CharField(_("kewenangan"), max_length=10)
    # Empty: every agency (a run by the system from the command line).
    agency = models.CharField(_("instansi"), max_length=10, blank=True)
    seed = models.BigIntegerField(_("seed"))
    # Quotas, grades and the algorithm version at the time of the run.
    params = models.JSONField(_("parameter"), default=dict)
    reason = models.TextField(_("alasan"), blank=True)
    # Empty for a run from the command line as the system (`anbk sample` without --user).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="sampling_runs",
                              verbose_name=_("dijalankan oleh"))
    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    schools = models.PositiveIntegerField(_("sekolah"), default=0)
    candidates = models.PositiveIntegerField(_("calon peserta"), default=0)
    main_count = models.PositiveIntegerField(_("peserta utama"), default=0)
    reserve_count = models.PositiveIntegerField(_("peserta cadangan"), default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["assessment", "region"], name="samplingrun_region_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Stage(models.TextChoices):
    DNS = "dns", _("DNS (sementara)")
    DNT = "dnt", _("DNT (tetap)")


class SchoolSample(models.Model):
    """The sample of one school in one assessment: its current run, how many candidates were
    eligible, and whether the list is still provisional (DNS) or fixed (DNT). A school with
    no eligible student has a SchoolSample with zero candidates and no participants."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT,
                                   related_name="school_samples")
    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="samples")
    run = models.ForeignKey(SamplingRun, on_delete=models.PROTECT, related_name="school_samples")
    stage = models.CharField(_("tahap"), max_length=3, choices=Stage.choices, default=Stage.DNS)
    regular_candidates = models.PositiveIntegerField(_("calon reguler"), default=0)
    oversample_candidates = models.PositiveIntegerField(_("calon tambahan"), default=0)
    finalised_at = models.DateTimeField(_("DNT ditetapkan"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["school__npsn"]
        constraints = [models.UniqueConstraint(fields=["assessment", "school"],
                                               name="schoolsample_one_per_school")]

    def __str__(self) -> str:
        return f"{self.school_id} {self.stage}"

    @property
    def has_candidates(self) -> bool:
        return bool(self.regular_candidates or self.oversample_candidates)


class SampleType(models.TextChoices):
    REGULAR = "regular", _("Reguler")
    OVERSAMPLE = "oversample", _("Tambahan")


class ParticipantType(models.TextChoices):
    MAIN = "main", _("Utama")
    RESERVE = "reserve", _("Cadangan")


class Verification(models.TextChoices):
    PENDING = "pending", _("Belum diverifikasi")
    CONFIRMED = "confirmed", _("Sesuai")
    FLAGGED = "flagged", _("Ditandai")


class FlagReason(models.TextChoices):
    MOVED = "moved", _("Pindah sekolah")
    INACTIVE = "inactive", _("Tidak aktif")
    WRONG_DATA = "wrong_data", _("Data salah")
    EXCLUDED = "excluded", _("Tidak memenuhi syarat P-4")


class Source(models.TextChoices):
    SAMPLED = "sampled", _("Hasil sampling")
    REPLACEMENT = "replacement", _("Pengganti")


class Participant(models.Model):
    """A sampled student at a school. The sample of a school and sample type is always the
    first quota.total current participants in the run's random order (`random_key`, then
    NISN): main first, then reserves. A nominee removed during DNS keeps its row
    (`removed_at` set) for the record."""

    # No foreign-key constraints in the database (decision 0020): a national run inserts
    # about nine million rows, and a row-level check per key and row would take minutes.
    # Every row is written from ids the same statement has just read; nothing in anbk
    # deletes the rows referred to (on_delete=PROTECT guards the ORM).
    # Without its own index: queries by assessment alone go through the school.
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT,
                                   related_name="participants", db_index=False,
                                   db_constraint=False)
    school_sample = models.ForeignKey(SchoolSample, on_delete=models.PROTECT,
                                      related_name="participants", db_constraint=False)
    # The school the student was sampled at; a later move shows as a mismatch with
    # student.school and goes through the DNS flag flow.
    # Indexed by participant_order_idx, which leads with it.
    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="participants", verbose_name=_("sekolah"),
                               db_index=False, db_constraint=False)
    # Indexed by participant_once_per_assessment, which leads with it.
    student = models.ForeignKey("registry.Student", on_delete=models.PROTECT,
                                related_name="participations", verbose_name=_("peserta didik"),
                                db_index=False, db_constraint=False)
    # Not indexed: a run's participants are found through its school samples.
    run = models.ForeignKey(SamplingRun, on_delete=models.PROTECT, related_name="participants",
                            db_index=False, db_constraint=False)
    sample_type = models.CharField(_("sampel"), max_length=10, choices=SampleType.choices)
    participant_type = models.CharField(_("status"), max_length=7,
                                        choices=ParticipantType.choices)
    # First 16 hex digits of SHA-256("<seed>:<NISN>"): the position in the random order.
    random_key = models.CharField(_("kunci acak"), max_length=16)
    source = models.CharField(_("asal"), max_length=11, choices=Source.choices,
                              default=Source.SAMPLED)
    verification = models.CharField(_("verifikasi"), max_length=9,
                                    choices=Verification.choices, default=Verification.PENDING)
    flag_reason = models.CharField(_("alasan tanda"), max_length=10, choices=FlagReason.choices,
                                   blank=True)
    flag_note = models.TextField(_("catatan sekolah"), blank=True)
    resolution_note = models.TextField(_("catatan penyelesaian"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(_("dihapus"), null=True, blank=True)
    removal_reason = models.TextField(_("alasan penghapusan"), blank=True)
    # P-7: given at DNT; format in anbk.sampling.numbering.
    an_number = models.CharField(_("nomor peserta"), max_length=24, blank=True)
    # Set by the delivery app at the participant's first login: from then on nobody may take
    # their place (P-9).
    logged_in_at = models.DateTimeField(_("pertama login"), null=True, blank=True)

    class Meta:
        ordering = ["school_id", "sample_type", "random_key", "student__nisn"]
        constraints = [
            models.UniqueConstraint(fields=["student", "assessment"],
                                    condition=Q(removed_at__isnull=True),
                                    name="participant_once_per_assessment"),
            models.UniqueConstraint(fields=["an_number"], condition=~Q(an_number=""),
                                    name="participant_an_number_unique"),
        ]
        indexes = [
            models.Index(fields=["school", "sample_type", "random_key"],
                         name="participant_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} ({self.participant_type})"

    @property
    def is_current(self) -> bool:
        return self.removed_at is None


class ReserveActivation(models.Model):
    """P-9: a reserve sits the test in place of an absent main participant, for both days."""

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="reserve_activations")
    absent = models.OneToOneField(Participant, on_delete=models.PROTECT,
                                  related_name="replaced_by", verbose_name=_("peserta utama"))
    reserve = models.OneToOneField(Participant, on_delete=models.PROTECT,
                                   related_name="replaces", verbose_name=_("peserta cadangan"))
    reason = models.TextField(_("alasan"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.reserve_id} for {self.absent_id}"
