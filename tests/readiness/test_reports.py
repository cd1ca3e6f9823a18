"""ICT readiness reports and their verification (rule S-1): the happy path, history, bad input,
wrong state, concurrent change and scope."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anbk.core.models import AuditEntry
from anbk.readiness import services
from anbk.readiness.models import ReadinessEvent, ReadinessReport
from tests.readiness.helpers import GOOD, report


def test_a_school_reports_and_the_district_approves(world):  # rule S-1
    saved = report(world.sd)
    assert (saved.status, saved.bandwidth_mbps, saved.version) == ("draft", Decimal(30), 1)
    services.readiness_report_submit(actor=world.operator, school=world.sd, version=1)
    verified = services.readiness_report_verify(actor=world.district, school=world.sd,
                                                approve=True, notes="Sesuai kunjungan")
    assert verified.status == "approved"
    kinds = [e.kind for e in ReadinessEvent.objects.filter(report=verified).order_by("id")]
    assert kinds == ["submitted", "approved"]
    assert AuditEntry.objects.filter(action__startswith="readiness.").count() == 3


def test_a_returned_report_is_fixed_and_sent_again_with_history_kept(world):  # rule S-1
    report(world.sd, client_computers=5)
    services.readiness_report_submit(actor=world.operator, school=world.sd)
    with pytest.raises(ValidationError) as missing_notes:
        services.readiness_report_verify(actor=world.district, school=world.sd, approve=False)
    assert "catatan" in str(missing_notes.value)
    services.readiness_report_verify(actor=world.province, school=world.sd, approve=False,
                                     notes="Jumlah komputer tidak sesuai foto")
    fixed = report(world.sd, client_computers=18)
    assert (fixed.status, fixed.version) == ("draft", 2)
    services.readiness_report_submit(actor=world.operator, school=world.sd, version=2)
    services.readiness_report_verify(actor=world.district, school=world.sd, approve=True)
    events = list(ReadinessEvent.objects.filter(report=fixed).order_by("id"))
    assert [(e.kind, e.version, e.snapshot["client_computers"]) for e in events] == [
        ("submitted", 1, 5), ("returned", 1, 5), ("submitted", 2, 18), ("approved", 2, 18)]
    assert events[1].notes == "Jumlah komputer tidak sesuai foto"


@pytest.mark.parametrize(("text", "mbps"), [("10 Mbps", "10"), ("10mbps", "10"),
                                            ("1,5 Mbps", "1.5"), ("512 kbps", "0.512"),
                                            ("1 Gbps", "1000"), ("20", "20"), ("", None),
                                            ("  8 MB/s ", "8")])
def test_bandwidth_is_read_with_its_unit(text, mbps):  # rule S-5
    parsed = services.parse_bandwidth(text)
    assert parsed == (Decimal(mbps) if mbps is not None else None)


@pytest.mark.parametrize("text", ["fast", "cepat sekali", "10 Mbps lebih", "-5 Mbps",
                                  "10 apples", "Mbps", "200000 Mbps"])
def test_bandwidth_without_a_readable_number_and_unit_is_refused(text):  # rule S-5
    with pytest.raises(ValidationError) as error:
        services.parse_bandwidth(text)
    assert "bandwidth_text" in error.value.message_dict


@pytest.mark.parametrize("bad", [
    {"client_computers": -1}, {"rooms": -3}, {"client_computers": 50_000,
                                              "client_computers_total": 50_000},
    {"proctor_candidates": "dua"}, {"client_computers": 30, "client_computers_total": 20},
    {"bandwidth_text": "fast"}, {"electricity": "kadang"},
])
def test_bad_input_changes_nothing(world, bad):  # rule S-1
    report(world.sd)
    before = ReadinessReport.objects.get(school=world.sd)
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.readiness_report_save(actor=world.operator, school=world.sd, data=GOOD | bad)
    after = ReadinessReport.objects.get(school=world.sd)
    assert (after.version, after.client_computers, after.rooms, after.bandwidth_mbps) == (
        before.version, before.client_computers, before.rooms, before.bandwidth_mbps)
    assert AuditEntry.objects.count() == audits


def test_bad_input_on_a_first_report_leaves_no_report(world):  # rule S-1
    with pytest.raises(ValidationError):
        services.readiness_report_save(actor=world.operator, school=world.sd,
                                       data=GOOD | {"bandwidth_text": "fast"})
    assert not ReadinessReport.objects.exists()


def test_wrong_states_are_refused(world):  # rule S-1
    report(world.sd)
    with pytest.raises(ValidationError):  # nothing to verify yet
        services.readiness_report_verify(actor=world.district, school=world.sd, approve=True)
    services.readiness_report_submit(actor=world.operator, school=world.sd)
    with pytest.raises(ValidationError):  # frozen while under verification
        report(world.sd, rooms=9)
    with pytest.raises(ValidationError):
        services.readiness_report_submit(actor=world.operator, school=world.sd)
    services.readiness_report_verify(actor=world.district, school=world.sd, approve=True)
    with pytest.raises(ValidationError):  # a verdict is given once
        services.readiness_report_verify(actor=world.district, school=world.sd, approve=False,
                                         notes="x")
    with pytest.raises(ValidationError):
        services.readiness_report_submit(actor=world.operator, school=world.sd)
    with pytest.raises(ValidationError):  # no report at all
        services.readiness_report_verify(actor=world.province, school=world.sma, approve=True)


def test_a_verdict_on_a_stale_page_is_refused(world):  # rule S-1: concurrent change
    report(world.sd)
    services.readiness_report_submit(actor=world.operator, school=world.sd)
    page_version = ReadinessReport.objects.get(school=world.sd).version
    services.readiness_report_verify(actor=world.province, school=world.sd, approve=False,
                                     notes="Lengkapi spesifikasi server")
    report(world.sd, proctor_server_spec="Core i5, 8 GB")
    services.readiness_report_submit(actor=world.operator, school=world.sd)
    with pytest.raises(ValidationError) as stale:
        services.readiness_report_verify(actor=world.district, school=world.sd, approve=True,
                                         version=page_version)
    assert "diubah" in str(stale.value)
    assert ReadinessReport.objects.get(school=world.sd).status == "submitted"


def test_only_the_school_reports_and_only_its_authority_verifies(world):  # rules S-1, S-8
    for outsider in (world.operator_outsider, world.proctor, world.kemenag_district,
                     world.district_outsider):
        with pytest.raises(PermissionDenied):
            services.readiness_report_save(actor=outsider, school=world.sd, data=GOOD)
    # The district may enter a school's report from the paper form of a verval visit.
    services.readiness_report_save(actor=world.district, school=world.sd, data=GOOD)
    report(world.sd)
    services.readiness_report_submit(actor=world.operator, school=world.sd)
    for outsider in (world.district_outsider, world.province_outsider, world.kemenag_district,
                     world.operator):
        with pytest.raises(PermissionDenied):
            services.readiness_report_verify(actor=outsider, school=world.sd, approve=True)
    assert ReadinessReport.objects.get(school=world.sd).status == "submitted"
