"""Every read of readiness data. Region-owned reads take the acting user and filter with
school_q; `host_of` and `guests_of` serve other apps that already hold a school they were
allowed to see (staffing, scheduling: where a school's participants sit)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from anbk.core import resources as res
from anbk.core.rules import Level
from anbk.core.scoping import school_q
from anbk.readiness import sharing
from anbk.readiness.calculator import (
    Facilities,
    Requirement,
    calculate,
    host_capacity,
    participant_counts,
)
from anbk.readiness.models import (
    Electricity,
    HostingStatus,
    ModaDecision,
    ReadinessEvent,
    ReadinessReport,
    ReportStatus,
    TechTeamMember,
)
from anbk.readiness.services import approved_computers, coordinates_problem
from anbk.registry.models import Region, School


def host_of(school: School) -> School:
    """Where a school's participants sit the test: its host when decided guest, else itself."""
    decision = ModaDecision.objects.filter(school=school).select_related("host").first()
    if decision is not None and decision.status == HostingStatus.GUEST:
        return decision.host
    return school


def guests_of(host: School) -> QuerySet[School]:
    """The schools decided to ride along at this host (S-2)."""
    return School.objects.filter(moda_decision__host=host).order_by("npsn")


def school_list(*, actor, search: str = "", status: str = "", district_code: str = "",
                decided: str = "") -> QuerySet[School]:
    """Schools in scope with their report and decision (for the readiness overview)."""
    qs = (School.objects.filter(school_q(actor))
          .select_related("district", "readiness", "moda_decision", "moda_decision__host"))
    if search:
        qs = qs.filter(Q(npsn__startswith=search.strip()) | Q(name__icontains=search.strip()))
    if status == "none":
        qs = qs.filter(readiness__isnull=True)
    elif status:
        qs = qs.filter(readiness__status=status)
    if district_code:
        qs = qs.filter(district__code=district_code)
    if decided == "yes":
        qs = qs.filter(moda_decision__isnull=False)
    elif decided == "no":
        qs = qs.filter(moda_decision__isnull=True)
    return qs.order_by("npsn")


def school_get(*, actor, npsn: str) -> School:
    return get_object_or_404(
        School.objects.filter(school_q(actor)).select_related("district", "province"), npsn=npsn)


def report_of(*, actor, school: School) -> ReadinessReport | None:
    return ReadinessReport.objects.filter(school_q(actor, "school__"), school=school).first()


def report_events(*, actor, school: School) -> QuerySet[ReadinessEvent]:
    return (ReadinessEvent.objects.filter(school_q(actor, "report__school__"),
                                          report__school=school).select_related("actor"))


def decision_of(*, actor, school: School) -> ModaDecision | None:
    return (ModaDecision.objects.filter(school_q(actor, "school__"), school=school)
            .select_related("host", "decided_by").first())


def decision_list(*, actor, district_code: str = "") -> QuerySet[ModaDecision]:
    qs = (ModaDecision.objects.filter(school_q(actor, "school__"))
          .select_related("school", "school__district", "host", "decided_by"))
    if district_code:
        qs = qs.filter(school__district__code=district_code)
    return qs.order_by("school__district__code", "school__npsn")


def facilities(report: ReadinessReport | None) -> Facilities | None:
    if report is None:
        return None
    return Facilities(
        client_computers=report.client_computers,
        proctor_servers=report.proctor_server_candidates,
        proctor_server_spec_ok=report.proctor_server_spec_ok, rooms=report.rooms,
        bandwidth_mbps=report.bandwidth_mbps,
        power_ok=report.electricity == Electricity.STABLE or report.generator,
        proctors=report.proctor_candidates, technicians=report.technician_candidates)


def requirement(*, actor, school: School) -> Requirement:
    """The calculator for one school in scope, against its latest report (S-3 … S-5)."""
    report = report_of(actor=actor, school=school)
    count = participant_counts([school.pk])[school.pk]
    return calculate(Level(school.level), count, facilities(report))


# ---------------------------------------------------------------------------------------------
# Resource sharing (S-2)

