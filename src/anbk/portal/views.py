from django.core.paginator import Paginator
from django.shortcuts import render

from anbk.accounts.models import REGION_ROLES, SCHOOL_ROLES, Role
from anbk.accounts.selectors import locked_count
from anbk.core.models import AuditEntry
from anbk.portal.access import permission_required_404
from anbk.portal.lists import PAGE_SIZE
from anbk.registry.selectors import grade_counts, school_counts, schools_per_region


@permission_required_404("portal.view_home")
def home(request):
    """Dashboard per role: the centre sees the nation by province, a team its region by
    district, a school account its own school."""
    user = request.user
    context = {"counts": school_counts(actor=user)}
    if user.role in SCHOOL_ROLES:
        context["grades"] = grade_counts(actor=user)
    elif user.role == Role.CENTRE_ADMIN:
        context["per_region"] = schools_per_region(actor=user, by="province")
    elif user.role in REGION_ROLES:
        context["per_region"] = schools_per_region(actor=user, by="district")
    if user.has_perm("accounts.manage_accounts") and user.role not in SCHOOL_ROLES:
        context["locked"] = locked_count(actor=user)
    return render(request, "portal/home.html", context)


@permission_required_404("portal.read_audit")
def audit_log(request):
    entries = AuditEntry.objects.order_by("-seq")
    if action := request.GET.get("action", "").strip():
        entries = entries.filter(action__startswith=action)
    if who := request.GET.get("actor", "").strip():
        entries = entries.filter(actor_label__icontains=who)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/audit_log.html", {"page": page})
