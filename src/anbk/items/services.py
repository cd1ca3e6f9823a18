"""Every write to the item bank: stimuli, items and versions, review, forms and panels.

Who: authors (items.author_items) write, reviewers (items.review_items) approve, return,
mark ready and lock. Versions: a draft or returned version is edited in place; an approved
or locked one is frozen, and editing it makes the next version (based_on the frozen one).
"""

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.instruments import (
    AKM_FORM_ITEMS,
    CHARACTER_ASPECTS,
    COGNITIVE_LEVELS,
    CONTENT,
    CONTEXTS,
    ENVIRONMENT_INDICES,
    INSTRUMENT_LEVELS,
    ITEM_TYPES,
    Bank,
    Difficulty,
    Domain,
    ItemType,
    Respondent,
    Stage,
)
from anbk.core.rules import Level
from anbk.items.content import clean_content
from anbk.items.models import (
    OPEN_STATUSES,
    Asset,
    Design,
    FormStatus,
    Item,
    ItemVersion,
    Module,
    ModuleItem,
    Stimulus,
    StimulusKind,
    TestForm,
    VersionStatus,
)
from anbk.items.routing import Route, route_problems

CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,39}$")
# Images a stimulus may show: the formats every exam browser renders, and nothing that can
# carry script (no SVG).
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
IMAGE_MAX_BYTES = 1024 * 1024
LEVELS = frozenset(lv.value for lv in INSTRUMENT_LEVELS)

# The fields of an item version an author writes (content is checked per type).
VERSION_FIELDS = ("item_type", "stimulus", "prompt", "content", "domain", "content_area",
                  "cognitive_level", "context", "level", "aspect", "index", "respondent",
                  "reverse_keyed")


