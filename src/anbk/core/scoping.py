"""Region scoping: which schools an account may see. Every region-owned selector uses this.

Decision (docs/decisions/0002-authority-scoping.md): a province team sees every school of its
agency in its province (it finalises DNT for all of them, P-7); a district team sees the
district-tier schools of its agency in its district; a school account sees only its school;
the centre sees all. An account with no role sees nothing.
"""

from django.db.models import Q

from anbk.core.rules import Tier

NOTHING = Q(pk__in=[])


def school_q(user, prefix: str = "") -> Q:
    """A filter on School (or, with prefix "school__", on anything with a school FK)."""
    from anbk.accounts.models import SCHOOL_ROLES, Role

    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    role = user.role
    if role == Role.CENTRE_ADMIN:
        return Q()
    if role == Role.PROVINCE_TEAM:
        return Q(**{f"{prefix}province_id": user.region_id, f"{prefix}agency": user.agency})
    if role == Role.DISTRICT_TEAM:
        return Q(**{f"{prefix}district_id": user.region_id, f"{prefix}agency": user.agency,
                    f"{prefix}tier": Tier.DISTRICT})
    if role in SCHOOL_ROLES and user.school_id:
        return Q(**{f"{prefix}pk": user.school_id})
    return NOTHING
