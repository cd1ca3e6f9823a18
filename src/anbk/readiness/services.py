"""Every write of the readiness app: reports and their verification (S-1), moda and status
decisions with hosts (S-1, S-2), accepted sharing suggestions, the tech-team directory (S-8).

Each checks the actor's permission and scope, refuses bad input with an Indonesian
ValidationError before writing anything, and audits what it wrote.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.core.resources import INDONESIA_BOUNDS, Moda
from anbk.core.rules import Level
from anbk.core.scoping import school_q
from anbk.readiness.calculator import host_capacity, participant_counts
from anbk.readiness.models import (
    EventKind,
    HostingStatus,
    ModaDecision,
    ReadinessEvent,
    ReadinessReport,
    ReportStatus,
    TechTeamMember,
)
from anbk.registry.models import Region, School

_BANDWIDTH = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(kbps|kb/s|mbps|mb/s|gbps|gb/s)?\s*$",
                        re.IGNORECASE)
_PER_MBPS = {"kbps": Decimal("0.001"), "kb/s": Decimal("0.001"), "mbps": Decimal(1),
             "mb/s": Decimal(1), "gbps": Decimal(1000), "gb/s": Decimal(1000)}
MAX_BANDWIDTH_MBPS = Decimal(100_000)  # beyond a school's reach: a typing error
MAX_COUNT = 10_000  # computers, rooms or people at one school beyond this are a typing error

REPORT_FIELDS = (
    "client_computers", "client_computers_total", "proctor_server_candidates",
    "proctor_server_spec", "proctor_server_spec_ok", "rooms", "electricity", "generator",
    "internet_provider", "bandwidth_text", "proctor_candidates", "technician_candidates",
    "candidate_names", "notes",
)
_COUNT_FIELDS = ("client_computers", "client_computers_total", "proctor_server_candidates",
                 "rooms", "proctor_candidates", "technician_candidates")


def parse_bandwidth(text: str) -> Decimal | None:
    """A measured bandwidth as typed ("10 Mbps", "512 kbps", "1,5 Mbps", "20"; a bare number
    is Mbps) → Mbps; empty → None (not measured). Anything else ("fast") is refused."""
    if not text or not text.strip():
        return None
    match = _BANDWIDTH.match(text)
    if not match:
        raise ValidationError({"bandwidth_text": _(
            "Bandwidth harus berupa angka dengan satuan, misalnya \"10 Mbps\" atau "
            "\"512 kbps\"; \"%(text)s\" tidak dapat dibaca.") % {"text": text.strip()}})
    try:
        value = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation as bad:  # the pattern admits only digits; kept for safety
        raise ValidationError({"bandwidth_text": _("Angka bandwidth tidak valid.")}) from bad
    mbps = value * _PER_MBPS[(match.group(2) or "mbps").lower()]
    if mbps > MAX_BANDWIDTH_MBPS:
        raise ValidationError({"bandwidth_text": _(
            "Bandwidth %(text)s tidak masuk akal untuk satu sekolah.") % {"text": text.strip()}})
    return mbps.quantize(Decimal("0.001"))


def _in_scope(actor, school: School) -> None:
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        raise PermissionDenied(_("Sekolah ini di luar wilayah kewenangan Anda."))


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("Anda tidak berwenang melakukan ini."))


def _check_counts(data: dict) -> None:
    errors = {}
    for name in _COUNT_FIELDS:
        value = data.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[name] = _("Isi dengan bilangan bulat 0 atau lebih.")
        elif value > MAX_COUNT:
            errors[name] = _("%(n)d tidak masuk akal untuk satu sekolah.") % {"n": value}
    if not errors and data.get("client_computers", 0) > data.get("client_computers_total", 0):
        errors["client_computers"] = _(
            "Komputer yang memenuhi spesifikasi tidak boleh lebih banyak dari seluruh komputer.")
    if errors:
        raise ValidationError(errors)


def _snapshot(report: ReadinessReport) -> dict:
    data = model_to_dict(report, fields=REPORT_FIELDS)
    data["bandwidth_mbps"] = str(report.bandwidth_mbps) if report.bandwidth_mbps is not None \
        else None
    return data


@transaction.atomic
def readiness_report_save(*, actor, school: School, data: dict) -> ReadinessReport:
    """The school writes its report (S-1). An approved or returned report becomes a draft
    again: the verifier must look at the new figures."""
    _require(actor, "readiness.report_readiness")
    _in_scope(actor, school)
    unknown = set(data) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    _check_counts(data)
    bandwidth = parse_bandwidth(data.get("bandwidth_text", ""))
    report, _created = ReadinessReport.objects.select_for_update().get_or_create(school=school)
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("Laporan sedang diverifikasi dan tidak dapat diubah. Tunggu "
                                "hasil verifikasi."))
    for name in REPORT_FIELDS:
        if name in data:
            setattr(report, name, data[name])
    report.bandwidth_text = (data.get("bandwidth_text") or "").strip()
    report.bandwidth_mbps = bandwidth
    report.status = ReportStatus.DRAFT
    if not _created:
        report.version += 1
    report.updated_by = actor
    report.full_clean(exclude=["school", "updated_by"])
    report.save()
    audit_record(actor=actor, action="readiness.save", obj=report,
                 summary={"school": school.npsn, **_snapshot(report)})
    return report


def _locked_report(school: School) -> ReadinessReport:
    report = ReadinessReport.objects.select_for_update().filter(school=school).first()
    if report is None:
        raise ValidationError(_("Sekolah ini belum mengisi laporan kesiapan TIK."))
    return report


def _same_version(report: ReadinessReport, version: int | None) -> None:
    if version is not None and version != report.version:
        raise ValidationError(_("Laporan telah diubah oleh orang lain sejak halaman ini dibuka. "
                                "Muat ulang halaman, lalu periksa kembali."))


@transaction.atomic
def readiness_report_submit(*, actor, school: School, version: int | None = None
                            ) -> ReadinessReport:
    _require(actor, "readiness.report_readiness")
    _in_scope(actor, school)
    report = _locked_report(school)
    _same_version(report, version)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError(_("Laporan berstatus \"%(status)s\" tidak dapat dikirim lagi.")
                              % {"status": report.get_status_display()})
    report.status = ReportStatus.SUBMITTED
    report.save(update_fields=["status", "updated_at"])
    ReadinessEvent.objects.create(report=report, kind=EventKind.SUBMITTED, actor=actor,
                                  version=report.version, snapshot=_snapshot(report))
    audit_record(actor=actor, action="readiness.submit", obj=report,
                 summary={"school": school.npsn, "version": report.version})
    return report


@transaction.atomic
def readiness_report_verify(*, actor, school: School, approve: bool, notes: str = "",
                            version: int | None = None) -> ReadinessReport:
    """The district/province approves the report or returns it with notes (S-1)."""
    _require(actor, "readiness.verify_readiness")
    _in_scope(actor, school)
    report = _locked_report(school)
    _same_version(report, version)
    notes = notes.strip()
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Hanya laporan yang menunggu verifikasi yang dapat diverifikasi "
                                "(status sekarang: %(status)s).")
                              % {"status": report.get_status_display()})
    if not approve and not notes:
        raise ValidationError({"notes": _("Tuliskan catatan: apa yang harus diperbaiki sekolah.")})
    report.status = ReportStatus.APPROVED if approve else ReportStatus.RETURNED
    report.verifier_notes = notes
    report.save(update_fields=["status", "verifier_notes", "updated_at"])
    ReadinessEvent.objects.create(
        report=report, kind=EventKind.APPROVED if approve else EventKind.RETURNED, actor=actor,
        notes=notes, version=report.version, snapshot=_snapshot(report))
    audit_record(actor=actor, action="readiness.approve" if approve else "readiness.return",
                 obj=report, summary={"school": school.npsn, "version": report.version,
                                      "notes": notes})
    return report


# ---------------------------------------------------------------------------------------------
# Moda and status (S-1, S-2)

def coordinates_problem(school: School) -> str | None:
    """Why a school's coordinates cannot be used for distances, or None. SILN are abroad."""
    if school.bentuk == "SILN" or school.latitude is None or school.longitude is None:
        return None
    if not INDONESIA_BOUNDS.contains(float(school.latitude), float(school.longitude)):
        return _("Koordinat %(school)s (%(lat)s, %(lon)s) berada di luar wilayah Indonesia; "
                 "perbaiki data sekolah terlebih dahulu.") % {
            "school": school, "lat": school.latitude, "lon": school.longitude}
    return None


