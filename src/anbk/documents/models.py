"""What the documents app stores: who printed what (PrintLog) and the signed scans of a
session's attendance list and report (ScanUpload, J-5).

Interfaces other apps use (docs/documents.md): `PrintLog` and `PrintKind` — the checklist
("Cek Kelengkapan Data") reads "no printed cards" from it through
`anbk.documents.selectors.schools_without_printed_cards`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anbk.core.schedule import DAYS_PER_PARTICIPANT


class PrintKind(models.TextChoices):
    LOGIN_CARDS = "login_cards", _("Kartu login peserta")
    SURVEY_CARDS = "survey_cards", _("Kartu login SLB")
    ATTENDANCE = "attendance", _("Daftar hadir")
    SESSION_REPORT = "session_report", _("Berita acara")
    RECAP = "recap", _("Rekap")


class PrintLog(models.Model):
    """One download of a printable document for a school (J-6: cards and attendance are
    printed H-2…H-1). `items` counts what it held: cards, or participants on a list."""

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("sekolah"))
    kind = models.CharField(_("dokumen"), max_length=16, choices=PrintKind.choices)
    items = models.PositiveIntegerField(_("jumlah"), default=0)
    detail = models.CharField(_("keterangan"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("dicetak oleh"))
    printed_at = models.DateTimeField(_("dicetak"), auto_now_add=True)

    class Meta:
        ordering = ["-printed_at", "-id"]
        indexes = [models.Index(fields=["school", "kind"], name="printlog_school_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.school_id} · {self.printed_at:%Y-%m-%d}"


class ScanKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Daftar hadir")
    SESSION_REPORT = "session_report", _("Berita acara")


class ScanUpload(models.Model):
    """A signed scan uploaded back after a session (J-5): the attendance list or the
    session report of one room of a host's session on one of its two test days. The file
    lives under settings.PRIVATE_ROOT with a generated name (`stored_name`), never under the
    web root; the name it came with is kept for display only. A new upload of the same
    session, room, day and kind replaces the current one; the old row stays as history.
    Deleting the session or room (scheduling, staffing) deletes its rows."""

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("sekolah"))
    session = models.ForeignKey("scheduling.Session", on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("sesi"))
    room = models.ForeignKey("staffing.Room", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("ruang"))
    day = models.PositiveSmallIntegerField(_("hari ke"))
    kind = models.CharField(_("dokumen"), max_length=16, choices=ScanKind.choices)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    stored_name = models.CharField(max_length=100, unique=True)
    content_type = models.CharField(_("jenis berkas"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran"))
    sha256 = models.CharField(max_length=64)
    is_current = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("diunggah oleh"))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["school", "session"], name="scan_school_session_idx")]
        constraints = [
            models.UniqueConstraint(fields=["session", "room", "day", "kind"],
                                    condition=Q(is_current=True),
                                    name="scan_one_current_per_sheet"),
            models.CheckConstraint(name="scan_day_of_session",
                                   condition=Q(day__gte=1, day__lte=DAYS_PER_PARTICIPANT)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · sesi {self.session_id} ruang {self.room_id}"


class BatchKind(models.TextChoices):
    LOGIN_CARDS = "login_cards", _("Kartu login peserta")
    SURVEY_CARDS = "survey_cards", _("Kartu login SLB")
    ATTENDANCE = "attendance", _("Daftar hadir")
    SESSION_REPORT = "session_report", _("Berita acara")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class DocumentBatch(models.Model):
    """A district's (province's, centre's) documents of all its schools as one zip, built by
    a background job (documents.batches): one PDF per school. The schools are fixed when the
    batch is asked for, within the asker's scope."""

    kind = models.CharField(_("dokumen"), max_length=16, choices=BatchKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("diminta oleh"))
    school_ids = models.JSONField(default=list)
    schools = models.PositiveIntegerField(_("sekolah"), default=0)
    done = models.PositiveIntegerField(_("selesai"), default=0)
    files = models.PositiveIntegerField(_("berkas"), default=0)
    items = models.PositiveIntegerField(_("jumlah"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=BatchStatus.choices,
                              default=BatchStatus.QUEUED)
    # Relative to settings.PRIVATE_ROOT; set when the zip is complete.
    result_path = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    message = models.TextField(blank=True)
    client_ip = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["actor", "-created_at"], name="docbatch_actor_idx")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {BatchStatus.DONE, BatchStatus.FAILED}

    @property
    def percent(self) -> int:
        if self.status == BatchStatus.DONE:
            return 100
        return round(100 * self.done / self.schools) if self.schools else 0
