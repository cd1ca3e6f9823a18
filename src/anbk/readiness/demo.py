"""Demo step: readiness reports for the Kab. Bandung schools, some approved, one returned, a
few waiting; moda/status decisions including guests placed by the sharing engine; the
province and district tech-team contacts. Everything goes through the services."""

from anbk.core import resources as res
from anbk.readiness import selectors, services
from anbk.readiness.sharing import Policy
from anbk.registry.models import School

# Reports by position in the district's school list: a well-equipped lab, a small one that
# must ride along, one without internet, and so on (S-1, S-6).
_PROFILES = (
    dict(client_computers=30, client_computers_total=32, proctor_server_candidates=2,
         proctor_server_spec="Core i5 4 inti 2,9 GHz 64-bit, RAM 8 GB, 2 LAN, disk 500 GB",
         proctor_server_spec_ok=True, rooms=2, electricity="stable", generator=True,
         internet_provider="Telkom IndiHome", bandwidth_text="50 Mbps", proctor_candidates=2,
         technician_candidates=1, candidate_names="Asep Saepudin\nYudi Permana"),
    dict(client_computers=2, client_computers_total=3, proctor_server_candidates=0, rooms=1,
         electricity="stable", internet_provider="Telkomsel (modem)", bandwidth_text="4 Mbps",
         proctor_candidates=1, technician_candidates=0),
    dict(client_computers=15, client_computers_total=15, proctor_server_candidates=1,
         proctor_server_spec="Ryzen 5 6 inti 3,6 GHz, RAM 16 GB, 2 LAN, disk 1 TB",
         proctor_server_spec_ok=True, rooms=1, electricity="unstable", generator=True,
         internet_provider="Biznet", bandwidth_text="5 Mbps", proctor_candidates=1,
         technician_candidates=1),
    dict(client_computers=0, client_computers_total=0, rooms=1, electricity="none",
         internet_provider="", bandwidth_text="", proctor_candidates=0,
         technician_candidates=0),
)
# How far each report gets: approved (most), returned with a note, or still waiting.
_RETURNED, _WAITING = 5, (6, 7)


def _district_schools(district: str) -> list[School]:
    return list(School.objects.filter(district__code=district, tier="district",
                                      agency="kemdikbud").order_by("npsn"))


def load_demo(*, users: dict) -> None:
    district, province = users["kab3204"], users["prov32"]
    operator = next((u for u in users.values() if u.role == "school_operator"), None)
    schools = _district_schools(district.region.code)
    for i, school in enumerate(schools):
        if selectors.report_of(actor=district, school=school) is not None:
            continue
        by = operator if operator is not None and operator.school_id == school.pk else district
        profile = _PROFILES[0] if by is operator else _PROFILES[i % len(_PROFILES)]
        services.readiness_report_save(actor=by, school=school, data=profile)
        services.readiness_report_submit(actor=by, school=school)
        if by is district and i in _WAITING:
            continue
        if by is district and i == _RETURNED:
            services.readiness_report_verify(
                actor=district, school=school, approve=False,
                notes="Foto ruang laboratorium dan hasil uji kecepatan internet belum ada.")
            continue
        services.readiness_report_verify(actor=district, school=school, approve=True)

    # Self-hosted decisions for the schools that can run AN themselves, then the engine's
    # suggestions for the others, accepted as they are.
    for school in schools:
        req = selectors.requirement(actor=district, school=school)
        report = selectors.report_of(actor=district, school=school)
        if (report is None or report.status != "approved" or req.suggested_status != "self_hosted"
                or selectors.decision_of(actor=district, school=school)):
            continue
        services.moda_decide(actor=district, school=school, moda=req.suggested_moda,
                             status="self_hosted", reason=" ".join(req.reasons))
    plan = selectors.sharing_plan(actor=district,
                                  policy=Policy(max_km=res.SHARING_MAX_DISTANCE_KM))
    pairs = [(plan.schools[p.guest], plan.schools[p.host]) for p in plan.result.placements]
    if pairs:
        services.sharing_accept(
            actor=district, pairs=pairs, moda_of=plan.moda,
            reason="Komputer tidak mencukupi; menumpang pada sekolah induk terdekat.")

    if not selectors.tech_team_list(actor=district).exists():
        services.tech_member_add(actor=province, region=province.region,
                                 agency=province.agency, name="Euis Komalasari",
                                 position="Koordinator tim teknis provinsi",
                                 phone="0811-2200-3201", email="timteknis@disdik.jabarprov.id",
                                 office="Dinas Pendidikan Provinsi Jawa Barat, Bandung")
        services.tech_member_add(actor=district, region=district.region,
                                 agency=district.agency, name="Dadang Suryana",
                                 position="Koordinator", phone="0812-2204-1001",
                                 office="Dinas Pendidikan Kab. Bandung, Soreang")
        services.tech_member_add(actor=district, region=district.region,
                                 agency=district.agency, name="Rizal Maulana",
                                 position="Teknisi jaringan", phone="0813-2204-1002")