def approved_computers(school_ids) -> dict[int, int]:
    """Client computers meeting S-6, from approved reports only: an unverified figure gives
    no capacity to host anyone."""
    return dict(ReadinessReport.objects.filter(school_id__in=list(school_ids),
                                               status=ReportStatus.APPROVED)
                .values_list("school_id", "client_computers"))


def places_left(host: School, *, leaving: School | None = None) -> int:
    """Participant places a host still offers guests (S-2): computers × sessions − its own
    participants − the guests already decided to it (except `leaving`)."""
    computers = approved_computers([host.pk]).get(host.pk, 0)
    guest_ids = list(ModaDecision.objects.filter(host=host).exclude(
        school=leaving).values_list("school_id", flat=True))
    counts = participant_counts([host.pk, *guest_ids])
    return (host_capacity(Level(host.level), computers) - counts[host.pk]
            - sum(counts[g] for g in guest_ids))


def _check_host(school: School, host: School, moda: str) -> None:
    if host.pk == school.pk:
        raise ValidationError({"host": _("Sekolah tidak dapat menumpang pada dirinya sendiri.")})
    if (host.province_id, host.country) != (school.province_id, school.country):
        raise ValidationError({"host": _("Sekolah induk harus berada di provinsi yang sama.")})
    # Two authorities placing guests at one host at once: the second waits here and then
    # counts the first one's guest (PostgreSQL; SQLite already runs writers one at a time).
    School.objects.select_for_update().filter(pk=host.pk).first()
    host_decision = ModaDecision.objects.select_for_update().filter(school=host).first()
    if host_decision is not None and host_decision.status == HostingStatus.GUEST:
        raise ValidationError({"host": _(
            "%(host)s sendiri menumpang di %(other)s; sekolah tidak dapat menumpang pada "
            "sekolah yang menumpang (rantai atau lingkaran A–B–A).") % {
            "host": host, "other": host_decision.host}})
    if host_decision is not None and host_decision.moda != moda:
        raise ValidationError({"moda": _(
            "Moda sekolah yang menumpang harus sama dengan moda sekolah induk (%(moda)s).")
            % {"moda": host_decision.get_moda_display()}})
    for place in (school, host):
        problem = coordinates_problem(place)
        if problem:
            raise ValidationError({"host": problem})
    needed = participant_counts([school.pk])[school.pk]
    left = places_left(host, leaving=school)
    if left < needed:
        raise ValidationError({"host": _(
            "%(host)s tidak punya kapasitas: sisa %(left)d tempat, sekolah ini membawa "
            "%(need)d peserta.") % {"host": host, "left": max(left, 0), "need": needed}})


