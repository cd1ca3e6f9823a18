"""Read-only registry pages. Data arrives by import; every read goes through the selectors,
so lists are scoped and a detail outside the actor's scope is a 404."""

from django.shortcuts import render

from anbk.portal.access import permission_required_404
from anbk.portal.lists import render_list
from anbk.registry import selectors
from anbk.registry.forms import SchoolFilterForm, StudentFilterForm, TeacherFilterForm

SUGGESTIONS = 20


registry_permission_required = permission_required_404("portal.view_registry")


def _list_view(form_class, select, template: str):
    """A list page: the filter form's valid values go to the actor-scoped selector."""

    @registry_permission_required
    def view(request):
        form = form_class(request.GET, actor=request.user)
        rows = select(actor=request.user, **form.selector_kwargs())
        return render_list(request, template, form, rows)

    return view


school_list = _list_view(SchoolFilterForm, selectors.school_list, "registry/school_list.html")
student_list = _list_view(StudentFilterForm, selectors.student_list,
                          "registry/student_list.html")
# One row per person per school served (P-8).
teacher_list = _list_view(TeacherFilterForm, selectors.service_list,
                          "registry/teacher_list.html")


@registry_permission_required
def school_options(request):
    """Suggestions for an NPSN field (SchoolPicker): schools in scope matching what was typed."""
    schools = selectors.school_list(actor=request.user, search=request.GET.get("npsn", ""))
    return render(request, "registry/school_options.html",
                  {"schools": schools[:SUGGESTIONS]})


@registry_permission_required
def school_detail(request, npsn):
    school = selectors.school_get(actor=request.user, npsn=npsn)
    return render(request, "registry/school_detail.html", {
        "school": school,
        "principal": selectors.school_principal(actor=request.user, school=school),
        "grades": selectors.grade_counts(actor=request.user, school=school),
        "teacher_count": selectors.service_list(actor=request.user, npsn=school.npsn).count(),
    })


@registry_permission_required
def student_detail(request, nisn):
    student = selectors.student_get(actor=request.user, nisn=nisn)
    return render(request, "registry/student_detail.html", {"student": student})


@registry_permission_required
def person_detail(request, nik):
    person = selectors.person_get(actor=request.user, nik=nik)
    return render(request, "registry/person_detail.html", {
        "person": person,
        "services": selectors.person_services(actor=request.user, person=person),
    })
