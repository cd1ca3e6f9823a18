"""Validation against the XSDs kept in schemas/ (docs/decisions/0015-qti-schemas.md).

The schemas are loaded once per process, from this folder only (xmlschema's sandbox: no
other file, no network); instance documents are validated without their xsi:schemaLocation
hints, so a document cannot make the validator fetch anything.
"""

import functools
from pathlib import Path

import xmlschema
from django.utils.translation import gettext as _
from lxml import etree

from anbk.items.qti.errors import Problem, local_name

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
ASI_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
ANBK_NS = "urn:x-anbk:qti-metadata:1"
SCHEMA_FILES = {ASI_NS: "anbk_qti_asi_v3p0_profile.xsd", CP_NS: "anbk_qti_imscp_v1p2_profile.xsd"}
# At most this many schema errors are reported per file: the first few tell what is wrong.
MAX_ERRORS_PER_FILE = 20


@functools.cache
def schema_for(namespace: str) -> xmlschema.XMLSchema:
    path = SCHEMA_DIR / SCHEMA_FILES[namespace]
    return xmlschema.XMLSchema(str(path), base_url=str(SCHEMA_DIR), allow="sandbox",
                               defuse="always")


def validate(tree: etree._ElementTree, file: str) -> list[Problem]:
    """Schema problems of a document whose root is in ASI_NS or CP_NS (checked before)."""
    namespace = etree.QName(tree.getroot()).namespace
    problems = []
    for error in schema_for(namespace).iter_errors(tree, use_location_hints=False):
        element = error.elem
        tag = local_name(element.tag) if element is not None else ""
        line = getattr(element, "sourceline", None)
        problems.append(Problem(file, _("tidak sesuai skema QTI 3.0: {reason}")
                                .format(reason=error.reason or error.message), tag, line))
        if len(problems) >= MAX_ERRORS_PER_FILE:
            break
    return problems