@transaction.atomic
def moda_decide(*, actor, school: School, moda: str, status: str, host: School | None = None,
                reason: str) -> ModaDecision:
    """Set a school's moda and status (S-1); a guest names its host (S-2)."""
    _require(actor, "readiness.decide_moda")
    _in_scope(actor, school)
    reason = (reason or "").strip()
    if moda not in {m.value for m in Moda}:
        raise ValidationError({"moda": _("Pilih moda daring atau semi-daring.")})
    if status not in HostingStatus.values:
        raise ValidationError({"status": _("Pilih status mandiri atau menumpang.")})
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penetapan.")})
    guests = list(ModaDecision.objects.select_for_update().filter(host=school)
                  .select_related("school"))
    if status == HostingStatus.GUEST:
        if host is None:
            raise ValidationError({"host": _("Sekolah yang menumpang harus punya sekolah induk.")})
        if guests:
            raise ValidationError({"status": _(
                "Sekolah ini menjadi induk bagi %(names)s; pindahkan mereka dahulu sebelum "
                "sekolah ini menumpang.") % {"names": ", ".join(str(g.school) for g in guests)}})
        _check_host(school, host, moda)
    else:
        host = None
        problem = coordinates_problem(school)
        if problem:
            raise ValidationError({"status": problem})
        if any(g.moda != moda for g in guests):
            raise ValidationError({"moda": _(
                "Sekolah yang menumpang di sini memakai moda lain; ubah moda mereka dahulu.")})
    decision, _created = ModaDecision.objects.select_for_update().get_or_create(
        school=school, defaults={"moda": moda, "status": status, "host": host,
                                 "reason": reason, "decided_by": actor})
    if not _created:
        decision.moda, decision.status, decision.host = moda, status, host
        decision.reason, decision.decided_by = reason, actor
        decision.save()
    audit_record(actor=actor, action="readiness.decide", obj=decision,
                 summary={"school": school.npsn, "moda": moda, "status": status,
                          "host": host.npsn if host else None, "reason": reason})
    return decision


