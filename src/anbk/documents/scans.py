"""Checks on an uploaded scan, by content and never by name (J-5,
docs/decisions/0019-scan-uploads.md).

A scan is accepted as PDF, JPEG or PNG when its first bytes say so AND it parses as that
type: images are decoded in full by Pillow (which came with ReportLab); a PDF is checked for
its header, its end-of-file marker and a cross-reference table or stream where `startxref`
points (pypdf is only a test dependency). What a browser or reader could take for another
type is refused: markup or a PDF header inside an image, bytes after an image's end, active
content (JavaScript, launch actions, embedded files) in a PDF.
"""

import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
MAX_PIXELS = 60_000_000  # an A4 page at 600 dpi is 35 Mpx; beyond this is a decompression bomb
_SNIFF = 1024  # how far readers and browsers look for a type signature
_MARKUP = re.compile(rb"<(?:html|script|body|svg|iframe)|%PDF-", re.IGNORECASE)
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


class ScanRejected(ValueError):
    """A scan the server refuses; the message is shown to the uploader as it is."""


@dataclass(frozen=True)
class ScanType:
    content_type: str
    extension: str


def check_name(name: str) -> None:
    """A name is only displayed, never used as a path; one naming folders is refused
    outright so a tampered client learns nothing is written where it points."""
    if not name or "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise ScanRejected(_("Nama berkas tidak sah: nama tidak boleh berisi folder "
                             "(/, \\ atau ..)."))


def check_size(size: int, limit: int) -> None:
    if size <= 0:
        raise ScanRejected(_("Berkas kosong. Pilih hasil pindaian yang sudah ditandatangani."))
    if size > limit:
        raise ScanRejected(_("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
                           % {"size": f"{size / 1e6:.1f}", "limit": f"{limit / 1e6:.0f}"})


def check_content(data: bytes) -> ScanType:
    """The scan's type by content; raises ScanRejected with the reason otherwise."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return ScanType(PDF, EXTENSIONS[PDF])
    if data.startswith(b"\xff\xd8\xff"):
        _check_image(data, "JPEG")
        return ScanType(JPEG, EXTENSIONS[JPEG])
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(data, "PNG")
        return ScanType(PNG, EXTENSIONS[PNG])
    raise ScanRejected(_("Berkas bukan PDF, JPEG atau PNG (dilihat dari isinya, bukan dari "
                         "namanya)."))


def _broken(kind: str) -> ScanRejected:
    return ScanRejected(_("Berkas %(kind)s rusak atau tidak dapat dibaca.") % {"kind": kind})


def _check_pdf(data: bytes) -> None:
    if not re.match(rb"%PDF-[12]\.\d", data):
        raise _broken("PDF")
    tail = data[-2048:]
    found = _STARTXREF.search(tail)
    if found is None:
        raise _broken("PDF")
    offset = int(found.group(1))
    # The cross-reference table ("xref") or stream ("<n> <g> obj") startxref points at.
    if offset >= len(data) or not re.match(rb"\s*(?:xref|\d+\s+\d+\s+obj)", data[offset:]):
        raise _broken("PDF")
    if not re.search(rb"/Type\s*/Page\b", data):
        raise ScanRejected(_("PDF tidak berisi halaman."))
    if _PDF_ACTIVE.search(data):
        raise ScanRejected(_("PDF berisi skrip, tindakan atau lampiran; unggah hasil "
                             "pindaian biasa."))
    if _MARKUP.search(data[5:_SNIFF]):
        raise ScanRejected(_("Berkas berisi lebih dari satu jenis isi; unggah hasil "
                             "pindaian biasa."))


def _check_image(data: bytes, kind: str) -> None:
    if _MARKUP.search(data):
        raise ScanRejected(_("Berkas berisi lebih dari satu jenis isi; unggah hasil "
                             "pindaian biasa."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != kind:
                raise _broken(kind)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ScanRejected(_("Gambar terlalu besar (%(w)d × %(h)d piksel).")
                                   % {"w": width, "h": height})
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except ScanRejected:
        raise
    except Exception as problem:  # Pillow raises many kinds for a broken file
        raise _broken(kind) from problem
    end = _image_end(data, kind)
    if end is None or data[end:].strip(b"\x00\r\n\t "):
        raise ScanRejected(_("Berkas berisi data lain setelah gambarnya; unggah hasil "
                             "pindaian biasa."))


def _image_end(data: bytes, kind: str) -> int | None:
    """Offset just past the image's own end (PNG IEND chunk, JPEG EOI marker)."""
    if kind == "PNG":
        at = data.rfind(b"IEND")
        return None if at < 0 else at + 8  # chunk type + CRC
    at = data.rfind(b"\xff\xd9")
    return None if at < 0 else at + 2
