"""The item bank: stimuli, items and their versions, forms and multistage panels.

An item is an identity (its code); what a participant sees is an ItemVersion. A version that
is approved or locked is never edited: an edit makes the next version (docs/items.md). A
form or panel (TestForm with its Modules) names item versions, so locking it for delivery
freezes exactly what was reviewed. Content is a JSON document per type (items/content.py)
that maps onto QTI 3.0 (core/instruments.py ITEM_TYPES).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anbk.core.instruments import (
    CHARACTER_ASPECTS,
    COGNITIVE_LEVELS,
    CONTENT,
    CONTEXTS,
    DIFFICULTY_LABELS,
    ENVIRONMENT_INDICES,
    INSTRUMENT_LEVELS,
    RESPONDENT_LABELS,
    Bank,
    Domain,
    ItemType,
    Stage,
)

BANK_CHOICES = [(Bank.AKM.value, _("AKM")), (Bank.PRACTICE.value, _("Latihan")),
                (Bank.CHARACTER_SURVEY.value, _("Survei Karakter")),
                (Bank.ENVIRONMENT_SURVEY.value, _("Survei Lingkungan Belajar"))]
ITEM_TYPE_CHOICES = [(ItemType.MULTIPLE_CHOICE.value, _("Pilihan ganda")),
                     (ItemType.COMPLEX_MULTIPLE_CHOICE.value, _("Pilihan ganda kompleks")),
                     (ItemType.MATCHING.value, _("Menjodohkan")),
                     (ItemType.SHORT_ANSWER.value, _("Isian singkat")),
                     (ItemType.ESSAY.value, _("Uraian")),
                     (ItemType.SCALE.value, _("Skala sikap (4 pilihan)"))]
DOMAIN_CHOICES = [(Domain.LITERASI.value, _("Literasi Membaca")),
                  (Domain.NUMERASI.value, _("Numerasi"))]
LEVEL_CHOICES = [(lv.value, f"{lv.value}-sederajat") for lv in INSTRUMENT_LEVELS]
CONTEXT_CHOICES = list(CONTEXTS.items())
ASPECT_CHOICES = list(CHARACTER_ASPECTS.items())
INDEX_CHOICES = list(ENVIRONMENT_INDICES.items())
RESPONDENT_CHOICES = [(r.value, label) for r, label in RESPONDENT_LABELS.items()]
DIFFICULTY_CHOICES = [(d.value, label) for d, label in DIFFICULTY_LABELS.items()]


class Asset(models.Model):
    """An image a stimulus shows. Kept in the database, not in media: test content is secret
    (D-7) and travels inside the encrypted package."""

    name = models.CharField(_("nama berkas"), max_length=120)
    media_type = models.CharField(_("jenis"), max_length=40)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class StimulusKind(models.TextChoices):
    TEXT = "text", _("Teks")
    TABLE = "table", _("Tabel")
    IMAGE = "image", _("Gambar")


class Stimulus(models.Model):
    """A text, table or image several items share. Versioned like items: the version an
    approved or locked item shows never changes."""

    code = models.CharField(_("kode"), max_length=40)
    version = models.PositiveIntegerField(_("versi"), default=1)
    kind = models.CharField(_("jenis"), max_length=10, choices=StimulusKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    # text: paragraphs separated by a blank line; table and image: the lead or caption.
    body = models.TextField(_("teks"), blank=True)
    table = models.JSONField(_("tabel"), default=list, blank=True)  # rows; the first is a header
    image = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="stimuli", verbose_name=_("gambar"))
    image_alt = models.CharField(_("teks alternatif gambar"), max_length=300, blank=True)
    domain = models.CharField(_("domain"), max_length=10, choices=DOMAIN_CHOICES)
    level = models.CharField(_("jenjang"), max_length=3, choices=LEVEL_CHOICES)
    content_area = models.CharField(_("konten"), max_length=20, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="stimulus_code_version"),
            models.CheckConstraint(
                name="stimulus_kind_has_content",
                condition=Q(kind="text") & ~Q(body="") | Q(kind="table")
                | Q(kind="image", image__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} · {self.title}"


class Item(models.Model):
    """An item's identity: its code stays, its versions follow one another."""

    code = models.CharField(_("kode soal"), max_length=40, unique=True)
    bank = models.CharField(_("bank"), max_length=20, choices=BANK_CHOICES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


OPEN_STATUSES = (VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.RETURNED)


class ItemVersion(models.Model):
    """What a participant sees and how it is scored. Edited in place only while draft or
    returned; approved or locked versions are frozen (services.item_edit)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    item_type = models.CharField(_("bentuk soal"), max_length=30, choices=ITEM_TYPE_CHOICES)
    stimulus = models.ForeignKey(Stimulus, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="item_versions", verbose_name=_("stimulus"))
    prompt = models.TextField(_("pertanyaan"))
    content = models.JSONField(_("isi"), default=dict)
    # R-1 (AKM and practice): blank for survey items.
    domain = models.CharField(_("domain"), max_length=10, choices=DOMAIN_CHOICES, blank=True)
    content_area = models.CharField(_("konten"), max_length=20, blank=True)
    cognitive_level = models.CharField(_("level kognitif"), max_length=20, blank=True)
    context = models.CharField(_("konteks"), max_length=20, choices=CONTEXT_CHOICES,
                               blank=True)
    # Blank for the teachers' and principals' SLB items, which no school level owns.
    level = models.CharField(_("jenjang"), max_length=3, choices=LEVEL_CHOICES, blank=True)
    # survey tags.
    aspect = models.CharField(_("aspek karakter"), max_length=20, choices=ASPECT_CHOICES,
                              blank=True)
    index = models.CharField(_("indeks"), max_length=20, choices=INDEX_CHOICES, blank=True)
    respondent = models.CharField(_("responden"), max_length=10, choices=RESPONDENT_CHOICES,
                                  blank=True)
    reverse_keyed = models.BooleanField(_("pernyataan terbalik"), default=False)
    # IRT parameters once calibrated (scoring/ writes them): discrimination, difficulty,
    # guessing; and for polytomous items the step difficulties.
    irt_a = models.FloatField(_("daya beda (a)"), null=True, blank=True)
    irt_b = models.FloatField(_("tingkat kesukaran (b)"), null=True, blank=True)
    irt_c = models.FloatField(_("tebakan semu (c)"), null=True, blank=True)
    irt_steps = models.JSONField(_("parameter langkah"), default=list, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = models.TextField(_("catatan penelaah"), blank=True)
    # Set when a form or panel naming this version is locked for delivery (D-7).
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_version_number"),
            # One version in work at a time: an edit goes to it, not to a second draft.
            models.UniqueConstraint(fields=["item"], condition=Q(status__in=[
                s.value for s in OPEN_STATUSES]), name="item_one_open_version"),
            models.CheckConstraint(name="item_version_locked_is_approved",
                                   condition=Q(locked_at__isnull=True) | Q(status="approved")),
        ]
        indexes = [models.Index(fields=["status", "domain", "level"],
                                name="item_version_bank_filter")]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def content_area_label(self) -> str:
        return str(CONTENT.get(self.domain, {}).get(self.content_area, ""))

    @property
    def cognitive_level_label(self) -> str:
        return str(COGNITIVE_LEVELS.get(self.domain, {}).get(self.cognitive_level, ""))

    @property
    def frozen(self) -> bool:
        return self.status == VersionStatus.APPROVED or self.locked_at is not None


class Design(models.TextChoices):
    FIXED = "fixed", _("Paket tetap")
    MULTISTAGE = "multistage", _("Adaptif bertahap (MST)")


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    READY = "ready", _("Siap")
    LOCKED = "locked", _("Terkunci")


class TestForm(models.Model):
    """A fixed form (one module) or a multistage panel (a routing module at stage 1 and
    stage-2 modules of different difficulty), for one bank, domain and level."""

    __test__ = False  # not a pytest class, despite the name

    code = models.CharField(_("kode"), max_length=40, unique=True)
    title = models.CharField(_("nama"), max_length=200)
    bank = models.CharField(_("bank"), max_length=20, choices=BANK_CHOICES)
    design = models.CharField(_("desain"), max_length=10, choices=Design.choices,
                              default=Design.FIXED)
    domain = models.CharField(_("domain"), max_length=10, choices=DOMAIN_CHOICES, blank=True)
    level = models.CharField(_("jenjang"), max_length=3, choices=LEVEL_CHOICES, blank=True)
    respondent = models.CharField(_("responden"), max_length=10, choices=RESPONDENT_CHOICES,
                                  blank=True)
    # A demonstration form or panel is exempt from the AKM sizes (AKM_FORM_ITEMS) and may
    # never be scheduled for a real assessment (docs/items.md).
    demo_size = models.BooleanField(_("ukuran demo"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=FormStatus.choices,
                              default=FormStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ready_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    ready_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(name="form_akm_has_domain_and_level",
                                   condition=~Q(bank__in=["akm", "practice"])
                                   | (~Q(domain="") & ~Q(level=""))),
            models.CheckConstraint(name="form_multistage_is_akm",
                                   condition=Q(design="fixed") | Q(bank="akm")),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"


class Module(models.Model):
    """An ordered set of item versions. A fixed form has one module at stage 1; a panel's
    stage-2 modules carry the number-correct range on stage 1 that routes to them."""

    form = models.ForeignKey(TestForm, on_delete=models.CASCADE, related_name="modules")
    stage = models.CharField(_("tahap"), max_length=1,
                             choices=[(Stage.ROUTING.value, _("Tahap 1 (penentu rute)")),
                                      (Stage.SECOND.value, _("Tahap 2"))])
    difficulty = models.CharField(_("tingkat kesulitan"), max_length=10,
                                  choices=DIFFICULTY_CHOICES, blank=True)
    min_correct = models.PositiveSmallIntegerField(_("benar minimal"), null=True, blank=True)
    max_correct = models.PositiveSmallIntegerField(_("benar maksimal"), null=True, blank=True)
    versions = models.ManyToManyField(ItemVersion, through="ModuleItem", related_name="modules")

    class Meta:
        ordering = ["form", "stage", "min_correct"]
        constraints = [
            models.UniqueConstraint(fields=["form"], condition=Q(stage="1"),
                                    name="module_one_routing_stage"),
            models.UniqueConstraint(fields=["form", "difficulty"], condition=Q(stage="2"),
                                    name="module_stage2_difficulty_once"),
            models.CheckConstraint(
                name="module_route_only_stage2",
                condition=Q(stage="1", min_correct__isnull=True, max_correct__isnull=True)
                | Q(stage="2", min_correct__isnull=False, max_correct__isnull=False,
                    min_correct__lte=models.F("max_correct"))),
        ]

    def __str__(self) -> str:
        return f"{self.form.code} {self.get_stage_display()} {self.get_difficulty_display()}"

    @property
    def key(self) -> str:
        """The module's name in routing and QTI: "stage1" or "stage2-<difficulty>"."""
        return "stage1" if self.stage == Stage.ROUTING else f"stage2-{self.difficulty}"


class ModuleItem(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="entries")
    version = models.ForeignKey(ItemVersion, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="module_item_position"),
            models.UniqueConstraint(fields=["module", "version"], name="module_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.module.key} #{self.position}: {self.version}"


# QTI imports and session content keys live in their own module (the QTI and packages half of
# issue 6); imported here so Django registers them with the app.
from anbk.items.package_models import QtiImport, SessionContentKey  # noqa: E402, F401
