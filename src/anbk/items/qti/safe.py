"""Reading hostile input safely: XML and zip files from outside are attacks until checked.

XML: parsed by lxml with entity resolution, DTD loading and network access off and huge
trees refused; any document that has a DOCTYPE at all is refused (XXE, billion laughs,
external DTDs), as is any encoding but UTF-8.

Zip: every member name is checked (no absolute paths, no `..`, no backslashes or drive
letters: zip slip) and every size before anything is read: the file, each member, the total
and the compression ratio (zip bomb). Members are read into memory through a bounded read,
never extracted to disk, so a lying size header cannot overrun the limits either.
"""

import io
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from lxml import etree

from anbk.items.qti.errors import Problem, QtiError

# The largest upload: a form's package with its images is a few MB.
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
# One XML document (an item, a stimulus, a test or the manifest).
MAX_XML_BYTES = 4 * 1024 * 1024
# One image.
MAX_MEDIA_BYTES = 8 * 1024 * 1024
# Everything in a package, uncompressed.
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_MEMBERS = 5000
# Deflate compresses XML about 5–10×; a member shrunk more than this is a bomb. Small members
# are exempt: a 2 KB run of spaces compressing 200× harms nobody.
MAX_RATIO = 100
RATIO_EXEMPT_BYTES = 64 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, remove_blank_text=False)


def parse_xml(data: bytes, file: str) -> etree._ElementTree:
    """Parse one XML document or raise QtiError naming the file."""
    if len(data) > MAX_XML_BYTES:
        raise QtiError([Problem(file, _("Berkas XML terlalu besar ({n} byte; paling besar "
                                         "{max} byte).").format(n=len(data),
                                                                max=MAX_XML_BYTES))])
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00", b"\x00<", b"<\x00")):
        raise QtiError([Problem(file, _("Berkas XML harus berenkode UTF-8."))])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise QtiError([Problem(file, _("DOCTYPE dan deklarasi entitas tidak diizinkan "
                                        "(mencegah XXE dan 'billion laughs')."),
                                element="!DOCTYPE")])
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except etree.XMLSyntaxError as error:
        raise QtiError([Problem(file, _("XML tidak sah: {msg}").format(msg=error.msg),
                                line=error.lineno)]) from None
    refuse_dtd(tree, file)
    info = tree.docinfo
    if (info.encoding or "UTF-8").upper() not in ("UTF-8", "UTF8"):
        raise QtiError([Problem(file, _("Berkas XML harus berenkode UTF-8 (tertulis {enc}).")
                                .format(enc=info.encoding))])
    return tree


def refuse_dtd(tree: etree._ElementTree, file: str) -> None:
    """The second line of defence: whatever slipped past the byte check (an encoding that
    hides the ASCII bytes), a parsed document with a DTD is refused."""
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise QtiError([Problem(file, _("DOCTYPE tidak diizinkan."), element="!DOCTYPE")])


def _unsafe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or "\x00" in name:
        return True
    parts = PurePosixPath(name).parts
    return ".." in parts or ":" in parts[0]


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06")


def check_upload_size(size: int, file: str) -> None:
    """Before anything is read: a 200 MB upload is refused from its size alone."""
    if size > MAX_UPLOAD_BYTES:
        raise QtiError([Problem(file, _("Berkas terlalu besar ({mb} MB; paling besar {max} MB).")
                                .format(mb=size // (1024 * 1024),
                                        max=MAX_UPLOAD_BYTES // (1024 * 1024)))])


def read_zip(fileobj, file: str) -> dict[str, bytes]:
    """Every file of a zip, by its path, after every check; or QtiError listing them all."""
    try:
        archive = zipfile.ZipFile(fileobj)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise QtiError([Problem(file, _("Berkas zip rusak: {err}").format(err=error))]) from None
    problems: list[Problem] = []
    if len(members) > MAX_MEMBERS:
        raise QtiError([Problem(file, _("Paket berisi {n} berkas; paling banyak {max}.")
                                .format(n=len(members), max=MAX_MEMBERS))])
    total, seen, wanted = 0, set(), []
    for info in members:
        name = info.filename
        if _unsafe_name(name):
            problems.append(Problem(name, _("Jalur berkas berbahaya (zip slip): jalur mutlak, "
                                            "'..' atau garis miring terbalik tidak diizinkan.")))
            continue
        if info.is_dir():
            continue
        if name in seen:
            problems.append(Problem(name, _("Berkas ini ada dua kali di dalam zip.")))
            continue
        seen.add(name)
        if info.flag_bits & 0x1:
            problems.append(Problem(name, _("Berkas terenkripsi di dalam zip tidak didukung.")))
            continue
        limit = MAX_XML_BYTES if name.lower().endswith(".xml") else MAX_MEDIA_BYTES
        if info.file_size > limit:
            problems.append(Problem(name, _("Berkas terlalu besar ({n} byte; paling besar "
                                            "{max} byte).").format(n=info.file_size,
                                                                   max=limit)))
            continue
        if info.file_size > RATIO_EXEMPT_BYTES and (
                info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            problems.append(Problem(name, _("Rasio kompresi {r}:1 mencurigakan (bom zip); "
                                            "paling besar {max}:1.")
                                    .format(r=info.file_size // max(info.compress_size, 1),
                                            max=MAX_RATIO)))
            continue
        total += info.file_size
        wanted.append((info, limit))
    if total > MAX_TOTAL_BYTES:
        problems.append(Problem(file, _("Isi paket setelah dibuka {mb} MB; paling besar {max} "
                                        "MB (bom zip).").format(
            mb=total // (1024 * 1024), max=MAX_TOTAL_BYTES // (1024 * 1024))))
    if problems:
        raise QtiError(problems)
    files = {}
    for info, limit in wanted:
        try:
            with archive.open(info) as fh:
                data = fh.read(min(limit, info.file_size) + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            problems.append(Problem(info.filename, _("Berkas di dalam zip rusak: {err}")
                                    .format(err=error)))
            continue
        if len(data) != info.file_size:
            problems.append(Problem(info.filename, _("Ukuran berkas tidak sesuai kepala zip.")))
            continue
        files[info.filename] = data
    if problems:
        raise QtiError(problems)
    return files
