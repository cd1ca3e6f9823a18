"""Model → QTI 3.0 XML and an IMS content package (zip), always the same bytes for the same
model: attributes in a fixed order, text normalised, zip members sorted with fixed times.

Layout of a package:

    imsmanifest.xml
    tests/<form code>.xml      qti-assessment-test
    items/<item code>.xml      qti-assessment-item
    stimuli/<code>.xml         qti-assessment-stimulus
    media/<sha256:16>.<ext>    images
"""

import hashlib
import io
import posixpath
import zipfile

from django.utils import translation
from lxml import etree

from anbk.core.instruments import SCALES, ItemType
from anbk.items.qti.model import (
    QtiItem,
    QtiMedia,
    QtiPackage,
    QtiStimulus,
    QtiTest,
    normalise_line,
    paragraphs,
)
from anbk.items.qti.schema import ANBK_NS, ASI_NS, CP_NS

TOOL_NAME, TOOL_VERSION = "anbk", "1"
PACKAGE_FORMAT = "1"
LANG = "id"
RESPONSE, SCORE = "RESPONSE", "SCORE"
RP_TEMPLATES = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/"
MATCH_CORRECT, MAP_RESPONSE = RP_TEMPLATES + "match_correct.xml", RP_TEMPLATES + "map_response.xml"
SCALE_CLASS = "anbk-scale-"
RUBRIC_CLASS, MODEL_ANSWER_CLASS = "anbk-rubric", "anbk-model-answer"
SCALE_CHOICE_IDS = ("P1", "P2", "P3", "P4")
EXTENDED_TEXT_LINES = 8
SHORT_ANSWER_LENGTH = 20
MEDIA_EXTENSIONS = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Resource metadata: model key → attribute of <anbk:resource>, in this order.
METADATA_ATTRIBUTES = {
    "bank": "bank", "domain": "domain", "level": "level", "content_area": "content-area",
    "cognitive_level": "cognitive-level", "context": "context", "aspect": "aspect",
    "index": "index", "respondent": "respondent", "reverse_keyed": "reverse-keyed",
    "irt_a": "irt-a", "irt_b": "irt-b", "irt_c": "irt-c", "design": "design",
    "demo_size": "demo-size",
}
# Fixed member time: the DOS epoch, so the zip's bytes do not depend on when it was made.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _q(name: str, ns: str = ASI_NS) -> str:
    return f"{{{ns}}}{name}"


def _sub(parent, name: str, ns: str = ASI_NS, text: str | None = None, **attrib):
    element = etree.SubElement(parent, _q(name, ns))
    for key, value in attrib.items():
        element.set(key.rstrip("_").replace("_", "-"), value)
    if text is not None:
        element.text = text
    return element


def _lines_into(element, lines: list[str]) -> None:
    """One paragraph's lines as text with <br/> between them."""
    element.text = lines[0]
    for line in lines[1:]:
        _sub(element, "br").tail = line


def _paragraphs_into(parent, text: str) -> None:
    for lines in paragraphs(text):
        _lines_into(_sub(parent, "p"), lines)


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def media_href(data: bytes) -> str:
    extension = next((ext for magic, ext in MEDIA_EXTENSIONS.items() if data.startswith(magic)),
                     ".bin")
    return f"media/{hashlib.sha256(data).hexdigest()[:16]}{extension}"


def item_href(identifier: str) -> str:
    return f"items/{identifier}.xml"


def stimulus_href(identifier: str) -> str:
    return f"stimuli/{identifier}.xml"


def form_href(identifier: str) -> str:
    return f"tests/{identifier}.xml"


def _relative(from_file: str, to_file: str) -> str:
    return posixpath.relpath(to_file, posixpath.dirname(from_file))


# --- items ------------------------------------------------------------------------------------

