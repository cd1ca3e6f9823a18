"""The item bank ↔ QTI: export item versions, forms and panels; import a package as drafts.

Import checks everything first — the file (reader), codes already in the bank, each item's
content and metadata against the bank's own rules — and reports every problem by file; then
writes through the bank's services in one transaction, so a failure half-way leaves nothing.
Imported items are drafts of the importing author; a form's modules are filled from the
package's layout once its items are approved (qti_import_fill_forms).
"""

import hashlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.instruments import ITEM_TYPES, Bank, ItemType
from anbk.items import services
from anbk.items.content import clean_content
from anbk.items.models import (
    Design,
    Item,
    ItemVersion,
    Module,
    Stimulus,
    TestForm,
    VersionStatus,
)
from anbk.items.package_models import QtiImport
from anbk.items.qti import reader, writer
from anbk.items.qti.errors import Problem, QtiError
from anbk.items.qti.model import (
    QtiItem,
    QtiMedia,
    QtiPackage,
    QtiSection,
    QtiStimulus,
    QtiTest,
    normalise,
    normalise_line,
)

ITEM_METADATA = ("domain", "level", "content_area", "cognitive_level", "context", "aspect",
                 "index", "respondent", "reverse_keyed")
FORM_METADATA = ("domain", "level", "respondent")


# --- export -------------------------------------------------------------------------------------

def _stimulus(stimulus: Stimulus) -> QtiStimulus:
    image = None
    if stimulus.image is not None:
        data = bytes(stimulus.image.data)
        image = QtiMedia(href=writer.media_href(data), data=data)
    return QtiStimulus(identifier=stimulus.code, title=stimulus.title, kind=stimulus.kind,
                       body=stimulus.body, table=stimulus.table, image=image,
                       image_alt=stimulus.image_alt,
                       metadata={"domain": stimulus.domain, "level": stimulus.level,
                                 "content_area": stimulus.content_area})


def item_to_qti(version: ItemVersion) -> QtiItem:
    metadata = {"bank": version.item.bank} | {k: getattr(version, k) for k in ITEM_METADATA}
    metadata |= {"irt_a": version.irt_a, "irt_b": version.irt_b, "irt_c": version.irt_c}
    return QtiItem(identifier=version.item.code, title=version.item.code,
                   item_type=version.item_type, prompt=version.prompt, content=version.content,
                   stimulus=_stimulus(version.stimulus) if version.stimulus else None,
                   metadata=metadata)


def form_to_qti(form: TestForm) -> QtiTest:
    sections = []
    for module in form.modules.order_by("stage", "min_correct", "pk"):
        versions = [e.version for e in module.entries.order_by("position").select_related(
            "version__item", "version__stimulus__image")]
        title = (_("Tahap 1") if module.key == "stage1"
                 else _("Tahap 2 {difficulty}").format(
                     difficulty=module.get_difficulty_display().lower()))
        sections.append(QtiSection(identifier=module.key, title=title,
                                   items=[item_to_qti(v) for v in versions],
                                   min_correct=module.min_correct,
                                   max_correct=module.max_correct))
    metadata = {"bank": form.bank, "design": form.design, "demo_size": form.demo_size}
    metadata |= {k: getattr(form, k) for k in FORM_METADATA}
    return QtiTest(identifier=form.code, title=form.title, sections=sections, metadata=metadata)


def _check_export(actor) -> None:
    if actor is None or not actor.has_perm("items.view_bank"):
        raise PermissionDenied(_("Anda tidak berwenang mengekspor soal."))


def export_versions(*, actor, versions: Iterable[ItemVersion], identifier: str) -> bytes:
    _check_export(actor)
    versions = list(versions)
    package = QtiPackage(items=[item_to_qti(v) for v in versions])
    data = writer.build_package(package, identifier=identifier)
    audit_record(actor=actor, action="qti.export_items",
                 summary={"items": [str(v) for v in versions], "bytes": len(data)})
    return data


def export_form(*, actor, form: TestForm) -> bytes:
    _check_export(actor)
    data = writer.build_package(QtiPackage(tests=[form_to_qti(form)]),
                                identifier=f"anbk-{form.code}")
    audit_record(actor=actor, action="qti.export_form", obj=form,
                 summary={"code": form.code, "bytes": len(data)})
    return data


# --- import: checks -------------------------------------------------------------------------------

def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {m}" if field != "__all__" else m
                for field, errors in error.message_dict.items() for m in errors]
    return list(error.messages)


def _all_items(package: QtiPackage) -> list[QtiItem]:
    seen: dict[str, QtiItem] = {}
    for item in [*package.items, *(i for t in package.tests for s in t.sections
                                   for i in s.items)]:
        seen.setdefault(item.identifier, item)
    return list(seen.values())


