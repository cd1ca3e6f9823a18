import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anbk.core.schedule import CalendarKind, calendar_days
from anbk.registry.models import LEVEL_CHOICES

CALENDAR_KIND_CHOICES = [
    (CalendarKind.SYNC_SIMULATION.value, _("Sinkronisasi simulasi")),
    (CalendarKind.SIMULATION.value, _("Simulasi")),
    (CalendarKind.SYNC_REHEARSAL.value, _("Sinkronisasi gladi bersih")),
    (CalendarKind.REHEARSAL.value, _("Gladi bersih")),
    (CalendarKind.SYNC_ASSESSMENT.value, _("Sinkronisasi pelaksanaan")),
    (CalendarKind.ASSESSMENT.value, _("Pelaksanaan AN")),
]


class CalendarEntry(models.Model):
    """A window of the national calendar (J-1) for one level and wave (0: the whole level).

    Seeded from core.schedule.DEFAULT_CALENDAR_2021; the centre edits the dates."""

    level = models.CharField(_("jenjang"), max_length=3, choices=LEVEL_CHOICES)
    wave = models.PositiveSmallIntegerField(_("gelombang"), default=0)
    kind = models.CharField(_("kegiatan"), max_length=16, choices=CALENDAR_KIND_CHOICES)
    title = models.CharField(_("judul"), max_length=120)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    # Dates inside the window without activity (a public holiday), as ISO strings.
    excluded = models.JSONField(_("tanggal dikecualikan"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "level", "wave", "kind"]
        indexes = [models.Index(fields=["level", "wave", "kind"], name="calendar_lookup_idx")]
        constraints = [
            models.CheckConstraint(name="calendar_end_after_start",
                                   condition=Q(end__gte=models.F("start"))),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.level} ({self.start}–{self.end})"

    @property
    def excluded_dates(self) -> tuple[datetime.date, ...]:
        return tuple(datetime.date.fromisoformat(text) for text in self.excluded)

    @property
    def days(self) -> tuple[datetime.date, ...]:
        return calendar_days(self.start, self.end, self.excluded_dates)


class CredentialKind(models.TextChoices):
    PARTICIPANT = "participant", _("Peserta didik")
    EDUCATOR = "educator", _("Pendidik / kepala sekolah")


class Credential(models.Model):
    """A login for the exam client (J-7): a participant's, or a teacher's or principal's for
    the SLB at one school they serve (P-8).

    The password is never stored: it is derived from the server secret, the username and
    `version`, and `digest` is its keyed hash (scheduling.credentials). Revoking raises the
    version, so the printed card stops working and a new one can be printed."""

    username = models.CharField(_("nama pengguna"), max_length=20, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=CredentialKind.choices)
    school = models.ForeignKey("registry.School", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("sekolah"))
    student = models.OneToOneField("registry.Student", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="credential")
    service = models.OneToOneField("registry.Service", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="credential")
    version = models.PositiveIntegerField(_("versi"), default=1)
    digest = models.CharField(max_length=64)
    is_active = models.BooleanField(_("aktif"), default=True)
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("terakhir dicabut"), null=True, blank=True)

    class Meta:
        ordering = ["school_id", "username"]
        indexes = [models.Index(fields=["school", "kind"], name="credential_school_kind_idx")]
        constraints = [
            models.CheckConstraint(
                name="credential_one_holder",
                condition=Q(kind="participant", student__isnull=False, service__isnull=True)
                | Q(kind="educator", student__isnull=True, service__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.username


class Session(models.Model):
    """A session a host school holds for one level (J-4): session `number` on both days of
    day pair `pair` (decision 0016), in the level's wave where it has waves. Its participants
    are the host's own and its guests' of that level (S-2), in the host's rooms."""

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="test_sessions", verbose_name=_("sekolah"))
    level = models.CharField(_("jenjang"), max_length=3, choices=LEVEL_CHOICES)
    wave = models.PositiveSmallIntegerField(_("gelombang"), default=0)
    pair = models.PositiveSmallIntegerField(_("pasangan hari"))
    number = models.PositiveSmallIntegerField(_("sesi"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school_id", "level", "pair", "number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "level", "pair", "number"],
                                    name="session_once_per_slot"),
            models.CheckConstraint(name="session_slot_positive",
                                   condition=Q(pair__gte=1, number__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.level} P{self.pair} S{self.number}"


class Placement(models.Model):
    """Where a participant sits (J-4): a session (both its days), a room with its proctor
    server, and a seat. One row per participant: nobody sits twice at once; one participant
    per seat and session."""

    participant = models.OneToOneField("sampling.Participant", on_delete=models.CASCADE,
                                       related_name="placement")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="placements")
    # Deleting a room unplaces its participants; the checklist then shows them.
    room = models.ForeignKey("staffing.Room", on_delete=models.CASCADE,
                             related_name="placements", verbose_name=_("ruang"))
    seat = models.PositiveSmallIntegerField(_("nomor kursi"))
    # Moved by hand: an automatic re-run keeps it where it is.
    manual = models.BooleanField(_("dipindah manual"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session_id", "room_id", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["session", "room", "seat"],
                                    name="placement_one_per_seat"),
            models.CheckConstraint(name="placement_seat_positive", condition=Q(seat__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.session_id}/{self.room_id}/{self.seat}"
