from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anbk.core.rules import BENTUK, Agency, Level, Tier


class RegionKind(models.TextChoices):
    PROVINCE = "provinsi", _("Provinsi")
    REGENCY = "kabupaten", _("Kabupaten")
    CITY = "kota", _("Kota")


class Region(models.Model):
    """A province (code PP) or a district (kabupaten/kota, code PP.KK), Kemendagri codes."""

    code = models.CharField(_("kode"), max_length=5, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("provinsi"),
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="region_parent_matches_kind",
                condition=Q(kind="provinsi", parent__isnull=True)
                | Q(kind__in=["kabupaten", "kota"], parent__isnull=False),
            )
        ]

    def __str__(self) -> str:
        label = self.name if self.is_province else f"{self.get_kind_display()} {self.name}"
        return f"{self.code} {label}"

    @property
    def is_province(self) -> bool:
        return self.kind == RegionKind.PROVINCE


class SchoolStatus(models.TextChoices):
    PUBLIC = "negeri", _("Negeri")
    PRIVATE = "swasta", _("Swasta")


class DataSource(models.TextChoices):
    DAPODIK = "dapodik", "Dapodik"
    EMIS = "emis", "EMIS"


BENTUK_CHOICES = [(code, code) for code in BENTUK]
LEVEL_CHOICES = [(lv.value, f"{lv.value}-sederajat") for lv in Level]
AGENCY_CHOICES = [(Agency.KEMDIKBUD.value, "Kemendikbudristek"), (Agency.KEMENAG.value, "Kemenag")]
TIER_CHOICES = [(Tier.CENTRE.value, _("Pusat")), (Tier.PROVINCE.value, _("Provinsi")),
                (Tier.DISTRICT.value, _("Kabupaten/Kota"))]