def _declarations(root, item: QtiItem) -> None:
    kind, content = ItemType(item.item_type), item.content
    if kind in (ItemType.MULTIPLE_CHOICE, ItemType.COMPLEX_MULTIPLE_CHOICE):
        single = kind == ItemType.MULTIPLE_CHOICE
        declaration = _sub(root, "qti-response-declaration", identifier=RESPONSE,
                           cardinality="single" if single else "multiple",
                           base_type="identifier")
        correct = _sub(declaration, "qti-correct-response")
        for choice in content["correct"]:
            _sub(correct, "qti-value", text=choice)
    elif kind == ItemType.MATCHING:
        declaration = _sub(root, "qti-response-declaration", identifier=RESPONSE,
                           cardinality="multiple", base_type="directedPair")
        correct = _sub(declaration, "qti-correct-response")
        for source, target in content["pairs"]:
            _sub(correct, "qti-value", text=f"{source} {target}")
    elif kind == ItemType.SHORT_ANSWER:
        declaration = _sub(root, "qti-response-declaration", identifier=RESPONSE,
                           cardinality="single", base_type="string")
        _sub(_sub(declaration, "qti-correct-response"), "qti-value",
             text=normalise_line(content["accepted"][0]))
        mapping = _sub(declaration, "qti-mapping", default_value="0")
        for answer in content["accepted"]:
            _sub(mapping, "qti-map-entry", map_key=normalise_line(answer), mapped_value="1",
                 case_sensitive="false")
    elif kind == ItemType.ESSAY:
        _sub(root, "qti-response-declaration", identifier=RESPONSE, cardinality="single",
             base_type="string")
    else:
        _sub(root, "qti-response-declaration", identifier=RESPONSE, cardinality="single",
             base_type="identifier")
    _sub(root, "qti-outcome-declaration", identifier=SCORE, cardinality="single",
         base_type="float")


def _choices(parent, tag: str, options: list[dict], **attrib) -> None:
    for option in options:
        _sub(parent, tag, text=normalise_line(option["text"]), identifier=option["id"], **attrib)


def _rubric(body, content: dict) -> None:
    block = _sub(body, "qti-rubric-block", view="scorer", use="scoring", class_=RUBRIC_CLASS)
    holder = _sub(block, "qti-content-body")
    rows = _sub(_sub(holder, "table"), "tbody")
    for level in content["rubric"]:
        row = _sub(rows, "tr")
        _sub(row, "td", text=str(level["points"]))
        _sub(row, "td", text=normalise_line(level["description"]))
    if paragraphs(content.get("model_answer", "")):
        _paragraphs_into(_sub(holder, "div", class_=MODEL_ANSWER_CLASS),
                         content["model_answer"])


def _interaction(body, item: QtiItem) -> None:
    kind, content = ItemType(item.item_type), item.content
    if kind in (ItemType.MULTIPLE_CHOICE, ItemType.COMPLEX_MULTIPLE_CHOICE):
        interaction = _sub(body, "qti-choice-interaction", response_identifier=RESPONSE,
                           shuffle="false",
                           max_choices="1" if kind == ItemType.MULTIPLE_CHOICE else "0")
        _choices(interaction, "qti-simple-choice", content["choices"])
    elif kind == ItemType.SCALE:
        interaction = _sub(body, "qti-choice-interaction", class_=SCALE_CLASS + content["scale"],
                           response_identifier=RESPONSE, shuffle="false", max_choices="1")
        # The scale's words are part of the exported item: always in Indonesian.
        with translation.override(LANG):
            labels = [str(label) for label in SCALES[content["scale"]]]
        _choices(interaction, "qti-simple-choice",
                 [{"id": i, "text": t} for i, t in zip(SCALE_CHOICE_IDS, labels, strict=True)])
    elif kind == ItemType.MATCHING:
        interaction = _sub(body, "qti-match-interaction", response_identifier=RESPONSE,
                           shuffle="false", max_associations=str(len(content["sources"])))
        _choices(_sub(interaction, "qti-simple-match-set"), "qti-simple-associable-choice",
                 content["sources"], match_max="1")
        _choices(_sub(interaction, "qti-simple-match-set"), "qti-simple-associable-choice",
                 content["targets"], match_max="0")
    elif kind == ItemType.SHORT_ANSWER:
        _sub(_sub(body, "p"), "qti-text-entry-interaction", response_identifier=RESPONSE,
             expected_length=str(SHORT_ANSWER_LENGTH))
    else:
        _sub(body, "qti-extended-text-interaction", response_identifier=RESPONSE,
             format="plain", expected_lines=str(EXTENDED_TEXT_LINES))
        _rubric(body, content)