def _require(actor, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(_("Anda tidak berwenang melakukan ini."))


def _check_code(code: str) -> str:
    code = code.strip().upper()
    if not CODE.match(code):
        raise ValidationError({"code": _("Kode: huruf kapital di depan, lalu huruf, angka, "
                                         "- atau _ (2–40 karakter).")})
    return code


# --- assets and stimuli ---------------------------------------------------------------------

@transaction.atomic
def asset_create(*, actor, name: str, data: bytes) -> Asset:
    _require(actor, "items.author_items")
    media_type = next((t for magic, t in IMAGE_TYPES.items() if data.startswith(magic)), None)
    if media_type is None:
        raise ValidationError({"image": _("Gambar harus berkas PNG atau JPEG.")})
    if len(data) > IMAGE_MAX_BYTES:
        raise ValidationError({"image": _("Gambar paling besar %(n)s KB.")
                               % {"n": IMAGE_MAX_BYTES // 1024}})
    asset = Asset.objects.create(name=name[:120], media_type=media_type, data=data,
                                 sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                 created_by=actor)
    audit_record(actor=actor, action="item_asset.create", obj=asset,
                 summary={"name": asset.name, "sha256": asset.sha256, "size": asset.size})
    return asset


def _clean_table(table) -> list[list[str]]:
    if not isinstance(table, list) or not table or not all(
            isinstance(row, list) and row for row in table):
        raise ValidationError({"table": _("Tabel memerlukan baris judul dan sedikitnya satu "
                                          "baris isi.")})
    rows = [[str(cell).strip() for cell in row] for row in table]
    if len(rows) < 2 or len({len(row) for row in rows}) != 1:
        raise ValidationError({"table": _("Tabel memerlukan baris judul dan sedikitnya satu "
                                          "baris isi, semua baris sama banyak kolomnya.")})
    return rows


def _clean_stimulus(fields: dict) -> dict:
    kind = fields["kind"]
    if kind not in StimulusKind.values:
        raise ValidationError({"kind": _("Jenis stimulus tidak dikenal.")})
    if fields["domain"] not in Domain.__members__.values():
        raise ValidationError({"domain": _("Domain tidak dikenal.")})
    if fields["level"] not in LEVELS:
        raise ValidationError({"level": _("Jenjang tidak dikenal.")})
    if fields.get("content_area") and fields["content_area"] not in CONTENT[fields["domain"]]:
        raise ValidationError({"content_area": _("Konten tidak sesuai domain.")})
    fields["title"] = fields["title"].strip()
    fields["body"] = fields.get("body", "").strip()
    if not fields["title"]:
        raise ValidationError({"title": _("Judul wajib diisi.")})
    if kind == StimulusKind.TEXT and not fields["body"]:
        raise ValidationError({"body": _("Teks stimulus wajib diisi.")})
    fields["table"] = _clean_table(fields.get("table")) if kind == StimulusKind.TABLE else []
    if kind == StimulusKind.IMAGE:
        if fields.get("image") is None:
            raise ValidationError({"image": _("Unggah gambar stimulus.")})
        if not fields.get("image_alt", "").strip():
            raise ValidationError({"image_alt": _("Tulis teks alternatif gambar untuk "
                                                  "pembaca layar.")})
    else:
        fields["image"], fields["image_alt"] = None, ""
    return fields


@transaction.atomic
def stimulus_create(*, actor, code: str, kind: str, title: str, domain: str, level: str,
                    body: str = "", table=None, image: Asset | None = None,
                    image_alt: str = "", content_area: str = "") -> Stimulus:
    _require(actor, "items.author_items")
    code = _check_code(code)
    if Stimulus.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Kode stimulus sudah dipakai.")})
    fields = _clean_stimulus({"kind": kind, "title": title, "domain": domain, "level": level,
                              "body": body, "table": table, "image": image,
                              "image_alt": image_alt, "content_area": content_area})
    stimulus = Stimulus.objects.create(code=code, created_by=actor, **fields)
    audit_record(actor=actor, action="stimulus.create", obj=stimulus,
                 summary={"code": code, "version": 1, "kind": kind})
    return stimulus


def stimulus_latest(code: str) -> Stimulus:
    return Stimulus.objects.filter(code=code).order_by("-version").first()


@transaction.atomic
def stimulus_edit(*, actor, stimulus: Stimulus, **changes) -> Stimulus:
    """Edit in place while no approved or locked item version shows it; otherwise make the
    next version, and move the item versions still in work (draft, returned) onto it."""
    _require(actor, "items.author_items")
    stimulus = Stimulus.objects.select_for_update().get(pk=stimulus.pk)
    latest = stimulus_latest(stimulus.code)
    if latest.pk != stimulus.pk:
        raise ValidationError(_("Ada versi stimulus yang lebih baru (v%(n)s); ubah versi itu.")
                              % {"n": latest.version})
    allowed = {"kind", "title", "body", "table", "image", "image_alt", "content_area"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"stimulus_edit: unknown fields {sorted(unknown)}")
    fields = {name: getattr(stimulus, name) for name in allowed} | changes
    fields = _clean_stimulus(fields | {"domain": stimulus.domain, "level": stimulus.level})
    del fields["domain"], fields["level"]
    frozen = stimulus.locked_at is not None or stimulus.item_versions.filter(
        status=VersionStatus.APPROVED).exists()
    if frozen:
        previous = stimulus
        stimulus = Stimulus.objects.create(code=previous.code, version=previous.version + 1,
                                           domain=previous.domain, level=previous.level,
                                           created_by=actor, **fields)
        moved = ItemVersion.objects.filter(stimulus=previous, status__in=[
            VersionStatus.DRAFT, VersionStatus.RETURNED]).update(stimulus=stimulus)
        audit_record(actor=actor, action="stimulus.new_version", obj=stimulus,
                     summary={"code": stimulus.code, "version": stimulus.version,
                              "from": previous.version, "drafts_moved": moved})
        return stimulus
    for name, value in fields.items():
        setattr(stimulus, name, value)
    stimulus.save()
    audit_record(actor=actor, action="stimulus.edit", obj=stimulus,
                 summary={"code": stimulus.code, "version": stimulus.version,
                          "fields": sorted(changes)})
    return stimulus


# --- items ------------------------------------------------------------------------------------

def _choice(value: str, allowed, field: str, label: str) -> dict:
    return {} if value in allowed else {field: _("%(label)s tidak sah untuk soal ini.")
                                        % {"label": label}}


def _scope_errors(bank: str, fields: dict) -> dict:
    """Domain, level and respondent a bank needs (items and forms alike); the ones it does
    not use are emptied in fields."""
    errors = {}
    if bank in (Bank.AKM, Bank.PRACTICE):
        errors |= _choice(fields.get("domain", ""), list(Domain), "domain", _("Domain"))
        errors |= _choice(fields.get("level", ""), LEVELS, "level", _("Jenjang"))
        fields["respondent"] = ""
        return errors
    fields["domain"] = ""
    if bank == Bank.CHARACTER_SURVEY:
        fields["respondent"] = Respondent.STUDENT.value
    respondent = fields.get("respondent", "")
    errors |= _choice(respondent, list(Respondent), "respondent", _("Responden"))
    if respondent == Respondent.STUDENT:
        errors |= _choice(fields.get("level", ""), LEVELS, "level", _("Jenjang"))
    else:
        fields["level"] = ""
    return errors


def _clean_metadata(bank: str, fields: dict) -> dict:
    """R-1 for AKM and practice items, R-4 / R-5 tags for survey items; the fields that do
    not belong to the bank are emptied. Raises every problem at once."""
    item_type = fields["item_type"]
    if item_type not in ItemType.__members__.values():
        raise ValidationError({"item_type": _("Bentuk soal tidak dikenal.")})
    errors = _scope_errors(bank, fields)
    if bank not in ITEM_TYPES[ItemType(item_type)].banks:
        errors["item_type"] = _("Bentuk soal ini tidak dipakai di bank ini.")
    if bank in (Bank.AKM, Bank.PRACTICE):
        domain = fields["domain"]
        if domain in Domain.__members__.values():
            optional = bank == Bank.PRACTICE
            for field, table, label in (
                    ("content_area", CONTENT[domain], _("Konten")),
                    ("cognitive_level", COGNITIVE_LEVELS[domain], _("Level kognitif")),
                    ("context", CONTEXTS, _("Konteks"))):
                if not (optional and not fields.get(field)):
                    errors |= _choice(fields.get(field, ""), table, field, label)
        fields.update(aspect="", index="", reverse_keyed=False)
    else:
        fields.update(content_area="", cognitive_level="", context="", stimulus=None)
        if bank == Bank.CHARACTER_SURVEY:
            errors |= _choice(fields.get("aspect", ""), CHARACTER_ASPECTS, "aspect",
                              _("Aspek"))
            fields["index"] = ""
        else:
            errors |= _choice(fields.get("index", ""), ENVIRONMENT_INDICES, "index",
                              _("Indeks"))
            fields["aspect"] = ""
    stimulus = fields.get("stimulus")
    if stimulus is not None and (stimulus.domain != fields["domain"]
                                 or stimulus.level != fields["level"]):
        errors["stimulus"] = _("Stimulus harus sedomain dan sejenjang dengan soal.")
    fields["prompt"] = (fields.get("prompt") or "").strip()
    if not fields["prompt"]:
        errors["prompt"] = _("Pertanyaan wajib diisi.")
    if errors:
        raise ValidationError(errors)
    fields["content"] = clean_content(item_type, fields.get("content"))
    return fields


def _version_fields(bank: str, given: Mapping) -> dict:
    unknown = set(given) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown item fields {sorted(unknown)}")
    fields = {"domain": "", "content_area": "", "cognitive_level": "", "context": "",
              "level": "", "aspect": "", "index": "", "respondent": "",
              "reverse_keyed": False, "stimulus": None} | dict(given)
    return _clean_metadata(bank, fields)


@transaction.atomic
def item_create(*, actor, code: str, bank: str, **fields) -> ItemVersion:
    """A new item with its first version, a draft. Fields: VERSION_FIELDS."""
    _require(actor, "items.author_items")
    code = _check_code(code)
    if bank not in Bank.__members__.values():
        raise ValidationError({"bank": _("Bank soal tidak dikenal.")})
    if Item.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Kode soal sudah dipakai.")})
    cleaned = _version_fields(bank, fields)
    item = Item.objects.create(code=code, bank=bank, created_by=actor)
    version = ItemVersion.objects.create(item=item, number=1, author=actor, **cleaned)
    audit_record(actor=actor, action="item.create", obj=version,
                 summary={"code": code, "bank": bank, "type": cleaned["item_type"]})
    return version


@transaction.atomic
def item_edit(*, actor, version: ItemVersion, expected_updated_at=None,
              **changes) -> ItemVersion:
    """Edit a draft or returned version in place; editing an approved or locked version makes
    the next version (a draft, on the latest version of its stimulus). A submitted version
    waits for its review. expected_updated_at (from the edit form) refuses an edit made over
    someone else's newer save."""
    _require(actor, "items.author_items")
    item = Item.objects.select_for_update().get(pk=version.item_id)
    version = ItemVersion.objects.get(pk=version.pk)
    if expected_updated_at is not None and version.updated_at != expected_updated_at:
        raise ValidationError(_("Soal ini baru saja diubah orang lain. Muat ulang halaman "
                                "lalu ulangi perubahan Anda."))
    if version.status == VersionStatus.SUBMITTED:
        raise ValidationError(_("Versi ini sedang ditelaah; tunggu hasil telaah."))
    current = {name: getattr(version, name) for name in VERSION_FIELDS}
    if not version.frozen:
        cleaned = _version_fields(item.bank, current | changes)
        for name, value in cleaned.items():
            setattr(version, name, value)
        version.save()
        audit_record(actor=actor, action="item.edit", obj=version,
                     summary={"code": item.code, "version": version.number,
                              "fields": sorted(changes)})
        return version
    open_version = item.versions.filter(status__in=OPEN_STATUSES).first()
    if open_version is not None:
        raise ValidationError(_("Soal ini sudah punya versi %(n)s yang sedang dikerjakan; "
                                "ubah versi itu.") % {"n": open_version.number})
    wanted = current | changes
    if wanted["stimulus"] is not None:  # a new version shows the newest stimulus
        wanted["stimulus"] = stimulus_latest(wanted["stimulus"].code)
    cleaned = _version_fields(item.bank, wanted)
    number = item.versions.aggregate(n=Max("number"))["n"] + 1
    try:
        with transaction.atomic():
            fresh = ItemVersion.objects.create(item=item, number=number, based_on=version,
                                               author=actor, **cleaned)
    except IntegrityError as clash:  # another author opened a version at the same moment
        raise ValidationError(_("Soal ini baru saja diubah orang lain. Muat ulang halaman."
                                )) from clash
    audit_record(actor=actor, action="item.new_version", obj=fresh,
                 summary={"code": item.code, "version": number, "from": version.number,
                          "fields": sorted(changes)})
    return fresh


def _transition(actor, version: ItemVersion, permission: str, allowed: Sequence[str],
                message: str) -> ItemVersion:
    _require(actor, permission)
    version = ItemVersion.objects.select_for_update().get(pk=version.pk)
    if version.status not in allowed:
        raise ValidationError(message)
    return version


@transaction.atomic
def item_submit(*, actor, version: ItemVersion) -> ItemVersion:
    version = _transition(actor, version, "items.author_items",
                          (VersionStatus.DRAFT, VersionStatus.RETURNED),
                          _("Hanya draf atau soal yang dikembalikan yang dapat diajukan."))
    version.status, version.submitted_at = VersionStatus.SUBMITTED, timezone.now()
    version.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(actor=actor, action="item.submit", obj=version,
                 summary={"code": version.item.code, "version": version.number})
    return version


@transaction.atomic
def item_review(*, actor, version: ItemVersion, approve: bool, notes: str = "") -> ItemVersion:
    """Approve a submitted version, or return it to its author with notes (required)."""
    version = _transition(actor, version, "items.review_items", (VersionStatus.SUBMITTED,),
                          _("Hanya soal yang diajukan yang dapat ditelaah."))
    notes = notes.strip()
    if not approve and not notes:
        raise ValidationError({"notes": _("Tulis catatan untuk penulis soal.")})
    version.status = VersionStatus.APPROVED if approve else VersionStatus.RETURNED
    version.reviewer, version.reviewed_at, version.review_notes = actor, timezone.now(), notes
    version.save(update_fields=["status", "reviewer", "reviewed_at", "review_notes",
                                "updated_at"])
    audit_record(actor=actor, action="item.approve" if approve else "item.return",
                 obj=version, summary={"code": version.item.code, "version": version.number,
                                       "notes": notes})
    return version


@transaction.atomic
def item_set_parameters(*, actor, version: ItemVersion, a: float | None = None,
                        b: float | None = None, c: float | None = None,
                        steps: Sequence[float] = ()) -> ItemVersion:
    """Calibrated IRT parameters: statistics about a version, not its content, so a frozen
    version takes them too."""
    _require(actor, "items.review_items")
    if c is not None and not 0 <= c < 1:
        raise ValidationError({"irt_c": _("Parameter c harus di antara 0 dan 1.")})
    if a is not None and a <= 0:
        raise ValidationError({"irt_a": _("Parameter a harus positif.")})
    version = ItemVersion.objects.select_for_update().get(pk=version.pk)
    version.irt_a, version.irt_b, version.irt_c = a, b, c
    version.irt_steps = [float(s) for s in steps]
    version.save(update_fields=["irt_a", "irt_b", "irt_c", "irt_steps", "updated_at"])
    audit_record(actor=actor, action="item.parameters", obj=version,
                 summary={"code": version.item.code, "version": version.number, "a": a,
                          "b": b, "c": c, "steps": version.irt_steps})
    return version


# --- forms and panels -----------------------------------------------------------------------

@transaction.atomic
def form_create(*, actor, code: str, title: str, bank: str, design: str = Design.FIXED,
                domain: str = "", level: str = "", respondent: str = "",
                demo_size: bool = False,
                stage2: Sequence[str] = (Difficulty.EASY, Difficulty.MEDIUM,
                                         Difficulty.HARD)) -> TestForm:
    """A fixed form gets one module; a multistage panel a routing module and one stage-2
    module per difficulty in stage2, with even number-correct ranges to start from."""
    _require(actor, "items.author_items")
    code = _check_code(code)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Nama wajib diisi.")})
    if TestForm.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Kode paket sudah dipakai.")})
    if bank not in Bank.__members__.values() or design not in Design.values:
        raise ValidationError({"bank": _("Bank atau desain tidak dikenal.")})
    if design == Design.MULTISTAGE and bank != Bank.AKM:
        raise ValidationError({"design": _("Panel adaptif bertahap hanya untuk AKM.")})
    if design == Design.MULTISTAGE and (len(set(stage2)) < 2
                                        or not set(stage2) <= set(Difficulty)):
        raise ValidationError({"design": _("Panel memerlukan sedikitnya dua modul tahap 2 "
                                           "dengan tingkat kesulitan berbeda.")})
    scope = {"domain": domain, "level": level, "respondent": respondent}
    errors = _scope_errors(bank, scope)
    if errors:
        raise ValidationError(errors)
    form = TestForm.objects.create(code=code, title=title, bank=bank, design=design,
                                   demo_size=demo_size, created_by=actor, **scope)
    Module.objects.create(form=form, stage=Stage.ROUTING)
    if design == Design.MULTISTAGE:
        for difficulty in sorted(set(stage2), key=list(Difficulty).index):
            Module.objects.create(form=form, stage=Stage.SECOND, difficulty=difficulty,
                                  min_correct=0, max_correct=0)
    audit_record(actor=actor, action="form.create", obj=form,
                 summary={"code": code, "bank": bank, "design": design, "domain": form.domain,
                          "level": form.level, "demo_size": demo_size})
    return form


def _lock_form_for_edit(actor, form: TestForm) -> TestForm:
    _require(actor, "items.author_items")
    form = TestForm.objects.select_for_update().get(pk=form.pk)
    if form.status != FormStatus.DRAFT:
        raise ValidationError(_("Paket ini sudah %(status)s; kembalikan ke draf untuk "
                                "mengubahnya.") % {"status": form.get_status_display()})
    return form


def _fits(form: TestForm, version: ItemVersion) -> bool:
    if version.item.bank != form.bank:
        return False
    if form.bank in (Bank.AKM, Bank.PRACTICE):
        return version.domain == form.domain and version.level == form.level
    if form.bank == Bank.ENVIRONMENT_SURVEY:
        return (version.respondent == form.respondent
                and (version.level == form.level or not form.level))
    return version.level == form.level or not form.level


@transaction.atomic
def module_set_items(*, actor, module: Module, versions: Sequence[ItemVersion]) -> Module:
    """Replace a module's items, in order. Only approved versions of the form's bank, domain
    and level; an item appears once in a form or panel path."""
    form = _lock_form_for_edit(actor, module.form)
    fresh = ItemVersion.objects.select_related("item").in_bulk([v.pk for v in versions])
    versions = [fresh[v.pk] for v in versions]
    problems = []
    for version in versions:
        if version.status != VersionStatus.APPROVED:
            problems.append(_("%(v)s belum disetujui.") % {"v": version})
        elif not _fits(form, version):
            problems.append(_("%(v)s tidak sesuai bank, domain, jenjang atau responden "
                              "paket ini.") % {"v": version})
    items = [v.item_id for v in versions]
    if len(set(items)) != len(items):
        problems.append(_("Satu soal tidak boleh muncul dua kali dalam satu modul."))
    if problems:
        raise ValidationError({"versions": problems})
    ModuleItem.objects.filter(module=module).delete()
    ModuleItem.objects.bulk_create(ModuleItem(module=module, version=v, position=i)
                                   for i, v in enumerate(versions, start=1))
    audit_record(actor=actor, action="form.set_items", obj=form,
                 summary={"code": form.code, "module": module.key,
                          "items": [str(v) for v in versions]})
    return module


@transaction.atomic
def panel_set_routes(*, actor, form: TestForm, ranges: Mapping[str, tuple[int, int]]) -> TestForm:
    """The number-correct range (on stage 1) of each stage-2 module, by difficulty."""
    form = _lock_form_for_edit(actor, form)
    modules = {m.difficulty: m for m in form.modules.filter(stage=Stage.SECOND)}
    if set(ranges) != set(modules):
        raise ValidationError({"ranges": _("Isi rentang untuk setiap modul tahap 2.")})
    for difficulty, (low, high) in ranges.items():
        if not 0 <= low <= high:
            raise ValidationError({"ranges": _("Rentang %(lo)s–%(hi)s tidak sah.")
                                   % {"lo": low, "hi": high}})
        module = modules[difficulty]
        module.min_correct, module.max_correct = low, high
        module.save(update_fields=["min_correct", "max_correct"])
    audit_record(actor=actor, action="form.set_routes", obj=form,
                 summary={"code": form.code, "ranges": {k: list(v) for k, v in ranges.items()}})
    return form


@dataclass(frozen=True)
class PathSize:
    path: str
    items: int


def form_paths(form: TestForm) -> list[PathSize]:
    """Items a participant meets on each way through: one path for a fixed form, stage 1
    plus each stage-2 module for a panel."""
    counts = {m.key: m.entries.count() for m in form.modules.all()}
    if form.design == Design.FIXED:
        return [PathSize("stage1", counts["stage1"])]
    return [PathSize(f"stage1 → {key}", counts["stage1"] + n)
            for key, n in counts.items() if key != "stage1"]


def form_problems(form: TestForm) -> list[str]:
    """What stands between a form or panel and "ready" (Indonesian messages)."""
    problems = []
    modules = list(form.modules.prefetch_related("entries__version__item"))
    for module in modules:
        entries = list(module.entries.all())
        if not entries:
            problems.append(_("Modul %(m)s belum berisi soal.") % {"m": module.key})
        for entry in entries:
            if entry.version.status != VersionStatus.APPROVED:
                problems.append(_("%(v)s belum disetujui.") % {"v": entry.version})
    if form.bank == Bank.AKM and not form.demo_size:
        wanted = AKM_FORM_ITEMS[Level(form.level)]
        for path in form_paths(form):
            if path.items != wanted:
                problems.append(_("Jalur %(p)s berisi %(n)s soal; AKM %(level)s-sederajat "
                                  "memerlukan %(want)s soal per domain.")
                                % {"p": path.path, "n": path.items, "level": form.level,
                                   "want": wanted})
    if form.design == Design.MULTISTAGE:
        routing = next(m for m in modules if m.stage == Stage.ROUTING)
        rated = [str(e.version) for e in routing.entries.all()
                 if not ITEM_TYPES[ItemType(e.version.item_type)].auto_scored]
        if rated:
            problems.append(_("Modul tahap 1 menentukan rute seketika, jadi tidak boleh "
                              "berisi uraian: %(v)s.") % {"v": ", ".join(rated)})
        routes = [Route(m.key, m.min_correct, m.max_correct) for m in modules
                  if m.stage == Stage.SECOND]
        problems += route_problems(routes, routing.entries.count())
        paths = {}
        for module in modules:
            for entry in module.entries.all():
                paths.setdefault(entry.version.item_id, []).append(module)
        if any(len(found) > 1 and any(m.stage == Stage.ROUTING for m in found)
               for found in paths.values()):
            problems.append(_("Soal tahap 1 tidak boleh diulang di tahap 2."))
    return problems


def _form_in(actor, form: TestForm, status: str, message: str) -> TestForm:
    """The form, re-read under a row lock, if it is in status; a reviewer's step."""
    _require(actor, "items.review_items")
    form = TestForm.objects.select_for_update().get(pk=form.pk)
    if form.status != status:
        raise ValidationError(message)
    return form


@transaction.atomic
def form_mark_ready(*, actor, form: TestForm) -> TestForm:
    form = _form_in(actor, form, FormStatus.DRAFT,
                    _("Hanya paket draf yang dapat dinyatakan siap."))
    problems = form_problems(form)
    if problems:
        raise ValidationError(problems)
    form.status, form.ready_by, form.ready_at = FormStatus.READY, actor, timezone.now()
    form.save(update_fields=["status", "ready_by", "ready_at"])
    audit_record(actor=actor, action="form.ready", obj=form,
                 summary={"code": form.code, "paths": [p.items for p in form_paths(form)]})
    return form


@transaction.atomic
def form_reopen(*, actor, form: TestForm) -> TestForm:
    """A ready form back to draft; a locked one never."""
    form = _form_in(actor, form, FormStatus.READY,
                    _("Hanya paket berstatus siap yang dapat dikembalikan ke draf."))
    form.status, form.ready_by, form.ready_at = FormStatus.DRAFT, None, None
    form.save(update_fields=["status", "ready_by", "ready_at"])
    audit_record(actor=actor, action="form.reopen", obj=form, summary={"code": form.code})
    return form


@transaction.atomic
def form_lock(*, actor, form: TestForm) -> TestForm:
    """Lock a ready form or panel for delivery: it, its item versions and their stimuli never
    change again (an edit of such an item makes a new version). Packaging and delivery call
    this; locking twice is harmless."""
    _require(actor, "items.review_items")
    if TestForm.objects.filter(pk=form.pk, status=FormStatus.LOCKED).exists():
        return TestForm.objects.get(pk=form.pk)
    form = _form_in(actor, form, FormStatus.READY,
                    _("Hanya paket berstatus siap yang dapat dikunci."))
    now = timezone.now()
    versions = ItemVersion.objects.filter(entries__module__form=form)
    versions.filter(locked_at__isnull=True).update(locked_at=now)
    Stimulus.objects.filter(item_versions__in=versions, locked_at__isnull=True).update(
        locked_at=now)
    form.status, form.locked_at = FormStatus.LOCKED, now
    form.save(update_fields=["status", "locked_at"])
    audit_record(actor=actor, action="form.lock", obj=form,
                 summary={"code": form.code, "items": versions.distinct().count()})
    return form