@dataclass(frozen=True)
class SharingPlan:
    result: sharing.SharingResult
    schools: dict[int, School]  # every guest and host named in the result
    moda: dict[int, str]  # host pk → the moda a guest there takes
    problems: list[str]  # schools left out, and why
    guests: int
    hosts: int


@dataclass(frozen=True)
class _Sites:
    guests: list[sharing.Site]
    hosts: list[sharing.Site]
    schools: dict[int, School]
    moda: dict[int, str]
    problems: list[str]


def _host_area(actor) -> Q:
    """Hosts may be any school of the provinces the actor works in (S-2 allows crossing levels,
    school/madrasah and public/private, hence authorities); the centre's: anywhere."""
    from anbk.accounts.models import Role

    if actor.role == Role.CENTRE_ADMIN:
        return Q()
    return Q(province_id__in=School.objects.filter(school_q(actor)).values("province_id"))


# What the engine, the calculator and the sharing page read of a school: a province has
# thousands, so nothing more is loaded.
_SITE_FIELDS = ("npsn", "name", "bentuk", "level", "status", "agency", "province_id",
                "country", "latitude", "longitude", *(f"readiness__{name}" for name in (
                    "client_computers", "proctor_server_candidates", "proctor_server_spec_ok",
                    "rooms", "bandwidth_mbps", "electricity", "generator",
                    "proctor_candidates", "technician_candidates", "status")))


def _sites(actor, guests_qs: QuerySet[School]) -> _Sites:
    """The engine's view of the guests asked about and of every possible host: a school with
    an approved report, decided or suggested self-hosted, with places left (S-2)."""
    hosts_qs = (School.objects.filter(_host_area(actor), readiness__status=ReportStatus.APPROVED)
                .exclude(moda_decision__status=HostingStatus.GUEST))
    schools = {s.pk: s for s in guests_qs.select_related("readiness").only(*_SITE_FIELDS)}
    guest_ids = set(schools)
    schools.update({s.pk: s for s in hosts_qs.select_related("readiness").only(*_SITE_FIELDS)})
    decided_guests = dict(ModaDecision.objects.filter(host_id__in=list(schools))
                          .values_list("school_id", "host_id"))
    counts = participant_counts([*schools, *decided_guests])
    computers = approved_computers(schools)
    taken: dict[int, int] = {}
    for guest_id, host_id in decided_guests.items():
        taken[host_id] = taken.get(host_id, 0) + counts[guest_id]
    decided_moda = dict(ModaDecision.objects.filter(school_id__in=list(schools))
                        .values_list("school_id", "moda"))
    found = _Sites([], [], schools, {}, [])
    for pk, school in schools.items():
        problem = coordinates_problem(school)
        if problem:
            found.problems.append(problem)
            continue
        req = calculate(Level(school.level), counts[pk],
                        facilities(getattr(school, "readiness", None)))
        site = dict(key=pk, participants=counts[pk], level=school.level, agency=school.agency,
                    status=school.status,
                    latitude=float(school.latitude) if school.latitude is not None else None,
                    longitude=float(school.longitude) if school.longitude is not None else None)
        if pk in guest_ids and req.suggested_status == HostingStatus.GUEST:
            found.guests.append(sharing.Site(**site))
            continue
        host_moda = decided_moda.get(pk) or req.suggested_moda
        places = (host_capacity(Level(school.level), computers.get(pk, 0)) - counts[pk]
                  - taken.get(pk, 0))
        if host_moda and places > 0 and (pk in decided_moda
                                         or req.suggested_status == HostingStatus.SELF_HOSTED):
            found.hosts.append(sharing.Site(**site, capacity=places))
            found.moda[pk] = str(host_moda)
    return found


def sharing_plan(*, actor, policy: sharing.Policy) -> SharingPlan:
    """Suggest hosts for the schools in scope that cannot run AN themselves and have no
    decision yet."""
    sites = _sites(actor, School.objects.filter(school_q(actor), moda_decision__isnull=True))
    result = sharing.suggest(sites.guests, sites.hosts, policy)
    return SharingPlan(result=result, schools=sites.schools, moda=sites.moda,
                       problems=sites.problems, guests=len(sites.guests),
                       hosts=len(sites.hosts))


@dataclass(frozen=True)
class NearbyHost:
    school: School
    km: float
    places: int
    moda: str