def item_xml(item: QtiItem) -> bytes:
    root = etree.Element(_q("qti-assessment-item"), nsmap={None: ASI_NS})
    for key, value in (("identifier", item.identifier), ("title", normalise_line(item.title)),
                       (XML_LANG, LANG), ("adaptive", "false"), ("time-dependent", "false"),
                       ("tool-name", TOOL_NAME), ("tool-version", TOOL_VERSION)):
        root.set(key, value)
    _declarations(root, item)
    own = item_href(item.identifier)
    if item.stimulus is not None:
        _sub(root, "qti-assessment-stimulus-ref", identifier=item.stimulus.identifier,
             href=_relative(own, stimulus_href(item.stimulus.identifier)),
             title=normalise_line(item.stimulus.title))
    body = _sub(root, "qti-item-body")
    _paragraphs_into(body, item.prompt)
    _interaction(body, item)
    kind = ItemType(item.item_type)
    if kind in (ItemType.MULTIPLE_CHOICE, ItemType.COMPLEX_MULTIPLE_CHOICE, ItemType.MATCHING):
        _sub(root, "qti-response-processing", template=MATCH_CORRECT)
    elif kind == ItemType.SHORT_ANSWER:
        _sub(root, "qti-response-processing", template=MAP_RESPONSE)
    return _serialise(root)


# --- stimuli and tests ------------------------------------------------------------------------

def stimulus_xml(stimulus: QtiStimulus) -> bytes:
    root = etree.Element(_q("qti-assessment-stimulus"), nsmap={None: ASI_NS})
    for key, value in (("identifier", stimulus.identifier),
                       ("title", normalise_line(stimulus.title)), (XML_LANG, LANG),
                       ("tool-name", TOOL_NAME), ("tool-version", TOOL_VERSION)):
        root.set(key, value)
    body = _sub(root, "qti-stimulus-body")
    _paragraphs_into(body, stimulus.body)
    if stimulus.kind == "table":
        table = _sub(body, "table")
        header, *rows = stimulus.table
        head_row = _sub(_sub(table, "thead"), "tr")
        for cell in header:
            _sub(head_row, "th", text=normalise_line(cell))
        tbody = _sub(table, "tbody")
        for row in rows:
            tr = _sub(tbody, "tr")
            for cell in row:
                _sub(tr, "td", text=normalise_line(cell))
    elif stimulus.kind == "image":
        _sub(body, "img", src=_relative(stimulus_href(stimulus.identifier), stimulus.image.href),
             alt=normalise_line(stimulus.image_alt))
    return _serialise(root)


def _number_correct_range(section, low: int, high: int) -> None:
    both = _sub(_sub(section, "qti-pre-condition"), "qti-and")
    for operator, bound in (("qti-gte", low), ("qti-lte", high)):
        compare = _sub(both, operator)
        _sub(compare, "qti-number-correct", section_identifier="stage1")
        _sub(compare, "qti-base-value", text=str(bound), base_type="integer")


def assessment_test_xml(test: QtiTest) -> bytes:
    root = etree.Element(_q("qti-assessment-test"), nsmap={None: ASI_NS})
    for key, value in (("identifier", test.identifier), ("title", normalise_line(test.title)),
                       ("tool-name", TOOL_NAME), ("tool-version", TOOL_VERSION)):
        root.set(key, value)
    _sub(root, "qti-outcome-declaration", identifier=SCORE, cardinality="single",
         base_type="float")
    adaptive = len(test.sections) > 1
    part = _sub(root, "qti-test-part", identifier="bagian-1",
                navigation_mode="linear" if adaptive else "nonlinear",
                submission_mode="simultaneous")
    own = form_href(test.identifier)
    for section in test.sections:
        element = _sub(part, "qti-assessment-section", identifier=section.identifier,
                       title=normalise_line(section.title), visible="true")
        if section.min_correct is not None:
            _number_correct_range(element, section.min_correct, section.max_correct)
        for position, item in enumerate(section.items, start=1):
            _sub(element, "qti-assessment-item-ref",
                 identifier=f"{section.identifier}-{position}",
                 href=_relative(own, item_href(item.identifier)))
    return _serialise(root)


