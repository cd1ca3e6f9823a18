"""ICT readiness (S-1), moda/status decisions (S-1, S-2) and the tech-team directory (S-8, S-9).

Rules live in services and core tables; the models hold facts and constraints only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anbk.core.resources import Moda
from anbk.registry.models import AGENCY_CHOICES


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class Electricity(models.TextChoices):
    STABLE = "stable", _("PLN, stabil")
    UNSTABLE = "unstable", _("PLN, sering padam")
    NONE = "none", _("Tidak ada listrik PLN")


class ReadinessReport(models.Model):
    """A school's own account of its ICT readiness (verval kesiapan TIK, S-1): the current
    state. Every submission and verdict is kept in ReadinessEvent with a snapshot."""

    school = models.OneToOneField("registry.School", on_delete=models.PROTECT,
                                  related_name="readiness", verbose_name=_("sekolah"))
    client_computers = models.PositiveIntegerField(
        _("komputer klien memenuhi spesifikasi"), default=0,
        help_text=_("Hanya komputer yang memenuhi spesifikasi minimum (S-6)."))
    client_computers_total = models.PositiveIntegerField(_("komputer klien seluruhnya"),
                                                         default=0)
    proctor_server_candidates = models.PositiveIntegerField(_("calon server proktor"),
                                                            default=0)
    proctor_server_spec = models.CharField(
        _("spesifikasi server proktor"), max_length=300, blank=True,
        help_text=_("Contoh: Core i5 4 inti 2,4 GHz 64-bit, RAM 8 GB, 2 LAN, disk kosong 500 GB"))
    proctor_server_spec_ok = models.BooleanField(
        _("server proktor memenuhi spesifikasi semi-daring"), default=False)
    rooms = models.PositiveIntegerField(_("ruang yang dapat dipakai"), default=0)
    electricity = models.CharField(_("listrik"), max_length=10, choices=Electricity.choices,
                                   default=Electricity.STABLE)
    generator = models.BooleanField(_("genset tersedia"), default=False)
    internet_provider = models.CharField(_("penyedia internet"), max_length=100, blank=True)
    bandwidth_text = models.CharField(_("bandwidth terukur"), max_length=30, blank=True)
    # Parsed from bandwidth_text by services.parse_bandwidth; null: not measured.
    bandwidth_mbps = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    proctor_candidates = models.PositiveIntegerField(_("calon proktor"), default=0)
    technician_candidates = models.PositiveIntegerField(_("calon teknisi"), default=0)
    candidate_names = models.TextField(
        _("nama calon proktor dan teknisi"), blank=True,
        help_text=_("Satu nama per baris. Data petugas resmi dikelola di menu Petugas."))
    notes = models.TextField(_("catatan sekolah"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    verifier_notes = models.TextField(_("catatan verifikator"), blank=True)
    # Raised by every change, so a verdict given on a page loaded before a change is refused.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        indexes = [models.Index(fields=["status"], name="readiness_status_idx")]
        constraints = [
            models.CheckConstraint(
                name="readiness_fit_within_total",
                condition=Q(client_computers__lte=models.F("client_computers_total")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} ({self.status})"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Dikirim")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class ReadinessEvent(models.Model):
    """One submission or verdict, with the report as it stood (history of S-1)."""

    report = models.ForeignKey(ReadinessReport, on_delete=models.CASCADE,
                               related_name="events")
    kind = models.CharField(_("kejadian"), max_length=10, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    notes = models.TextField(_("catatan"), blank=True)
    version = models.PositiveIntegerField()
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} v{self.version}"


class HostingStatus(models.TextChoices):
    SELF_HOSTED = "self_hosted", _("Mandiri")
    GUEST = "guest", _("Menumpang")


MODA_CHOICES = [(Moda.ONLINE.value, _("Daring")), (Moda.SEMI_ONLINE.value, _("Semi-daring"))]


class ModaDecision(models.Model):
    """The authority's decision on how a school takes AN (S-1): moda and status, a guest's
    host school (S-2), and why."""

    school = models.OneToOneField("registry.School", on_delete=models.PROTECT,
                                  related_name="moda_decision", verbose_name=_("sekolah"))
    moda = models.CharField(_("moda"), max_length=12, choices=MODA_CHOICES)
    status = models.CharField(_("status"), max_length=12, choices=HostingStatus.choices)
    host = models.ForeignKey("registry.School", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="guest_decisions", verbose_name=_("sekolah induk"))
    reason = models.TextField(_("alasan"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("ditetapkan"), auto_now=True)

    class Meta:
        ordering = ["school__npsn"]
        constraints = [
            models.CheckConstraint(
                name="moda_guest_has_other_host",
                condition=(Q(status="self_hosted", host__isnull=True)
                           | (Q(status="guest", host__isnull=False)
                              & ~Q(host=models.F("school")))),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.moda}/{self.status}"


class TeamLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    DISTRICT = "district", _("Kabupaten/Kota")


class TechTeamMember(models.Model):
    """A member of a province or district technical team (S-8, S-9) and how to reach them."""

    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT,
                               related_name="tech_team", verbose_name=_("wilayah"))
    agency = models.CharField(_("instansi"), max_length=10, choices=AGENCY_CHOICES)
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("tugas"), max_length=100, blank=True,
                                help_text=_("Contoh: Koordinator, Anggota, Teknisi jaringan"))
    phone = models.CharField(_("telepon/WhatsApp"), max_length=30)
    email = models.EmailField(_("surel"), blank=True)
    office = models.CharField(_("kantor"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region__code", "name"]
        indexes = [models.Index(fields=["region", "agency"], name="techteam_region_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.region_id})"
