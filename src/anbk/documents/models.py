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
    """A signed scan uploaded back after a session (J-5). The file lives under
    settings.PRIVATE_ROOT with a generated name (`stored_name`), never under the web root;
    the name it came with is kept for display only. A new upload of the same session and
    kind replaces the current one; the old row stays as history.

    `session_id` is the scheduling session's id (docs/decisions/0019-scan-uploads.md): kept
    as a plain number so uploads did not wait for that model; it becomes a foreign key when
    the sessions are wired in."""

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("sekolah"))
    session_id = models.PositiveBigIntegerField(_("sesi"))
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
        indexes = [models.Index(fields=["school", "session_id", "kind"],
                                name="scan_school_session_idx")]
        constraints = [
            models.UniqueConstraint(fields=["session_id", "kind"], condition=Q(is_current=True),
                                    name="scan_one_current_per_session_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · sesi {self.session_id}"
