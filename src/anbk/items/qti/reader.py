"""QTI 3.0 → model: an IMS content package (zip) or one qti-assessment-item XML file.

Every file is checked before anything is returned, and every problem found is reported
(file, element, line) in one QtiError: the importer writes nothing unless all is well.
"""

import posixpath
from urllib.parse import unquote

from django.utils.translation import gettext as _
from lxml import etree

from anbk.core.instruments import ItemType
from anbk.items.qti.errors import Problem, QtiError, local_name
from anbk.items.qti.model import (
    QtiItem,
    QtiMedia,
    QtiPackage,
    QtiSection,
    QtiStimulus,
    QtiTest,
    normalise_line,
)
from anbk.items.qti.safe import MAX_XML_BYTES, check_upload_size, is_zip, parse_xml, read_zip
from anbk.items.qti.schema import ANBK_NS, ASI_NS, CP_NS, validate
from anbk.items.qti.writer import (
    METADATA_ATTRIBUTES,
    MODEL_ANSWER_CLASS,
    RUBRIC_CLASS,
    SCALE_CLASS,
)

MANIFEST = "imsmanifest.xml"
SUPPORTED_INTERACTIONS = frozenset({"qti-choice-interaction", "qti-match-interaction",
                                    "qti-text-entry-interaction",
                                    "qti-extended-text-interaction"})
OLDER_QTI = ("http://www.imsglobal.org/xsd/imsqti_v2p0", "http://www.imsglobal.org/xsd/imsqti_v2p1",
             "http://www.imsglobal.org/xsd/imsqti_v2p2")
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
_FROM_ATTRIBUTE = {attribute: key for key, attribute in METADATA_ATTRIBUTES.items()}
_BOOLEAN_METADATA = {"reverse_keyed", "demo_size"}
_FLOAT_METADATA = {"irt_a", "irt_b", "irt_c"}


def _q(name: str, ns: str = ASI_NS) -> str:
    return f"{{{ns}}}{name}"


def _line(element) -> str:
    return normalise_line("".join(element.itertext()))


def _paragraph(element) -> str:
    """A <p>'s text: <br/> breaks lines, any other inline markup gives its text."""
    lines, current = [], [element.text or ""]
    for child in element:
        if local_name(child.tag) == "br":
            lines.append("".join(current))
            current = []
        elif isinstance(child.tag, str):
            current.append("".join(child.itertext()))
        current.append(child.tail or "")
    lines.append("".join(current))
    return "\n".join(n for n in (normalise_line(line) for line in lines) if n)


def _paragraphs(parent) -> str:
    texts = [_paragraph(p) for p in parent if local_name(p.tag) == "p"
             and p.find(_q("qti-text-entry-interaction")) is None]
    return "\n\n".join(t for t in texts if t)