@transaction.atomic
def sharing_accept(*, actor, pairs: list[tuple[School, School]], moda_of: dict[int, str],
                   reason: str) -> list[ModaDecision]:
    """Accept suggested pairs (guest, host) at once: every pair passes moda_decide's checks
    (capacity, self, cycles, coordinates), or nothing is written. A host without a decision
    that the actor holds authority over is decided self-hosted with `moda_of[host]` (its
    suggested moda), so it cannot later turn guest unnoticed; a guest takes its host's moda."""
    _require(actor, "readiness.share_resources")
    if not pairs:
        raise ValidationError(_("Pilih paling sedikit satu pasangan."))
    guests = [guest.pk for guest, _host in pairs]
    if len(set(guests)) != len(guests):
        raise ValidationError(_("Satu sekolah hanya boleh menumpang pada satu sekolah induk."))
    in_scope = set(School.objects.filter(school_q(actor), pk__in=[h.pk for _g, h in pairs])
                   .values_list("pk", flat=True))
    decisions = []
    for guest, host in pairs:
        try:
            decided = ModaDecision.objects.filter(school=host).first()
            moda = decided.moda if decided else moda_of.get(host.pk)
            if moda is None:
                raise ValidationError(_("Sekolah induk belum punya moda; tetapkan dahulu."))
            if decided is None and host.pk in in_scope and host.pk not in guests:
                moda_decide(actor=actor, school=host, moda=moda,
                            status=HostingStatus.SELF_HOSTED, reason=_(
                                "Sekolah induk bagi sekolah yang menumpang (berbagi sumber "
                                "daya): %(reason)s") % {"reason": reason})
            decisions.append(moda_decide(actor=actor, school=guest, moda=moda,
                                         status=HostingStatus.GUEST, host=host, reason=reason))
        except ValidationError as error:
            raise ValidationError(_("%(guest)s → %(host)s: %(error)s") % {
                "guest": guest, "host": host, "error": " ".join(error.messages)}) from error
    return decisions


# ---------------------------------------------------------------------------------------------
# Tech-team directory (S-8, S-9)

def may_manage_team(actor, region: Region, agency: str) -> bool:
    """The centre keeps every team; a province team its own and its districts' teams; a
    district team its own; each within its agency."""
    from anbk.accounts.models import Role

    if not actor.has_perm("readiness.manage_tech_teams"):
        return False
    if actor.role == Role.CENTRE_ADMIN:
        return True
    if agency != actor.agency:
        return False
    if actor.role == Role.PROVINCE_TEAM:
        return region.pk == actor.region_id or region.parent_id == actor.region_id
    return region.pk == actor.region_id


@transaction.atomic
def tech_member_add(*, actor, region: Region, agency: str, name: str, phone: str,
                    position: str = "", email: str = "", office: str = "") -> TechTeamMember:
    if not may_manage_team(actor, region, agency):
        raise PermissionDenied(_("Anda tidak berwenang mengelola tim teknis wilayah ini."))
    member = TechTeamMember(region=region, agency=agency, name=name.strip(),
                            position=position.strip(), phone=phone.strip(), email=email.strip(),
                            office=office.strip(), created_by=actor)
    member.full_clean(exclude=["created_by"])
    if not re.fullmatch(r"\+?[0-9 ()-]{6,30}", member.phone):
        raise ValidationError({"phone": _("Nomor telepon hanya berisi angka, spasi, +, -, ( ).")})
    member.save()
    audit_record(actor=actor, action="tech_team.add", obj=member,
                 summary={"region": region.code, "agency": agency, "name": member.name})
    return member


@transaction.atomic
def tech_member_remove(*, actor, member: TechTeamMember) -> None:
    if not may_manage_team(actor, member.region, member.agency):
        raise PermissionDenied(_("Anda tidak berwenang mengelola tim teknis wilayah ini."))
    audit_record(actor=actor, action="tech_team.remove", obj=member,
                 summary={"region": member.region.code, "name": member.name})
    member.delete()
