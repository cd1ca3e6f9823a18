"""The print log (J-6: cards and attendance printed H-2…H-1) that the checklist reads, and
the scoped reads of scans."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from anbk.core.models import AuditEntry
from anbk.documents.models import PrintKind, ScanKind
from anbk.documents.selectors import (
    print_log_list,
    scan_get,
    scan_list,
    scan_status,
    schools_without_printed_cards,
)
from anbk.documents.services import print_log_record, scan_upload
from anbk.scheduling.models import Session
from tests.documents.test_scans import png_bytes
from tests.scheduling.factories import rooms


def test_printing_cards_closes_the_checklist_gap(world):
    # rule J-6 / checklist "no printed cards"
    ids = [world.sd.pk, world.mi.pk]
    assert schools_without_printed_cards(actor=world.centre, school_ids=ids) == set(ids)
    print_log_record(actor=world.operator, school=world.sd, kind=PrintKind.LOGIN_CARDS,
                     items=35)
    print_log_record(actor=world.centre, school=world.mi, kind=PrintKind.ATTENDANCE, items=15)
    assert schools_without_printed_cards(actor=world.centre, school_ids=ids) == {world.mi.pk}
    entry = AuditEntry.objects.get(action="documents.print", actor_id=world.operator.pk)
    assert entry.summary["items"] == 35 and entry.summary["kind"] == "login_cards"


def test_the_checklist_answers_only_within_the_actors_region(world):
    # region scoping: a Jawa Tengah team learns nothing about Jawa Barat schools
    ids = [world.sd.pk, world.sd_jateng.pk]
    assert schools_without_printed_cards(actor=world.district_outsider,
                                         school_ids=ids) == {world.sd_jateng.pk}
    assert schools_without_printed_cards(actor=world.operator, school_ids=ids) == {world.sd.pk}


def test_a_school_outside_the_region_cannot_be_logged(world):
    with pytest.raises(PermissionDenied):
        print_log_record(actor=world.operator_outsider, school=world.sd,
                         kind=PrintKind.LOGIN_CARDS, items=1)
    assert not print_log_list(actor=world.centre).exists()


def test_scans_and_print_logs_are_read_only_within_scope(world, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    room = rooms(world.operator, world.sd, 15)[0]
    session = Session.objects.create(school=world.sd, level="SD", wave=1, pair=1, number=1)
    scan = scan_upload(actor=world.operator, session=session, room_id=room.pk, day=1,
                       kind=ScanKind.SESSION_REPORT,
                       upload=SimpleUploadedFile("ba.png", png_bytes()))
    print_log_record(actor=world.operator, school=world.sd, kind=PrintKind.RECAP, items=1)
    for who in (world.centre, world.province, world.district, world.operator):
        assert list(scan_list(actor=who)) == [scan]
        assert scan_get(actor=who, pk=scan.pk) == scan
        assert print_log_list(actor=who).count() == 1
    for who in (world.district_outsider, world.operator_outsider, world.kemenag_district):
        assert not scan_list(actor=who).exists() and not print_log_list(actor=who).exists()
        with pytest.raises(Http404):
            scan_get(actor=who, pk=scan.pk)
    assert scan_status(actor=world.district, school_ids=[world.sd.pk, world.mi.pk]) == {
        world.sd.pk: {ScanKind.SESSION_REPORT: 1}}
    assert scan_status(actor=world.district_outsider, school_ids=[world.sd.pk]) == {}
