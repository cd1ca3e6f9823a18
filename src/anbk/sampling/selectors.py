"""Every read of participant data. Region-owned reads take the acting user and filter by
`school_q`; `participant_counts` and `sitting_participants` serve other apps (readiness,
scheduling, delivery) that have already scoped their schools."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from anbk.core.scoping import school_q
from anbk.registry.models import Position, School, Service, Student
from anbk.sampling.authority import authority_of
from anbk.sampling.eligibility import student_eligibility
from anbk.sampling.models import (
    Assessment,
    Participant,
    ParticipantType,
    ReserveActivation,
    SamplingRun,
    SchoolSample,
    Stage,
    Verification,
)


def current_assessment() -> Assessment | None:
    return Assessment.objects.order_by("-year").first()


def participant_counts(*, school_ids=None) -> dict[int, int]:
    """Current main + reserve participants per school id, only schools that have any."""
    qs = Participant.objects.filter(removed_at__isnull=True,
                                    assessment=current_assessment())
    if school_ids is not None:
        qs = qs.filter(school_id__in=list(school_ids))
    return dict(qs.values_list("school_id").annotate(n=Count("id")).order_by())


def sitting_participants(*, school: School) -> QuerySet[Participant]:
    """Who sits the test at a school (P-9): main participants not replaced by a reserve, and
    the reserves activated in their place."""
    replaced = ReserveActivation.objects.filter(absent=OuterRef("pk"))
    activated = ReserveActivation.objects.filter(reserve=OuterRef("pk"))
    return (Participant.objects
            .filter(school=school, removed_at__isnull=True, assessment=current_assessment())
            .filter((Q(participant_type=ParticipantType.MAIN) & ~Exists(replaced))
                    | (Q(participant_type=ParticipantType.RESERVE) & Exists(activated)))
            .select_related("student"))


# ---------------------------------------------------------------------------------------------
# Runs

def run_list(*, actor) -> QuerySet[SamplingRun]:
    """Runs over schools the actor sees: those with a SchoolSample (now or before) in scope
    — a team sees its own runs and those above its schools, a school the run of its list."""
    visible = SchoolSample.objects.filter(school_q(actor, "school__"))
    return (SamplingRun.objects
            .filter(Q(pk__in=visible.values("run_id"))
                    | Q(pk__in=Participant.objects.filter(school_q(actor, "school__"))
                        .values("run_id")))
            .select_related("actor", "region", "assessment").order_by("-started_at", "-id"))


def run_get(*, actor, pk: int) -> SamplingRun:
    return get_object_or_404(run_list(actor=actor), pk=pk)


def run_schools(*, actor, run: SamplingRun) -> QuerySet[SchoolSample]:
    """Counts per school of a run, within the actor's scope."""
    return (SchoolSample.objects.filter(school_q(actor, "school__"), run=run)
            .select_related("school").annotate(**_type_counts()).order_by("school__npsn"))


def _type_counts() -> dict:
    current = Q(participants__removed_at__isnull=True)
    return {
        "main": Count("participants", filter=current & Q(
            participants__participant_type=ParticipantType.MAIN)),
        "reserve": Count("participants", filter=current & Q(
            participants__participant_type=ParticipantType.RESERVE)),
        "pending": Count("participants", filter=current & Q(
            participants__verification=Verification.PENDING)),
        "flagged": Count("participants", filter=current & Q(
            participants__verification=Verification.FLAGGED)),
    }


# ---------------------------------------------------------------------------------------------
# Schools and their lists

def sample_list(*, actor, search: str = "", stage: str = "",
                flagged: bool | None = None) -> QuerySet[SchoolSample]:
    """The SchoolSample of every school in scope, with counts (DNS/DNT overview)."""
    qs = (SchoolSample.objects
          .filter(school_q(actor, "school__"), assessment=current_assessment())
          .select_related("school", "school__district").annotate(**_type_counts()))
    if search:
        s = search.strip()
        qs = qs.filter(Q(school__npsn__startswith=s) | Q(school__name__icontains=s))
    if stage:
        qs = qs.filter(stage=stage)
    if flagged:
        qs = qs.filter(flagged__gt=0)
    return qs.order_by("school__npsn")


