"""The hostile and broken QTI corpus (issue 6, "Bad input"), built at test time.

Each entry: a name, a function writing the file into a folder and returning its path, and
what the refusal must name (the file inside the upload, and the element when there is one).
"""

import io
import os
import zipfile
from dataclasses import dataclass

from anbk.items.qti import writer
from tests.qti.samples import PNG, items, package, stimuli

ASI = b"http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
GOOD_ITEM = writer.item_xml(items()[-1])  # the survey item: no stimulus


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _good_files() -> dict[str, bytes]:
    return writer.package_files(package(), identifier="corpus")


def _with(changes: dict[str, bytes | None]) -> bytes:
    files = _good_files()
    for name, data in changes.items():
        if data is None:
            files.pop(name)
        else:
            files[name] = data
    return _zip(files)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE qti-assessment-item [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="X"
  title="&xxe;" time-dependent="false"/>
"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="X"
  title="&lol3;" time-dependent="false"/>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE qti-assessment-item SYSTEM "http://example.invalid/qti.dtd">
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="X"
  title="t" time-dependent="false"/>
"""
HOTSPOT = GOOD_ITEM.replace(b"</qti-item-body>", b"""  <qti-hotspot-interaction
      response-identifier="R2" max-choices="1"/>
  </qti-item-body>""")

MISSING_IMAGE = writer.stimulus_xml(stimuli()["image"]).replace(b"../media/0000.png",
                                                                 b"../media/hilang.png")


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes | None  # None: make() writes the file itself
    file: str  # the file the first problem names
    element: str = ""
    says: str = ""  # a word of the message

    def make(self, folder) -> str:
        path = os.path.join(folder, self.name)
        if self.data is None:  # 200 MB of nothing: a sparse file costs no disk or time
            with open(path, "wb") as fh:
                fh.truncate(200 * 1024 * 1024)
        else:
            with open(path, "wb") as fh:
                fh.write(self.data)
        return path


CASES = [
    Case("xxe.xml", XXE, "xxe.xml", "!DOCTYPE", "XXE"),
    Case("billion_laughs.xml", LAUGHS, "billion_laughs.xml", "!DOCTYPE", "billion laughs"),
    Case("external_dtd.xml", EXTERNAL_DTD, "external_dtd.xml", "!DOCTYPE", "DOCTYPE"),
    Case("xxe_in_package.zip", _with({"items/SK-01.xml": XXE}), "items/SK-01.xml",
         "!DOCTYPE", "XXE"),
    Case("zip_slip.zip", _with({"../../../tmp/anbk-evil.xml": GOOD_ITEM}),
         "../../../tmp/anbk-evil.xml", "", "zip slip"),
    Case("zip_slip_absolute.zip", _with({"/etc/cron.d/anbk": b"* * * * * root id"}),
         "/etc/cron.d/anbk", "", "zip slip"),
    Case("zip_slip_backslash.zip", _with({"..\\..\\evil.xml": GOOD_ITEM}),
         "..\\..\\evil.xml", "", "zip slip"),
    Case("zip_bomb.zip", _with({"media/bomb.png": PNG + bytes(7 * 1024 * 1024)}),
         "media/bomb.png", "", "bom zip"),
    Case("huge_200mb.zip", None, "huge_200mb.zip", "", "terlalu besar"),
    Case("wrong_namespace.zip",
         _with({"items/SK-01.xml": GOOD_ITEM.replace(
             ASI, b"http://www.imsglobal.org/xsd/imsqti_v2p1")}),
         "items/SK-01.xml", "qti-assessment-item", "QTI 2.x"),
    Case("missing_manifest.zip", _with({"imsmanifest.xml": None}), "imsmanifest.xml", "",
         "imsmanifest.xml"),
    Case("missing_image.zip", _with({"stimuli/STM-GAMBAR.xml": MISSING_IMAGE}),
         "stimuli/STM-GAMBAR.xml", "img", "tidak ada"),
    Case("unknown_interaction.zip", _with({"items/SK-01.xml": HOTSPOT}), "items/SK-01.xml",
         "qti-hotspot-interaction", "tidak didukung"),
    Case("missing_item_file.zip", _with({"items/LIT-PG-01.xml": None}), "imsmanifest.xml",
         "file", "tidak ada"),
    Case("link_out_of_package.zip", _with({"items/NUM-ISIAN-01.xml": writer.item_xml(
        items()[3]).replace(b"../stimuli/STM-TABEL.xml", b"../../../etc/passwd")}),
         "items/NUM-ISIAN-01.xml", "qti-assessment-stimulus-ref", "keluar dari paket"),
    Case("utf16.xml", GOOD_ITEM.decode().replace("UTF-8", "UTF-16").encode("utf-16"),
         "utf16.xml", "", "UTF-8"),
    Case("malformed.xml", GOOD_ITEM[:-40], "malformed.xml", "", "XML tidak sah"),
    Case("schema_invalid.zip", _with({"items/SK-01.xml": GOOD_ITEM.replace(
        b' time-dependent="false"', b"")}), "items/SK-01.xml", "qti-assessment-item",
         "time-dependent"),
    Case("not_a_package.zip", b"PK\x03\x04 this is not really a zip", "not_a_package.zip", "",
         "zip rusak"),
]
