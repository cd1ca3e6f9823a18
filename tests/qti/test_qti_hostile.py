"""Hostile and broken QTI input is refused with a clear error naming the file and the
element, before anything is imported (issue 6 "Bad input")."""

import io
import os
import zipfile

import pytest
from lxml import etree

from anbk.items.qti import reader, safe
from anbk.items.qti.errors import QtiError
from tests.qti.corpus import CASES, GOOD_ITEM


def refuse(path: str) -> list:
    with open(path, "rb") as fh, pytest.raises(QtiError) as refused:
        reader.read_upload(fh, name=os.path.basename(path), size=os.path.getsize(path))
    return refused.value.problems


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_file_is_refused_naming_file_and_element(case, tmp_path):
    problems = refuse(case.make(tmp_path))
    first = problems[0]
    assert first.file == case.file
    assert first.element == case.element
    assert case.says.lower() in str(first).lower()


def test_xxe_never_reads_the_file(tmp_path):
    from tests.qti.corpus import XXE

    path = tmp_path / "x.xml"
    path.write_bytes(XXE)
    assert "root:" not in " ".join(str(p) for p in refuse(str(path)))


def test_a_doctype_in_an_encoding_that_hides_it_from_the_byte_check_is_refused():
    text = '<?xml version="1.0" encoding="IBM500"?>\n<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    data = text.encode("cp500")
    assert b"<!DOCTYPE" not in data
    with pytest.raises(QtiError):
        safe.parse_xml(data, "a.xml")


def test_a_parsed_document_with_a_dtd_is_refused():
    tree = etree.parse(io.BytesIO(b'<!DOCTYPE a [<!ENTITY e "x">]><a/>'))
    with pytest.raises(QtiError, match="DOCTYPE"):
        safe.refuse_dtd(tree, "a.xml")


def test_a_zip_whose_header_lies_about_a_size_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("imsmanifest.xml", GOOD_ITEM)
    data = bytearray(out.getvalue())
    # Shrink the central directory's "uncompressed size" of the only member to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(QtiError) as refused:
        safe.read_zip(io.BytesIO(bytes(data)), "lying.zip")
    assert refused.value.problems[0].file == "imsmanifest.xml"


def test_too_much_in_total_is_refused(monkeypatch):
    monkeypatch.setattr(safe, "MAX_TOTAL_BYTES", 1000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"items/{n}.xml", GOOD_ITEM)
    with pytest.raises(QtiError, match="bom zip"):
        safe.read_zip(io.BytesIO(out.getvalue()), "many.zip")


def test_too_many_members_are_refused(monkeypatch):
    monkeypatch.setattr(safe, "MAX_MEMBERS", 2)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(3):
            archive.writestr(f"{n}.txt", b"x")
    with pytest.raises(QtiError, match="paling banyak 2"):
        safe.read_zip(io.BytesIO(out.getvalue()), "many.zip")


def test_every_problem_of_a_package_is_reported_at_once(tmp_path):
    from tests.qti.corpus import HOTSPOT, _with

    path = tmp_path / "three.zip"
    path.write_bytes(_with({"items/SK-01.xml": HOTSPOT, "media/0000.png": None,
                            "items/LIT-PG-01.xml": None}))
    problems = refuse(str(path))
    # The manifest names the missing item file and image; both tests refer to the missing
    # item; the stimulus shows the missing image; the survey item has a hotspot.
    assert {p.file for p in problems} == {"imsmanifest.xml", "items/SK-01.xml",
                                          "stimuli/STM-GAMBAR.xml", "tests/AKM-SD-CONTOH.xml",
                                          "tests/MST-SD-CONTOH.xml"}