def unsampled_schools(*, actor) -> QuerySet[School]:
    """Schools under the actor's sampling authority without a sample yet."""
    authority = authority_of(actor)
    if authority is None:
        return School.objects.none()
    done = SchoolSample.objects.filter(assessment=current_assessment(),
                                       school=OuterRef("pk"))
    return (School.objects.filter(school_q(actor)).filter(authority.school_q())
            .exclude(Exists(done)).order_by("npsn"))


def school_get(*, actor, npsn: str) -> School:
    return get_object_or_404(School.objects.filter(school_q(actor))
                             .select_related("district", "province"), npsn=npsn)


def school_sample(*, actor, school: School) -> SchoolSample | None:
    if not School.objects.filter(school_q(actor), pk=school.pk).exists():
        return None
    return sample_of(school=school)


def school_participants(*, school: School, stage: str | None = None,
                        include_removed: bool = False) -> QuerySet[Participant]:
    """A school's list in DNS/DNT order: regular sample first, main before reserves, each in
    the random order. Unscoped: for a school the caller already found in scope (or the
    system on the command line)."""
    qs = (Participant.objects.filter(school=school, assessment=current_assessment())
          .select_related("student", "student__school", "school"))
    if not include_removed:
        qs = qs.filter(removed_at__isnull=True)
    if stage == Stage.DNT:
        qs = qs.exclude(an_number="")
    return qs.order_by("-sample_type", "participant_type", "random_key", "student__nisn")


def participant_list(*, actor, school: School, stage: str | None = None,
                     include_removed: bool = False) -> QuerySet[Participant]:
    return school_participants(school=school, stage=stage,
                               include_removed=include_removed).filter(
        school_q(actor, "school__"))


def sample_of(*, school: School) -> SchoolSample | None:
    """Unscoped, like school_participants."""
    return (SchoolSample.objects.filter(school=school, assessment=current_assessment())
            .select_related("run", "run__actor", "assessment", "finalised_by").first())


def participant_get(*, actor, pk: int) -> Participant:
    return get_object_or_404(
        Participant.objects.filter(school_q(actor, "school__"))
        .select_related("student", "school", "school_sample"), pk=pk)


def district_participants(*, actor, district) -> QuerySet[Participant]:
    """Every current participant of a district's schools in scope, by school (DNS per
    district)."""
    return (Participant.objects
            .filter(school_q(actor, "school__"), school__district=district,
                    removed_at__isnull=True, assessment=current_assessment())
            .select_related("student", "school")
            .order_by("school__npsn", "-sample_type", "participant_type", "random_key"))


def eligibility_rows(*, actor, school: School, only: str = "") -> list[dict]:
    """Every student of the school with the verdict of P-1 … P-4 and, when not eligible, the
    reasons; `only` = "eligible" / "not" filters."""
    students = (Student.objects.filter(school_q(actor, "school__"), school=school)
                .order_by("grade", "name"))
    rows = []
    for student in students:
        verdict = student_eligibility(student, school)
        if only == "eligible" and not verdict.eligible:
            continue
        if only == "not" and verdict.eligible:
            continue
        rows.append({"student": student, "verdict": verdict})
    return rows


def respondents(*, actor, npsn: str = "", search: str = "") -> QuerySet[Service]:
    """P-8: SLB respondents, one row per active teacher or principal per school served,
    every school in scope (also schools without a student sample)."""
    qs = (Service.objects.filter(school_q(actor, "school__"), is_active=True,
                                 position__in=[Position.TEACHER, Position.PRINCIPAL])
          .select_related("person", "school"))
    if npsn:
        qs = qs.filter(school__npsn=npsn)
    if search:
        s = search.strip()
        qs = qs.filter(Q(person__name__icontains=s) | Q(person__nik__startswith=s))
    return qs.order_by("school__npsn", "-position", "person__name")


def reserve_board(*, actor, school: School) -> dict:
    """The school's reserve page: main participants (who may still be replaced), reserves
    and the activations so far."""
    participants = list(participant_list(actor=actor, school=school))
    activations = list(ReserveActivation.objects.filter(school_q(actor, "school__"),
                                                        school=school)
                       .select_related("absent__student", "reserve__student", "actor"))
    replaced = {a.absent_id for a in activations}
    activated = {a.reserve_id for a in activations}
    return {
        "main": [p for p in participants if p.participant_type == ParticipantType.MAIN],
        "reserves": [p for p in participants if p.participant_type == ParticipantType.RESERVE],
        "activations": activations,
        "replaced": replaced,
        "activated": activated,
    }