def _has_class(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


class _Reader:
    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.problems: list[Problem] = []
        self.metadata: dict[str, dict] = {}  # path → the manifest's anbk metadata
        self.items: dict[str, QtiItem | None] = {}
        self.stimuli: dict[str, QtiStimulus | None] = {}

    def problem(self, file: str, message: str, element=None) -> None:
        tag = local_name(element.tag) if element is not None else ""
        line = element.sourceline if element is not None else None
        self.problems.append(Problem(file, message, tag, line))

    def resolve(self, file: str, element, href: str | None) -> str | None:
        """The package path an href of `file` points to, if it stays inside the package."""
        href = unquote(href or "")
        if not href or "://" in href or href.startswith("/") or "\\" in href:
            self.problem(file, _("Tautan \"{href}\" keluar dari paket; hanya jalur relatif di "
                                 "dalam paket yang diizinkan.").format(href=href), element)
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(file), href))
        if path == ".." or path.startswith("../"):
            self.problem(file, _("Tautan \"{href}\" keluar dari paket.").format(href=href),
                         element)
            return None
        return path

    def document(self, path: str, namespace: str, root_name: str):
        """A parsed, schema-valid document whose root is <root_name>, or None."""
        try:
            tree = parse_xml(self.files[path], path)
        except QtiError as error:
            self.problems += error.problems
            return None
        root = tree.getroot()
        name = etree.QName(root)
        if name.namespace != namespace:
            hint = _(" (ini QTI 2.x; ubah dulu ke QTI 3.0)") if name.namespace in OLDER_QTI else ""
            self.problem(path, _("Namespace salah \"{found}\"; harus \"{wanted}\"{hint}.")
                         .format(found=name.namespace or "", wanted=namespace, hint=hint), root)
            return None
        if name.localname != root_name:
            self.problem(path, _("Elemen akar harus <{wanted}>.").format(wanted=root_name), root)
            return None
        unknown = [el for el in root.iter() if isinstance(el.tag, str)
                   and local_name(el.tag).endswith("-interaction")
                   and local_name(el.tag) not in SUPPORTED_INTERACTIONS]
        for element in unknown:
            self.problem(path, _("Jenis interaksi tidak didukung. Yang didukung: pilihan "
                                 "(choice), menjodohkan (match), isian (text-entry) dan uraian "
                                 "(extended-text)."), element)
        if unknown:
            return None
        problems = validate(tree, path)
        if problems:
            self.problems += problems
            return None
        return tree

    # --- images and stimuli -------------------------------------------------------------------

    def image(self, file: str, element) -> QtiMedia | None:
        path = self.resolve(file, element, element.get("src"))
        if path is None:
            return None
        data = self.files.get(path)
        if data is None:
            self.problem(file, _("Gambar \"{src}\" tidak ada di dalam paket.")
                         .format(src=element.get("src")), element)
            return None
        if not any(data.startswith(magic) for magic in IMAGE_TYPES):
            self.problem(file, _("Gambar \"{src}\" bukan PNG atau JPEG.")
                         .format(src=element.get("src")), element)
            return None
        return QtiMedia(href=path, data=data)

    def stimulus(self, path: str) -> QtiStimulus | None:
        if path in self.stimuli:
            return self.stimuli[path]
        self.stimuli[path] = None
        tree = self.document(path, ASI_NS, "qti-assessment-stimulus")
        if tree is None:
            return None
        root = tree.getroot()
        body = root.find(_q("qti-stimulus-body"))
        table, images = body.find(_q("table")), list(body.iter(_q("img")))
        stimulus = QtiStimulus(identifier=root.get("identifier"), title=normalise_line(
            root.get("title")), kind="text", body=_paragraphs(body),
            metadata=self.metadata.get(path, {}), source=path)
        if table is not None:
            stimulus.kind = "table"
            stimulus.table = [[_line(cell) for cell in row if isinstance(cell.tag, str)]
                              for row in table.iter(_q("tr"))]
        elif images:
            stimulus.kind = "image"
            stimulus.image = self.image(path, images[0])
            stimulus.image_alt = normalise_line(images[0].get("alt"))
            if len(images) > 1:
                self.problem(path, _("Stimulus gambar memuat satu gambar saja."), images[1])
            if stimulus.image is None:
                return None
        self.stimuli[path] = stimulus
        return stimulus

    # --- items --------------------------------------------------------------------------------

    def item(self, path: str) -> QtiItem | None:
        if path in self.items:
            return self.items[path]
        self.items[path] = None
        tree = self.document(path, ASI_NS, "qti-assessment-item")
        if tree is None:
            return None
        root = tree.getroot()
        before = len(self.problems)
        for img in root.iter(_q("img")):
            if self.image(path, img) is not None:
                self.problem(path, _("Gambar di dalam soal belum didukung; letakkan gambar "
                                     "pada stimulus."), img)
        interactions = [el for el in root.iter() if isinstance(el.tag, str)
                        and local_name(el.tag) in SUPPORTED_INTERACTIONS]
        if len(interactions) != 1:
            self.problem(path, _("Soal harus memuat tepat satu interaksi (ada {n}).")
                         .format(n=len(interactions)), root)
            return None
        interaction = interactions[0]
        declaration = next((d for d in root.iter(_q("qti-response-declaration"))
                            if d.get("identifier") == interaction.get("response-identifier")),
                           None)
        if declaration is None:
            self.problem(path, _("Deklarasi respons \"{id}\" tidak ada.")
                         .format(id=interaction.get("response-identifier")), interaction)
            return None
        item_type, content = self.interaction(path, interaction, declaration)
        stimulus = None
        refs = root.findall(_q("qti-assessment-stimulus-ref"))
        if len(refs) > 1:
            self.problem(path, _("Soal hanya boleh merujuk satu stimulus."), refs[1])
        elif refs:
            target = self.resolve(path, refs[0], refs[0].get("href"))
            if target is not None and target not in self.files:
                self.problem(path, _("Stimulus \"{href}\" tidak ada di dalam paket.")
                             .format(href=refs[0].get("href")), refs[0])
            elif target is not None:
                stimulus = self.stimulus(target)
        if len(self.problems) > before or item_type is None:
            return None
        prompt = _paragraphs(root.find(_q("qti-item-body")))
        own_prompt = interaction.find(_q("qti-prompt"))
        if own_prompt is not None and _line(own_prompt):
            prompt = "\n\n".join(p for p in (prompt, _line(own_prompt)) if p)
        item = QtiItem(identifier=root.get("identifier"), title=normalise_line(root.get("title")),
                       item_type=item_type, prompt=prompt, content=content, stimulus=stimulus,
                       metadata=self.metadata.get(path, {}), source=path)
        self.items[path] = item
        return item

    def interaction(self, path: str, interaction, declaration) -> tuple[str | None, dict]:
        name = local_name(interaction.tag)
        correct = [(v.text or "").strip() for v in declaration.iter(_q("qti-value"))
                   if v.getparent().tag == _q("qti-correct-response")]
        if name == "qti-choice-interaction":
            choices = [{"id": c.get("identifier"), "text": _line(c)}
                       for c in interaction.iter(_q("qti-simple-choice"))]
            scale = next((c[len(SCALE_CLASS):] for c in (interaction.get("class") or "").split()
                          if c.startswith(SCALE_CLASS)), None)
            if scale:
                return ItemType.SCALE, {"scale": scale}
            single = declaration.get("cardinality") == "single"
            return (ItemType.MULTIPLE_CHOICE if single else ItemType.COMPLEX_MULTIPLE_CHOICE,
                    {"choices": choices, "correct": correct})
        if name == "qti-match-interaction":
            sets = interaction.findall(_q("qti-simple-match-set"))
            sources, targets = ([{"id": c.get("identifier"), "text": _line(c)}
                                 for c in s.iter(_q("qti-simple-associable-choice"))]
                                for s in sets)
            pairs = [value.split() for value in correct]
            for value in correct:
                if len(value.split()) != 2:
                    self.problem(path, _("Pasangan benar \"{v}\" harus dua kode dipisah spasi.")
                                 .format(v=value), declaration)
            return ItemType.MATCHING, {"sources": sources, "targets": targets, "pairs": pairs}
        if name == "qti-text-entry-interaction":
            accepted = [normalise_line(e.get("map-key"))
                        for e in declaration.iter(_q("qti-map-entry"))
                        if float(e.get("mapped-value")) > 0] or correct
            return ItemType.SHORT_ANSWER, {"accepted": accepted}
        return ItemType.ESSAY, self.essay(path, interaction.getparent())

    def essay(self, path: str, body) -> dict:
        rubric, model_answer = [], ""
        block = next((b for b in body.iter(_q("qti-rubric-block"))
                      if _has_class(b, RUBRIC_CLASS)), None)
        if block is None:
            return {"rubric": rubric, "model_answer": model_answer}
        for row in block.iter(_q("tr")):
            cells = [c for c in row if isinstance(c.tag, str)]
            points = _line(cells[0]) if cells else ""
            if len(cells) != 2 or not points.isdigit():
                self.problem(path, _("Baris rubrik harus berisi skor (bilangan bulat) dan "
                                     "uraiannya."), row)
                continue
            rubric.append({"points": int(points), "description": _line(cells[1])})
        answer = next((d for d in block.iter(_q("div")) if _has_class(d, MODEL_ANSWER_CLASS)),
                      None)
        if answer is not None:
            model_answer = _paragraphs(answer)
        return {"rubric": rubric, "model_answer": model_answer}

    # --- tests --------------------------------------------------------------------------------

    def test(self, path: str) -> QtiTest | None:
        tree = self.document(path, ASI_NS, "qti-assessment-test")
        if tree is None:
            return None
        root, sections = tree.getroot(), []
        for element in root.iter(_q("qti-assessment-section")):
            section = QtiSection(identifier=element.get("identifier"),
                                 title=normalise_line(element.get("title")), items=[])
            bounds = {local_name(c.tag): c for c in element.iter(_q("qti-gte"), _q("qti-lte"))}
            for operator, attribute in (("qti-gte", "min_correct"), ("qti-lte", "max_correct")):
                value = bounds.get(operator)
                value = value.find(_q("qti-base-value")) if value is not None else None
                if value is not None and (value.text or "").strip().isdigit():
                    setattr(section, attribute, int(value.text))
            for ref in element.iter(_q("qti-assessment-item-ref")):
                target = self.resolve(path, ref, ref.get("href"))
                if target is None:
                    continue
                if target not in self.files:
                    self.problem(path, _("Soal \"{href}\" tidak ada di dalam paket.")
                                 .format(href=ref.get("href")), ref)
                    continue
                item = self.item(target)
                if item is not None:
                    section.items.append(item)
            sections.append(section)
        return QtiTest(identifier=root.get("identifier"), title=normalise_line(root.get("title")),
                       sections=sections, metadata=self.metadata.get(path, {}), source=path)

    # --- the manifest -------------------------------------------------------------------------

    def package(self) -> QtiPackage:
        if MANIFEST not in self.files:
            raise QtiError([Problem(MANIFEST, _("Paket tidak memiliki imsmanifest.xml di "
                                                "akarnya; ini bukan paket konten IMS QTI."))])
        tree = self.document(MANIFEST, CP_NS, "manifest")
        if tree is None:
            raise QtiError(self.problems)
        kinds: dict[str, list[str]] = {"imsqti_item_xmlv3p0": [], "imsqti_test_xmlv3p0": []}
        for resource in tree.getroot().iter(_q("resource", CP_NS)):
            for file in resource.iter(_q("file", CP_NS)):
                path = self.resolve(MANIFEST, file, file.get("href"))
                if path is not None and path not in self.files:
                    self.problem(MANIFEST, _("Berkas \"{href}\" yang disebut manifest tidak ada "
                                             "di dalam paket.").format(href=file.get("href")),
                                 file)
            href = self.resolve(MANIFEST, resource, resource.get("href") or
                                next((f.get("href") for f in resource.iter(_q("file", CP_NS))),
                                     ""))
            if href is None:
                continue
            extra = resource.find(f"{_q('metadata', CP_NS)}/{_q('resource', ANBK_NS)}")
            if extra is not None:
                self.metadata[href] = _metadata(extra)
            if resource.get("type") in kinds and href in self.files:
                kinds[resource.get("type")].append(href)
        items = [self.item(path) for path in kinds["imsqti_item_xmlv3p0"]]
        tests = [self.test(path) for path in kinds["imsqti_test_xmlv3p0"]]
        package = QtiPackage(items=[i for i in items if i is not None],
                             tests=[t for t in tests if t is not None])
        if not package.items and not package.tests and not self.problems:
            self.problem(MANIFEST, _("Paket tidak berisi soal maupun tes QTI 3.0."))
        self._check_unique(package)
        if self.problems:
            raise QtiError(self.problems)
        return package

    def _check_unique(self, package: QtiPackage) -> None:
        seen: dict[str, str] = {}
        for item in [*package.items, *(i for t in package.tests for s in t.sections
                                       for i in s.items)]:
            if seen.setdefault(item.identifier, item.source) != item.source:
                self.problems.append(Problem(item.source, _(
                    "Kode soal \"{id}\" juga dipakai oleh {other}.").format(
                    id=item.identifier, other=seen[item.identifier]), "qti-assessment-item"))


def _metadata(element) -> dict:
    values = {}
    for attribute, raw in element.attrib.items():
        key = _FROM_ATTRIBUTE.get(attribute)
        if key in _BOOLEAN_METADATA:
            values[key] = raw in ("true", "1")
        elif key in _FLOAT_METADATA:
            values[key] = float(raw)
        elif key is not None:
            values[key] = raw
    return values


def read_package(files: dict[str, bytes]) -> QtiPackage:
    return _Reader(files).package()


def read_item_xml(data: bytes, name: str) -> QtiPackage:
    """One qti-assessment-item file on its own (no stimulus, no metadata)."""
    path = posixpath.basename(name) or "soal.xml"
    reader = _Reader({path: data})
    item = reader.item(path)
    if reader.problems or item is None:
        raise QtiError(reader.problems)
    return QtiPackage(items=[item])


def read_upload(fileobj, *, name: str, size: int) -> QtiPackage:
    """A zip content package or one item XML, as uploaded; sizes are checked first."""
    check_upload_size(size, name)
    head = fileobj.read(4)
    fileobj.seek(0)
    if is_zip(head):
        return read_package(read_zip(fileobj, name))
    data = fileobj.read(MAX_XML_BYTES + 1)
    return read_item_xml(data, name)