# --- the package ------------------------------------------------------------------------------

def _metadata(resource, values: dict) -> None:
    attributes = {}
    for key, attribute in METADATA_ATTRIBUTES.items():
        value = values.get(key)
        if value is None or value == "":
            continue
        attributes[attribute] = ("true" if value else "false") if isinstance(value, bool) \
            else repr(float(value)) if isinstance(value, float) else str(value)
    if attributes:
        element = _sub(_sub(resource, "metadata", CP_NS), "resource", ANBK_NS)
        for attribute, value in attributes.items():
            element.set(attribute, value)


def _resource(resources, identifier: str, type_: str, href: str, metadata: dict | None,
              dependencies: list[str]):
    resource = _sub(resources, "resource", CP_NS, identifier=identifier, type=type_, href=href)
    if metadata is not None:
        _metadata(resource, metadata)
    _sub(resource, "file", CP_NS, href=href)
    for dependency in dependencies:
        _sub(resource, "dependency", CP_NS, identifierref=dependency)


def _unique_items(package: QtiPackage) -> list[QtiItem]:
    seen: dict[str, QtiItem] = {}
    for item in [*package.items,
                 *(i for t in package.tests for s in t.sections for i in s.items)]:
        seen.setdefault(item.identifier, item)
    return list(seen.values())


def package_files(package: QtiPackage, *, identifier: str) -> dict[str, bytes]:
    """Every file of the package by its path, the manifest included."""
    items = _unique_items(package)
    stimuli = {i.stimulus.identifier: i.stimulus for i in items if i.stimulus is not None}
    media: dict[str, QtiMedia] = {s.image.href: s.image for s in stimuli.values() if s.image}
    files = {m.href: m.data for m in media.values()}
    root = etree.Element(_q("manifest", CP_NS), nsmap={None: CP_NS, "anbk": ANBK_NS})
    root.set("identifier", identifier)
    metadata = _sub(root, "metadata", CP_NS)
    _sub(metadata, "schema", CP_NS, text="QTI Package")
    _sub(metadata, "schemaversion", CP_NS, text="3.0.0")
    _sub(metadata, "package", ANBK_NS, tool=TOOL_NAME, format=PACKAGE_FORMAT)
    _sub(root, "organizations", CP_NS)
    resources = _sub(root, "resources", CP_NS)
    for test in package.tests:
        href = form_href(test.identifier)
        files[href] = assessment_test_xml(test)
        depends = list(dict.fromkeys(f"item-{i.identifier}" for s in test.sections
                                     for i in s.items))
        _resource(resources, f"test-{test.identifier}", "imsqti_test_xmlv3p0", href,
                  test.metadata, depends)
    for item in items:
        href = item_href(item.identifier)
        files[href] = item_xml(item)
        depends = [f"stimulus-{item.stimulus.identifier}"] if item.stimulus else []
        _resource(resources, f"item-{item.identifier}", "imsqti_item_xmlv3p0", href,
                  item.metadata, depends)
    for stimulus in stimuli.values():
        href = stimulus_href(stimulus.identifier)
        files[href] = stimulus_xml(stimulus)
        depends = [_media_id(stimulus.image.href)] if stimulus.image else []
        _resource(resources, f"stimulus-{stimulus.identifier}", "imsqti_stimulus_xmlv3p0",
                  href, stimulus.metadata, depends)
    for href in media:
        _resource(resources, _media_id(href), "webcontent", href, None, [])
    files["imsmanifest.xml"] = _serialise(root)
    return files


def _media_id(href: str) -> str:
    return "media-" + posixpath.basename(href).replace(".", "-")


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip whose bytes depend only on the files: manifest first, then by path."""
    out = io.BytesIO()
    order = sorted(files, key=lambda path: (path != "imsmanifest.xml", path))
    with zipfile.ZipFile(out, "w") as archive:
        for path in order:
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path], compresslevel=9)
    return out.getvalue()


def build_package(package: QtiPackage, *, identifier: str) -> bytes:
    return zip_files(package_files(package, identifier=identifier))
