"""Every read of registry data takes the acting user and is filtered to their scope."""

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from anbk.core.scoping import NOTHING, school_q
from anbk.registry.models import (
    Person,
    Position,
    Region,
    RegionKind,
    School,
    Service,
    Student,
)


def school_list(*, actor, search: str = "", bentuk: str = "", district_code: str = "",
                status: str = "") -> QuerySet[School]:
    qs = School.objects.filter(school_q(actor)).select_related("district", "province")
    if search:
        qs = qs.filter(Q(npsn__startswith=search.strip()) | Q(name__icontains=search.strip()))
    if bentuk:
        qs = qs.filter(bentuk=bentuk)
    if district_code:
        qs = qs.filter(district__code=district_code)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("npsn")


def school_get(*, actor, npsn: str) -> School:
    """404 for a school outside the actor's scope: its existence is not revealed."""
    return get_object_or_404(School.objects.filter(school_q(actor)), npsn=npsn)


def school_counts(*, actor) -> dict:
    schools = School.objects.filter(school_q(actor))
    return {
        "schools": schools.count(),
        "students": Student.objects.filter(school_q(actor, "school__")).count(),
        "persons": Service.objects.filter(school_q(actor, "school__"), is_active=True)
        .values("person_id").distinct().count(),
        "by_bentuk": list(schools.values("bentuk").annotate(n=Count("id")).order_by("bentuk")),
    }


def student_list(*, actor, search: str = "", npsn: str = "", grade: int | None = None,
                 active: bool | None = None) -> QuerySet[Student]:
    qs = Student.objects.filter(school_q(actor, "school__")).select_related("school")
    if search:
        qs = qs.filter(Q(nisn__startswith=search.strip()) | Q(name__icontains=search.strip()))
    if npsn:
        qs = qs.filter(school__npsn=npsn)
    if grade is not None:
        qs = qs.filter(grade=grade)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("school__npsn", "name")


def student_get(*, actor, nisn: str) -> Student:
    return get_object_or_404(
        Student.objects.filter(school_q(actor, "school__")).select_related("school"), nisn=nisn
    )


def service_list(*, actor, search: str = "", npsn: str = "", position: str = ""
                 ) -> QuerySet[Service]:
    """Teachers and principals, one row per school they serve (P-8)."""
    qs = Service.objects.filter(school_q(actor, "school__")).select_related("person", "school")
    if search:
        qs = qs.filter(Q(person__nik__startswith=search.strip())
                       | Q(person__name__icontains=search.strip()))
    if npsn:
        qs = qs.filter(school__npsn=npsn)
    if position:
        qs = qs.filter(position=position)
    return qs.order_by("school__npsn", "person__name")


def person_get(*, actor, nik: str) -> Person:
    """A person is visible when they serve at least one school in the actor's scope."""
    visible = Service.objects.filter(school_q(actor, "school__")).values("person_id")
    return get_object_or_404(Person.objects.filter(pk__in=visible), nik=nik)


def region_list(*, actor) -> QuerySet[Region]:
    """Regions an actor works in: all for the centre, own province and its districts, own
    district; schools see their own district and province."""
    from anbk.accounts.models import SCHOOL_ROLES, Role

    qs = Region.objects.select_related("parent")
    if not actor.is_authenticated:
        return qs.filter(NOTHING)
    if actor.role == Role.CENTRE_ADMIN:
        return qs
    if actor.role == Role.PROVINCE_TEAM:
        return qs.filter(Q(pk=actor.region_id) | Q(parent_id=actor.region_id))
    if actor.role == Role.DISTRICT_TEAM:
        return qs.filter(Q(pk=actor.region_id) | Q(children__pk=actor.region_id)).distinct()
    if actor.role in SCHOOL_ROLES and actor.school_id:
        school = actor.school
        return qs.filter(pk__in=[school.district_id, school.province_id])
    return qs.filter(NOTHING)


def district_choices(*, actor) -> QuerySet[Region]:
    return region_list(actor=actor).exclude(kind=RegionKind.PROVINCE)


def grade_counts(*, actor, school: School | None = None) -> list[dict]:
    """Students per grade (tingkat) in the actor's scope, or at one school of it."""
    qs = Student.objects.filter(school_q(actor, "school__"))
    if school is not None:
        qs = qs.filter(school=school)
    return list(qs.values("grade").annotate(n=Count("id"), active=Count("id", filter=Q(
        is_active=True))).order_by("grade"))


def school_principal(*, actor, school: School) -> Service | None:
    return (Service.objects.filter(school_q(actor, "school__"), school=school,
                                   position=Position.PRINCIPAL, is_active=True)
            .select_related("person").first())


def person_services(*, actor, person: Person) -> QuerySet[Service]:
    """The schools a person serves that the actor may see (P-8: there may be several)."""
    return (Service.objects.filter(school_q(actor, "school__"), person=person)
            .select_related("school", "school__district").order_by("school__npsn"))


def schools_per_region(*, actor, by: str) -> list[dict]:
    """School counts grouped by "province" or "district"; schools abroad have no region."""
    if by not in {"province", "district"}:
        raise ValueError(f"group schools by province or district, not {by!r}")
    return list(School.objects.filter(school_q(actor))
                .values(region_code=F(f"{by}__code"), region_name=F(f"{by}__name"))
                .annotate(n=Count("id")).order_by(F("region_code").asc(nulls_last=True)))