class School(models.Model):
    """Satuan pendidikan. Authority (agency + tier) comes from core.rules.BENTUK."""

    npsn = models.CharField("NPSN", max_length=8, unique=True)
    name = models.CharField(_("nama sekolah"), max_length=200)
    bentuk = models.CharField(_("bentuk pendidikan"), max_length=10, choices=BENTUK_CHOICES)
    level = models.CharField(_("jenjang"), max_length=3, choices=LEVEL_CHOICES)
    status = models.CharField(_("status"), max_length=6, choices=SchoolStatus.choices)
    agency = models.CharField(_("instansi"), max_length=10, choices=AGENCY_CHOICES)
    tier = models.CharField(_("kewenangan"), max_length=10, choices=TIER_CHOICES)
    district = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="schools",
        verbose_name=_("kabupaten/kota"),
    )
    # Denormalised from district.parent: every scoped list filters on it.
    province = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("provinsi"),
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    country = models.CharField(_("negara"), max_length=60, default="Indonesia")
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True,
                                   blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True,
                                    blank=True)
    source = models.CharField(_("sumber data"), max_length=8, choices=DataSource.choices)
    is_penggerak = models.BooleanField(_("Sekolah Penggerak"), default=False)
    is_smk_pk = models.BooleanField(_("SMK Pusat Keunggulan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["npsn"]
        indexes = [
            models.Index(fields=["province", "agency", "tier"], name="school_scope_prov_idx"),
            models.Index(fields=["district", "agency", "tier"], name="school_scope_dist_idx"),
            models.Index(fields=["name"], name="school_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="school_region_unless_centre",
                condition=Q(tier="centre") | Q(district__isnull=False, province__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.npsn})"


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Disability(models.TextChoices):
    NONE = "none", _("Tidak ada")
    DEAF = "tunarungu", _("Tunarungu")
    PHYSICAL = "tunadaksa", _("Tunadaksa")
    BLIND = "tunanetra", _("Tunanetra")
    INTELLECTUAL = "tunagrahita", _("Tunagrahita")
    OTHER = "lainnya", _("Lainnya")


class Student(models.Model):
    nisn = models.CharField("NISN", max_length=10, unique=True)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students",
                               verbose_name=_("sekolah"))
    name = models.CharField(_("nama"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=80, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    grade = models.PositiveSmallIntegerField(_("tingkat"))
    is_active = models.BooleanField(_("aktif"), default=True)
    report_cards_complete = models.BooleanField(_("rapor lengkap"), default=True)
    disability = models.CharField(_("disabilitas"), max_length=12, choices=Disability.choices,
                                  default=Disability.NONE)
    reading_barrier = models.BooleanField(_("hambatan membaca/bahasa"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school_id", "name"]
        indexes = [
            models.Index(fields=["school", "grade"], name="student_school_grade_idx"),
            models.Index(fields=["name"], name="student_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="student_grade_range",
                                   condition=Q(grade__gte=1, grade__lte=13)),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nisn})"


class EmploymentStatus(models.TextChoices):
    PNS = "pns", "PNS"
    PPPK = "pppk", "PPPK"
    NON_ASN = "non_asn", "Non-ASN"


class Nationality(models.TextChoices):
    WNI = "wni", "WNI"
    WNA = "wna", "WNA"


class Person(models.Model):
    """A teacher or principal (pendidik / kepala satuan pendidikan), keyed by NIK."""

    nik = models.CharField("NIK", max_length=16, unique=True)
    nuptk = models.CharField("NUPTK", max_length=16, blank=True)
    name = models.CharField(_("nama"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    employment_status = models.CharField(_("status kepegawaian"), max_length=8,
                                         choices=EmploymentStatus.choices)
    nationality = models.CharField(_("kewarganegaraan"), max_length=3,
                                   choices=Nationality.choices, default=Nationality.WNI)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="person_name_idx")]

    def __str__(self) -> str:
        return self.name


class Position(models.TextChoices):
    TEACHER = "guru", _("Guru")
    PRINCIPAL = "kepala_sekolah", _("Kepala Sekolah")


class Service(models.Model):
    """A person serving at a school (P-8: one person may serve several schools)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="services")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="services")
    position = models.CharField(_("jabatan"), max_length=16, choices=Position.choices)
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "school"], name="service_person_school"),
            models.UniqueConstraint(
                fields=["school"], condition=Q(position="kepala_sekolah", is_active=True),
                name="service_one_principal_per_school",
            ),
        ]
        indexes = [models.Index(fields=["school", "position"], name="service_school_pos_idx")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.school_id} ({self.position})"


class ImportKind(models.TextChoices):
    REGIONS = "regions", _("Wilayah")
    SCHOOLS = "schools", _("Satuan pendidikan")
    STUDENTS = "students", _("Peserta didik")
    TEACHERS = "teachers", _("Pendidik & kepala sekolah")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    RUNNING = "running", _("Sedang berjalan")
    DONE = "done", _("Selesai")
    INVALID = "invalid", _("Ada kesalahan, tidak ada yang disimpan")
    FAILED = "failed", _("Gagal")
    # The worker stopped sending its heartbeat mid-run (killed, server restarted): its one
    # transaction never committed, so nothing was saved (registry.importing.jobs).
    STOPPED = "stopped", _("Terhenti")


class ImportJob(models.Model):
    """One upload of an import file, run in the background (registry.importing.jobs)."""

    kind = models.CharField(_("jenis data"), max_length=10, choices=ImportKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="import_jobs")
    file_name = models.CharField(_("nama berkas"), max_length=255)
    # Paths relative to settings.PRIVATE_ROOT: the upload (shared by a "valid rows only"
    # re-run) and this job's own folder for its progress and error list.
    upload_path = models.CharField(max_length=400)
    work_dir = models.CharField(max_length=400)
    size = models.PositiveBigIntegerField(_("ukuran"))
    # The uploader's address, for the audit entry the worker writes.
    client_ip = models.CharField(max_length=64, blank=True)
    valid_only = models.BooleanField(_("hanya baris yang valid"), default=False)
    retry_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="retries")
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED)
    # Raised by each re-run of a stopped job: a late worker of an earlier attempt finds its
    # number outdated and may not record its outcome.
    attempt = models.PositiveSmallIntegerField(_("percobaan"), default=1)
    rows = models.PositiveIntegerField(_("baris data"), default=0)
    valid_rows = models.PositiveIntegerField(_("baris valid"), default=0)
    counts = models.JSONField(default=dict)
    error_count = models.PositiveIntegerField(_("jumlah galat"), default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["actor", "-created_at"], name="importjob_actor_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.INVALID, ImportStatus.FAILED,
                               ImportStatus.STOPPED}
