"""Reads of accounts, filtered to what the actor manages."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from anbk.accounts.models import REGION_ROLES, Role, User
from anbk.accounts.services import ISSUABLE
from anbk.core.scoping import NOTHING, school_q
from anbk.registry.models import Region, RegionKind


def _managed_q(actor: User) -> Q:
    if not actor.is_authenticated:
        return NOTHING
    if actor.role == Role.CENTRE_ADMIN:
        return Q()
    own = Q(pk=actor.pk)
    if actor.role == Role.PROVINCE_TEAM:
        teams = Q(role__in=REGION_ROLES, agency=actor.agency) & (
            Q(region_id=actor.region_id) | Q(region__parent_id=actor.region_id))
        return own | teams | Q(school__isnull=False) & school_q(actor, "school__")
    if actor.role == Role.DISTRICT_TEAM:
        return own | Q(school__isnull=False) & school_q(actor, "school__")
    if actor.role == Role.SCHOOL_OPERATOR:
        return own | Q(school_id=actor.school_id)
    return own


def user_list(*, actor: User, search: str = "", role: str = "") -> QuerySet[User]:
    qs = User.objects.filter(_managed_q(actor)).select_related("region", "school")
    if search:
        s = search.strip()
        qs = qs.filter(Q(username__icontains=s) | Q(first_name__icontains=s)
                       | Q(last_name__icontains=s))
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("role", "username")


def user_get(*, actor: User, pk: int) -> User:
    return get_object_or_404(User.objects.filter(_managed_q(actor)), pk=pk)


def locked_count(*, actor: User) -> int:
    """Locked accounts among those the actor manages (their own lock is not theirs to lift)."""
    return User.objects.filter(_managed_q(actor), locked_at__isnull=False).exclude(
        pk=actor.pk).count()


def issuable_regions(*, actor: User) -> QuerySet[Region]:
    """Regions the actor may bind a new team account to: provinces for the centre; its own
    province and that province's districts for a province team; none below."""
    if not actor.is_authenticated or not ISSUABLE.get(actor.role, set()) & REGION_ROLES:
        return Region.objects.none()
    if actor.role == Role.CENTRE_ADMIN:
        return Region.objects.filter(kind=RegionKind.PROVINCE)
    return Region.objects.filter(Q(pk=actor.region_id) | Q(parent_id=actor.region_id))