def _same_stimulus(existing: Stimulus, stimulus: QtiStimulus) -> bool:
    image = existing.image.sha256 if existing.image else None
    wanted = hashlib.sha256(stimulus.image.data).hexdigest() if stimulus.image else None
    return (existing.kind, normalise_line(existing.title), normalise(existing.body),
            [[normalise_line(c) for c in row] for row in existing.table],
            normalise_line(existing.image_alt), image) == (
        stimulus.kind, stimulus.title, stimulus.body, stimulus.table, stimulus.image_alt,
        wanted)


def _filled(values: dict) -> dict:
    return {k: v for k, v in values.items() if v not in (None, "")}


def _already_in_bank(item: QtiItem) -> bool:
    """The bank's newest version of this code says exactly what the file says (a form and a
    panel sharing items, imported one after the other): the item is reused, not refused."""
    latest = (ItemVersion.objects.filter(item__code=item.identifier).order_by("-number")
              .select_related("item", "stimulus__image").first())
    if latest is None:
        return False
    ours = item_to_qti(latest)
    return (writer.item_xml(ours) == writer.item_xml(item)
            and _filled(ours.metadata) == _filled(item.metadata))


def _item_fields(item: QtiItem, defaults: dict) -> tuple[str, dict]:
    values = defaults | {k: v for k, v in item.metadata.items() if v not in (None, "")}
    fields = {"item_type": item.item_type, "prompt": item.prompt, "content": item.content}
    fields |= {k: values[k] for k in ITEM_METADATA if k in values}
    return values.get("bank", ""), fields


def _check(package: QtiPackage, defaults: dict) -> list[Problem]:
    problems: list[Problem] = []
    items = _all_items(package)
    for item in items:
        where = item.source or f"{item.identifier}.xml"
        if Item.objects.filter(code=item.identifier).exists() and not _already_in_bank(item):
            problems.append(Problem(where, _("Kode soal \"{code}\" sudah ada di bank soal "
                                             "dengan isi berbeda; ubah soal itu di portal atau "
                                             "ganti kodenya.")
                                    .format(code=item.identifier), "qti-assessment-item"))
        bank, fields = _item_fields(item, defaults)
        if bank not in Bank.__members__.values():
            problems.append(Problem(where, _("Bank soal tidak diketahui; pilih bank pada "
                                             "formulir impor."), "qti-assessment-item"))
        elif bank not in ITEM_TYPES[ItemType(item.item_type)].banks:
            problems.append(Problem(where, _("Bentuk soal ini tidak dipakai di bank \"{bank}\".")
                                    .format(bank=bank), "qti-assessment-item"))
        try:
            clean_content(item.item_type, item.content)
        except ValidationError as error:
            problems += [Problem(where, m, "qti-item-body") for m in _messages(error)]
    stimuli = {i.stimulus.identifier: i.stimulus for i in items if i.stimulus}
    for code, stimulus in stimuli.items():
        latest = services.stimulus_latest(code)
        if latest is not None and not _same_stimulus(latest, stimulus):
            problems.append(Problem(stimulus.source or code, _(
                "Stimulus \"{code}\" sudah ada di bank dengan isi berbeda; ganti kodenya.")
                .format(code=code), "qti-assessment-stimulus"))
    taken = set(TestForm.objects.filter(code__in=[t.identifier for t in package.tests])
                .values_list("code", flat=True))
    for test in package.tests:
        if test.identifier in taken:
            problems.append(Problem(test.source, _("Kode paket \"{code}\" sudah ada.")
                                    .format(code=test.identifier), "qti-assessment-test"))
        keys = [s.identifier for s in test.sections]
        if not keys or keys[0] != "stage1" or any(
                not k.startswith("stage2-") for k in keys[1:]):
            problems.append(Problem(test.source, _("Bagian tes harus \"stage1\" lalu "
                                                   "\"stage2-<tingkat>\" untuk panel."),
                                    "qti-assessment-section"))
    return problems


# --- import: writes -------------------------------------------------------------------------------

def _write_stimulus(actor, stimulus: QtiStimulus, made: dict) -> Stimulus:
    if stimulus.identifier in made:
        return made[stimulus.identifier]
    existing = services.stimulus_latest(stimulus.identifier)
    if existing is not None:
        made[stimulus.identifier] = existing
        return existing
    image = None
    if stimulus.image is not None:
        image = services.asset_create(actor=actor, name=stimulus.image.href.rsplit("/", 1)[-1],
                                      data=stimulus.image.data)
    meta = stimulus.metadata
    made[stimulus.identifier] = services.stimulus_create(
        actor=actor, code=stimulus.identifier, kind=stimulus.kind, title=stimulus.title,
        domain=meta.get("domain", ""), level=meta.get("level", ""), body=stimulus.body,
        table=stimulus.table or None, image=image, image_alt=stimulus.image_alt,
        content_area=meta.get("content_area", ""))
    return made[stimulus.identifier]


