"""Reads of accounts, filtered to what the actor manages."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from anbk.accounts.models import REGION_ROLES, Role, User
from anbk.core.scoping import NOTHING, school_q


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