def nearby_hosts(*, actor, school: School, limit: int = 8) -> list[NearbyHost]:
    """Possible hosts for one school in scope, nearest first, within the largest distance the
    engine accepts and with room for all its participants: what the authority picks from
    when it edits a pairing by hand."""
    sites = _sites(actor, School.objects.filter(school_q(actor), pk=school.pk))
    me = next((s for s in sites.guests if s.key == school.pk), None)
    if me is None:  # the calculator sees no need to ride along; ask as if it did
        located = school.latitude is not None and school.longitude is not None
        me = sharing.Site(school.pk, float(school.latitude) if located else None,
                          float(school.longitude) if located else None,
                          participant_counts([school.pk])[school.pk])
    policy = sharing.Policy(max_km=res.SHARING_MAX_DISTANCE_LIMIT_KM)
    pairs = sharing.candidate_pairs([me], sites.hosts, policy).get(school.pk, [])
    places = {h.key: h.capacity for h in sites.hosts}
    return [NearbyHost(sites.schools[h], km, places[h], sites.moda[h])
            for km, h in pairs[:limit]]


def host_candidate(*, actor, school: School, npsn: str) -> School | None:
    """The school an authority names as host: any school of the guest's province (the
    service checks the rest)."""
    return School.objects.filter(_host_area(actor), npsn=npsn.strip()).first()


def host_moda(school: School) -> str | None:
    """The moda a guest at this host takes: the host's decided moda, else its suggested one."""
    decision = ModaDecision.objects.filter(school=school).first()
    if decision is not None:
        return decision.moda
    report = ReadinessReport.objects.filter(school=school).first()
    count = participant_counts([school.pk])[school.pk]
    suggested = calculate(Level(school.level), count, facilities(report)).suggested_moda
    return str(suggested) if suggested else None


def sharing_defaults() -> sharing.Policy:
    return sharing.Policy(max_km=res.SHARING_MAX_DISTANCE_KM,
                          cross_level=res.SHARING_ALLOW_CROSS_LEVEL,
                          cross_agency=res.SHARING_ALLOW_CROSS_AGENCY,
                          cross_status=res.SHARING_ALLOW_CROSS_STATUS)


# ---------------------------------------------------------------------------------------------
# Tech-team directory (S-8, S-9)

def tech_team_list(*, actor) -> QuerySet[TechTeamMember]:
    """The teams an account works with: a school sees its district's and province's teams of
    its agency; a team sees its own region's, the province's and (province) its districts';
    the centre sees all."""
    from anbk.accounts.models import SCHOOL_ROLES, Role

    qs = TechTeamMember.objects.select_related("region")
    if not actor.is_authenticated or not actor.is_active:
        return qs.none()
    if actor.role == Role.CENTRE_ADMIN:
        return qs
    if actor.role == Role.PROVINCE_TEAM:
        return qs.filter(Q(region_id=actor.region_id) | Q(region__parent_id=actor.region_id),
                         agency=actor.agency)
    if actor.role == Role.DISTRICT_TEAM:
        return qs.filter(Q(region_id=actor.region_id) | Q(region__children=actor.region_id),
                         agency=actor.agency).distinct()
    if actor.role in SCHOOL_ROLES and actor.school_id:
        school = actor.school
        regions = [r for r in (school.district_id, school.province_id) if r]
        return qs.filter(region_id__in=regions, agency=school.agency)
    return qs.none()


def tech_member_get(*, actor, pk: int) -> TechTeamMember:
    return get_object_or_404(tech_team_list(actor=actor), pk=pk)


def team_regions(*, actor) -> list[Region]:
    """Regions whose tech team the actor keeps (services.may_manage_team says the same)."""
    from anbk.accounts.models import Role

    if not actor.has_perm("readiness.manage_tech_teams"):
        return []
    if actor.role == Role.CENTRE_ADMIN:
        return list(Region.objects.order_by("code"))
    if actor.role == Role.PROVINCE_TEAM:
        return list(Region.objects.filter(Q(pk=actor.region_id) | Q(parent_id=actor.region_id))
                    .order_by("code"))
    return list(Region.objects.filter(pk=actor.region_id))