def _write_form(actor, test: QtiTest) -> tuple[TestForm, dict]:
    meta = test.metadata
    design = meta.get("design") or (Design.MULTISTAGE if len(test.sections) > 1
                                    else Design.FIXED)
    stage2 = [s.identifier.removeprefix("stage2-") for s in test.sections[1:]]
    options = {"stage2": stage2} if design == Design.MULTISTAGE else {}
    form = services.form_create(actor=actor, code=test.identifier, title=test.title,
                                bank=meta.get("bank", ""), design=design,
                                demo_size=bool(meta.get("demo_size")),
                                **{k: meta.get(k, "") for k in FORM_METADATA}, **options)
    if design == Design.MULTISTAGE:
        services.panel_set_routes(actor=actor, form=form, ranges={
            s.identifier.removeprefix("stage2-"): (s.min_correct or 0, s.max_correct or 0)
            for s in test.sections[1:]})
    return form, {s.identifier: [i.identifier for i in s.items] for s in test.sections}


@transaction.atomic
def qti_import(*, actor, upload, defaults: dict | None = None) -> QtiImport:
    """Import an uploaded package or item file. defaults: bank and tags for items whose
    package carries none (a lone item file). Raises QtiError listing every problem."""
    if actor is None or not actor.has_perm("items.author_items"):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor soal."))
    defaults = {k: v for k, v in (defaults or {}).items() if v not in (None, "")}
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    package = reader.read_upload(upload, name=upload.name, size=upload.size)
    problems = _check(package, defaults)
    if problems:
        raise QtiError(problems)
    stimuli: dict[str, Stimulus] = {}
    codes, layout = [], {}
    # Each write in its own savepoint, so every refusal is collected; any refusal then
    # rolls the whole import back.
    for item in _all_items(package):
        if _already_in_bank(item):
            continue
        bank, fields = _item_fields(item, defaults)
        if item.stimulus is not None:
            try:
                with transaction.atomic():
                    fields["stimulus"] = _write_stimulus(actor, item.stimulus, stimuli)
            except ValidationError as error:
                problems += [Problem(item.stimulus.source, m, "qti-assessment-stimulus")
                             for m in _messages(error)]
                continue
        try:
            with transaction.atomic():
                services.item_create(actor=actor, code=item.identifier, bank=bank, **fields)
        except ValidationError as error:
            problems += [Problem(item.source, m, "qti-assessment-item")
                         for m in _messages(error)]
            continue
        codes.append(item.identifier)
    for test in package.tests:
        try:
            with transaction.atomic():
                layout[test.identifier] = _write_form(actor, test)[1]
        except ValidationError as error:
            problems += [Problem(test.source, m, "qti-assessment-test")
                         for m in _messages(error)]
    if problems:
        raise QtiError(list(dict.fromkeys(problems)))
    record = QtiImport.objects.create(
        actor=actor, file_name=upload.name[:255], sha256=digest.hexdigest(), size=upload.size,
        items=codes, stimuli=sorted(stimuli), forms=list(layout), layout=layout)
    audit_record(actor=actor, action="qti.import", obj=record,
                 summary={"file": record.file_name, "items": len(codes),
                          "forms": list(layout)})
    return record


def pending_items(record: QtiImport) -> dict[str, list[str]]:
    """Per form of the import: item codes without an approved version yet."""
    pending = {}
    codes = {c for modules in record.layout.values() for cs in modules.values() for c in cs}
    approved = set(ItemVersion.objects.filter(
        item__code__in=codes, status=VersionStatus.APPROVED)
        .values_list("item__code", flat=True))
    for code, modules in record.layout.items():
        waiting = [c for codes in modules.values() for c in codes if c not in approved]
        if waiting:
            pending[code] = list(dict.fromkeys(waiting))
    return pending


@transaction.atomic
def qti_import_fill_forms(*, actor, record: QtiImport) -> QtiImport:
    """Fill the imported forms' modules with the approved versions of their items."""
    if actor is None or not actor.has_perm("items.author_items"):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket soal."))
    record = QtiImport.objects.select_for_update().get(pk=record.pk)
    if record.filled_at is not None:
        raise ValidationError(_("Paket dari impor ini sudah diisi."))
    waiting = pending_items(record)
    if waiting:
        raise ValidationError([_("{form}: soal {codes} belum disetujui.").format(
            form=form, codes=", ".join(codes)) for form, codes in waiting.items()])
    for code, modules in record.layout.items():
        form = TestForm.objects.get(code=code)
        for module in Module.objects.filter(form=form):
            versions = [ItemVersion.objects.filter(item__code=c, status=VersionStatus.APPROVED)
                        .order_by("-number").first() for c in modules.get(module.key, [])]
            services.module_set_items(actor=actor, module=module, versions=versions)
    record.filled_at = timezone.now()
    record.save(update_fields=["filled_at"])
    audit_record(actor=actor, action="qti.fill_forms", obj=record,
                 summary={"forms": record.forms})
    return record
