"""Uploads of signed scans (J-5): type by content, size limit, private storage, and the
hostile-file corpus of issue 5 — each refused with a clear error and nothing stored."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from anbk.core.models import AuditEntry
from anbk.documents import scans
from anbk.documents.models import ScanKind, ScanUpload
from anbk.documents.services import scan_path, scan_upload
from anbk.documents.sheets import AttendanceSheet, render_attendance
from anbk.scheduling.models import Session
from tests.documents.factories import seats, session_info
from tests.scheduling.factories import rooms


def png_bytes(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, 200).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (250, 250, 250)).save(out, "JPEG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    return render_attendance(AttendanceSheet(session_info(), seats(3)))


@pytest.fixture
def private(world, settings, tmp_path):
    """PRIVATE_ROOT in a temporary folder, and a session of SD Negeri 1 Soreang in its
    room Lab 1 (world.session, world.room)."""
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.ANBK_SCAN_MAX_BYTES = 200_000
    world.room = rooms(world.operator, world.sd, 15)[0]
    world.session = Session.objects.create(school=world.sd, level="SD", wave=1, pair=1,
                                           number=1)
    return settings.PRIVATE_ROOT


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(w, name: str, data: bytes, kind=ScanKind.ATTENDANCE, day=1, actor=None):
    return scan_upload(actor=actor or w.operator, session=w.session, room_id=w.room.pk,
                       day=day, kind=kind, upload=SimpleUploadedFile(name, data))


@pytest.mark.parametrize("name,data", [
    ("hadir.pdf", pdf_bytes()), ("hadir.jpg", jpeg_bytes()), ("hadir.png", png_bytes()),
    ("no-extension", png_bytes()),  # the name says nothing; the content decides
])
def test_it_accepts_pdf_jpeg_and_png_by_content_and_stores_them_privately(world, private,
                                                                          name, data):
    # rule J-5: signed scans are uploaded back
    scan = upload(world, name, data)
    path = scan_path(scan)
    assert path.read_bytes() == data
    assert path.parent == private / "scans" and path.name == scan.stored_name
    assert name not in path.name  # the stored name is generated, never the upload's
    assert scan.original_name == name and scan.size == len(data) and scan.is_current
    assert AuditEntry.objects.filter(action="documents.scan_upload").count() == 1


def _polyglot_jpeg_with_pdf() -> bytes:
    return jpeg_bytes() + pdf_bytes()


def _png_with_html() -> bytes:
    data = png_bytes()
    return data[:33] + b"\x00\x00\x00\x1etEXt<script>alert(1)</script>xxx\x00\x00\x00\x00" \
        + data[33:]


HOSTILE = {
    "empty": ("kosong.pdf", b"", "kosong"),
    "oversized": ("besar.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200_001, "terlalu besar"),
    "text named pdf": ("x.pdf", b"just some text, not a PDF at all", "bukan PDF"),
    "html named png": ("x.png", b"<html><script>alert(1)</script></html>", "bukan PDF"),
    "exe named jpg": ("x.jpg", b"MZ\x90\x00" + b"\x00" * 200, "bukan PDF"),
    "pdf header only": ("x.pdf", b"%PDF-1.7\n%%EOF\n", "rusak"),
    "truncated png": ("x.png", png_bytes()[:40], "rusak"),
    "truncated jpeg": ("x.jpg", jpeg_bytes()[:60], "rusak"),
    "pdf with javascript": ("x.pdf", pdf_bytes().replace(b"/Producer", b"/JS      ", 1),
                            "skrip"),
    "jpeg+pdf polyglot": ("x.jpg", _polyglot_jpeg_with_pdf(), "lebih dari satu jenis"),
    "png with html": ("x.png", _png_with_html(), "lebih dari satu jenis"),
    "png with trailing zip": ("x.png", png_bytes() + b"PK\x03\x04" + b"\x01" * 64,
                              "data lain"),
}


class RawUpload:
    """An upload whose name reaches the service as the client sent it (Django's own
    UploadedFile strips folders; another caller, or a tampered client, may not)."""

    def __init__(self, name: str, data: bytes):
        self.name, self.size, self.data = name, len(data), data

    def chunks(self):
        yield self.data


@pytest.mark.parametrize("name", ["../../x.pdf", "..\\..\\x.pdf", "/etc/x.pdf", "a/../x.pdf"])
def test_a_name_with_folders_is_refused_and_nothing_is_stored(world, private, name):
    # issue 5 "Bad input": an upload named ../../x.pdf
    with pytest.raises(scans.ScanRejected, match="folder"):
        scan_upload(actor=world.operator, session=world.session, room_id=world.room.pk, day=1,
                    kind=ScanKind.ATTENDANCE, upload=RawUpload(name, pdf_bytes()))
    assert stored_files(private) == [] and not ScanUpload.objects.exists()
    assert not (private.parent / "x.pdf").exists()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_with_a_clear_error_and_nothing_is_stored(world, private,
                                                                            case):
    # issue 5 "Bad input": empty, oversized, not really a PDF/image, ../../x.pdf, polyglot
    name, data, reason = HOSTILE[case]
    with pytest.raises(scans.ScanRejected, match=reason):
        upload(world, name, data)
    assert stored_files(private) == []
    assert not ScanUpload.objects.exists()
    assert not AuditEntry.objects.filter(action="documents.scan_upload").exists()
    assert not (private.parent / "x.pdf").exists()


def test_a_client_lying_about_the_size_is_stopped_while_reading(world, private):
    data = png_bytes() + b"\x00" * 300_000
    file = SimpleUploadedFile("x.png", data)
    file.size = 100  # as a tampered multipart part would claim
    with pytest.raises(scans.ScanRejected, match="terlalu besar"):
        scan_upload(actor=world.operator, session=world.session, room_id=world.room.pk, day=1,
                    kind=ScanKind.ATTENDANCE, upload=file)
    assert stored_files(private) == []


def test_an_image_bomb_is_refused(world, private, settings):
    settings.ANBK_SCAN_MAX_BYTES = 5_000_000
    out = io.BytesIO()
    Image.new("1", (9000, 9000), 1).save(out, "PNG")  # 81 Mpx in a few kB
    with pytest.raises(scans.ScanRejected, match="terlalu besar"):
        upload(world, "bom.png", out.getvalue())
    assert stored_files(private) == []


def test_a_new_upload_replaces_the_current_one_and_keeps_history(world, private):
    first = upload(world, "a.png", png_bytes())
    second = upload(world, "b.jpg", jpeg_bytes())
    other_kind = upload(world, "c.pdf", pdf_bytes(), kind=ScanKind.SESSION_REPORT)
    other_day = upload(world, "d.png", png_bytes(), day=2)
    first.refresh_from_db()
    assert not first.is_current and second.is_current and other_kind.is_current
    assert other_day.is_current
    assert ScanUpload.objects.filter(session=world.session, is_current=True).count() == 3
    assert scan_path(first).exists()  # the history keeps its file


def test_a_school_outside_the_actors_region_is_refused(world, private):
    # region scoping: an operator of Jawa Tengah cannot upload for a school of Jawa Barat
    with pytest.raises(PermissionDenied):
        upload(world, "a.png", png_bytes(), actor=world.operator_outsider)
    assert stored_files(private) == [] and not ScanUpload.objects.exists()


def test_a_room_of_another_school_or_a_third_day_is_refused(world, private):
    # J-1: a session has two test days; a room belongs to the host holding the session
    their_room = rooms(world.centre, world.sd_jateng, 15)[0]
    with pytest.raises(PermissionDenied):
        scan_upload(actor=world.centre, session=world.session, room_id=their_room.pk, day=1,
                    kind=ScanKind.ATTENDANCE, upload=SimpleUploadedFile("b.png", png_bytes()))
    with pytest.raises(scans.ScanRejected, match="Hari ke-3"):
        upload(world, "c.png", png_bytes(), day=3)
    assert stored_files(private) == [] and not ScanUpload.objects.exists()


def test_only_the_school_and_its_proctor_upload(world, private):
    # documents.upload_scans: the school's operator and proctor; a team reads, not uploads
    upload(world, "a.png", png_bytes(), actor=world.proctor)
    with pytest.raises(PermissionDenied):
        upload(world, "b.png", png_bytes(), actor=world.district)
    assert ScanUpload.objects.count() == 1


def test_the_database_allows_one_current_scan_per_session_and_kind(world, private):
    # concurrent change: two uploads racing both end in this constraint; the loser's
    # IntegrityError becomes a clear ScanRejected in the service
    first = upload(world, "a.png", png_bytes())
    with pytest.raises(IntegrityError), transaction.atomic():
        ScanUpload.objects.create(school=world.sd, session=first.session, room=first.room,
                                  day=first.day, kind=first.kind, original_name="b.png",
                                  stored_name="b.png", content_type="image/png", size=1,
                                  sha256="0" * 64)
