from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from anbk.accounts.models import Role
from anbk.core.models import AuditEntry
from anbk.registry.selectors import school_counts

PAGE_SIZE = 50


@login_required
def home(request):
    """Dashboard: the counts of what the user's scope holds."""
    return render(request, "portal/home.html", {"counts": school_counts(actor=request.user)})


@login_required
def audit_log(request):
    if request.user.role != Role.CENTRE_ADMIN:
        raise Http404
    entries = AuditEntry.objects.order_by("-seq")
    if action := request.GET.get("action", "").strip():
        entries = entries.filter(action__startswith=action)
    if who := request.GET.get("actor", "").strip():
        entries = entries.filter(actor_label__icontains=who)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/audit_log.html", {"page": page})
