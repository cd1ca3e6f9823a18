"""The one way a portal list page renders: filtered rows, paginated; an htmx request (the
filter form or a pager link) gets only the template's "results" partial."""

from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 50


def render_list(request, template: str, form, rows, extra: dict | None = None):
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, {"form": form, "page": page, **(extra or {})})
