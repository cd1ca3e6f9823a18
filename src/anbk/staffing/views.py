"""Staffing pages ("Data Server/Ruang", petugas, pengawas silang, pakta integritas). Thin:
forms parse, services write, selectors read within the actor's scope (others get a 404)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from anbk.core.context import request_address
from anbk.core.scoping import school_q
from anbk.portal.access import permission_required_404
from anbk.portal.lists import PAGE_SIZE, render_list
from anbk.staffing import documents, selectors, services
from anbk.staffing.forms import (
    AssignForm,
    DistrictFilterForm,
    OfficialForm,
    PlanForm,
    RoomForm,
    ServerForm,
    SupervisorFilterForm,
    TrainingForm,
)
from anbk.staffing.models import Official, Pledge
from anbk.staffing.pledge import PLEDGE_OPENING, statements

staffing_required = permission_required_404("staffing.manage_staffing")
supervisors_required = permission_required_404("staffing.assign_supervisors")
pledge_required = permission_required_404("staffing.sign_pledge")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@staffing_required
def school_list(request):
    form = DistrictFilterForm(request.GET, actor=request.user)
    rows = selectors.school_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "staffing/school_list.html", form, rows)


def _with_accounts(officials, school) -> list:
    """Each official with the accounts it may be linked to (own staff only)."""
    accounts: dict[str, list] = {}
    rows = []
    for official in officials:
        if official.home_school_id != school.pk:
            rows.append((official, None))
            continue
        if official.role not in accounts:
            accounts[official.role] = list(selectors.accounts_for(school=school,
                                                                  role=official.role))
        rows.append((official, accounts[official.role]))
    return rows


def _school_page(request, school, *, room_form=None, official_form=None, assign_form=None,
                 training_form=None):
    actor = request.user
    gaps = selectors.gaps_by_school([school])[school.pk]
    return render(request, "staffing/school.html", {
        "school": school,
        "grid": selectors.assignment_grid(school=school),
        "officials": _with_accounts(selectors.officials_for_school(actor=actor, school=school),
                                    school),
        "gaps": gaps,
        "room_form": room_form or RoomForm(),
        "server_form": ServerForm(),
        "official_form": official_form or OfficialForm(actor=actor, school=school),
        "assign_form": assign_form or AssignForm(actor=actor, school=school),
        "training_form": training_form or (
            TrainingForm(actor=actor, npsn=school.npsn)
            if actor.has_perm("staffing.record_training") else None),
    })


@staffing_required
def school_detail(request, npsn):
    return _school_page(request, selectors.school_get(actor=request.user, npsn=npsn))


def _school_post(view):
    """A POST form on the school page: on a refusal the page comes back with the errors."""

    @staffing_required
    @require_POST
    @wraps(view)
    def wrapped(request, npsn):
        school = selectors.school_get(actor=request.user, npsn=npsn)
        return view(request, school)

    return wrapped


def _refused(form, error) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
    else:
        form.add_error(None, _error_text(error) if isinstance(error, ValidationError)
                       else str(error))


def _submit(request, school, form, form_key: str, write):
    """Hand a valid form to `write` (a service call returning the success message); a
    refusal comes back on the school page with the form and its errors."""
    if form.is_valid():
        try:
            done = write(form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, done)
            return redirect("staffing:school", npsn=school.npsn)
    return _school_page(request, school, **{form_key: form})


@_school_post
def room_create(request, school):
    def write(data):
        room = services.room_create(actor=request.user, school=school, name=data["name"],
                                    clients=data["clients"])
        return _("Ruang %(name)s ditambahkan.") % {"name": room.name}

    return _submit(request, school, RoomForm(request.POST), "room_form", write)


@_school_post
def official_create(request, school):
    def write(data):
        official = services.official_create(actor=request.user, person=data["person"],
                                            role=data["role"], home_school=school,
                                            account=data["account"])
        return _("%(official)s didaftarkan.") % {"official": official}

    form = OfficialForm(request.POST, actor=request.user, school=school)
    return _submit(request, school, form, "official_form", write)


@_school_post
def assign(request, school):
    form = AssignForm(request.POST, actor=request.user, school=school)

    def write(data):
        made = services.staff_assign(actor=request.user, official=data["official"],
                                     school=school, room=data["room"],
                                     slots=form.selected_slots())
        return _("%(official)s ditugaskan pada %(n)d sesi.") % {"official": made[0].official,
                                                                 "n": len(made)}

    return _submit(request, school, form, "assign_form", write)


@_school_post
def training(request, school):
    if not request.user.has_perm("staffing.record_training"):
        raise Http404

    def write(data):
        n = services.training_record(actor=request.user, officials=data["officials"],
                                     trained_on=data["trained_on"], note=data["note"])
        return _("Kehadiran pelatihan %(n)d petugas dicatat.") % {"n": n}

    form = TrainingForm(request.POST, actor=request.user, npsn=school.npsn)
    return _submit(request, school, form, "training_form", write)


@_school_post
@never_cache
def proctor_list_pdf(request, school):
    """Print the Daftar ID Proktor: new passwords for every proctor server of the school."""
    try:
        issued = services.proctor_passwords_issue(actor=request.user, school=school)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("staffing:school", npsn=school.npsn)
    return _pdf(documents.proctor_list_pdf(school=school, issued=issued),
                f"daftar-id-proktor-{school.npsn}.pdf")


def _object_post(getter, service, done: str):
    """A POST on one object of the school page (delete, remove, add a server)."""

    @staffing_required
    @require_POST
    def view(request, pk):
        obj = getter(actor=request.user, pk=pk)
        school = obj.school if hasattr(obj, "school") else obj.home_school
        try:
            result = service(request, obj)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error) if isinstance(error, ValidationError)
                           else str(error))
        else:
            messages.success(request, done % {"name": result})
        return redirect("staffing:school", npsn=school.npsn)

    return view


def _add_server(request, room):
    form = ServerForm(request.POST)
    form.is_valid()
    server = services.proctor_server_create(
        actor=request.user, room=room, computer_name=form.cleaned_data.get("computer_name", ""))
    return server.proctor_id


def _form_or_refuse(form):
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return form.cleaned_data


def _update_room(request, room):
    data = _form_or_refuse(RoomForm(request.POST))
    services.room_update(actor=request.user, room=room, name=data["name"],
                         clients=data["clients"])
    return room.name


def _link_account(request, official):
    wanted = request.POST.get("account") or None
    account = None
    if wanted:
        account = selectors.accounts_for(school=official.home_school, role=official.role
                                         ).filter(pk=wanted).first()
        if account is None:
            raise ValidationError(_("Akun harus akun %(role)s di sekolah asal.")
                                  % {"role": official.get_role_display()})
    services.official_set_account(actor=request.user, official=official, account=account)
    return str(official)


def _delete_room(request, room):
    services.room_delete(actor=request.user, room=room)
    return room.name


def _delete_server(request, server):
    services.proctor_server_delete(actor=request.user, server=server)
    return server.proctor_id


def _delete_official(request, official):
    services.official_delete(actor=request.user, official=official)
    return str(official)


def _unassign(request, assignment):
    services.assignment_remove(actor=request.user, assignment=assignment)
    return str(assignment.official)


server_create = _object_post(selectors.room_get, _add_server,
                             _lazy("Server proktor %(name)s didaftarkan."))
room_update = _object_post(selectors.room_get, _update_room, _lazy("Ruang %(name)s diperbarui."))
official_account = _object_post(selectors.official_get, _link_account,
                                _lazy("Akun portal %(name)s diperbarui."))
room_delete = _object_post(selectors.room_get, _delete_room, _lazy("Ruang %(name)s dihapus."))
server_delete = _object_post(selectors.server_get, _delete_server,
                             _lazy("Server proktor %(name)s dihapus; ID-nya tidak berlaku lagi."))
official_delete = _object_post(selectors.official_get, _delete_official,
                               _lazy("%(name)s dihapus dari daftar petugas."))
unassign = _object_post(selectors.assignment_get, _unassign, _lazy("Penugasan %(name)s dihapus."))


@staffing_required
def gaps(request):
    """Gaps per school of the actor's scope (a district's or province's overview)."""
    form = DistrictFilterForm(request.GET, actor=request.user)
    schools = selectors.school_list(actor=request.user, **form.selector_kwargs())
    page = Paginator(schools, PAGE_SIZE).get_page(request.GET.get("page"))
    found = selectors.gaps_by_school(page.object_list)
    rows = [(school, found[school.pk]) for school in page.object_list]
    template = "staffing/gaps.html" + ("#results" if request.headers.get("HX-Request") else "")
    return render(request, template, {"form": form, "page": page, "rows": rows})


@supervisors_required
def supervisors(request):
    """The crosswise supervisor plan of the actor's scope: run it, then see and edit it."""
    plan_form = PlanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and plan_form.is_valid():
        try:
            outcome = services.supervisors_plan(actor=request.user, district=plan_form.region())
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            text = _("Pengawas ditugaskan: %(placed)d kursi terisi, %(kept)d penugasan manual "
                     "dipertahankan, %(unfilled)d belum terisi; jarak total %(km)s km.") % {
                "placed": outcome.placed, "kept": outcome.kept, "unfilled": outcome.unfilled,
                "km": outcome.total_km}
            (messages.warning if outcome.unfilled else messages.success)(request, text)
        return redirect("staffing:supervisors")
    form = SupervisorFilterForm(request.GET, actor=request.user)
    rows = selectors.supervisor_assignments(actor=request.user, **form.selector_kwargs())
    return render_list(request, "staffing/supervisors.html", form, rows,
                       {"plan_form": plan_form})


@pledge_required
def pledge(request):
    """An official reads and signs their integrity pledge(s)."""
    if request.method == "POST":
        official = get_object_or_404(selectors.pledge_officials(actor=request.user),
                                     pk=request.POST.get("official"))
        try:
            services.pledge_sign(actor=request.user, official=official,
                                 ip=request_address(request))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error) if isinstance(error, ValidationError)
                           else str(error))
        else:
            messages.success(request, _("Pakta integritas ditandatangani. Terima kasih."))
        return redirect("staffing:pledge")
    officials = [(official, statements(official.get_role_display().lower()))
                 for official in selectors.pledge_officials(actor=request.user)]
    return render(request, "staffing/pledge.html",
                  {"officials": officials, "opening": PLEDGE_OPENING})


@login_required
def pledge_pdf(request, pk):
    """The signed pledge: for the official who signed it, and for who sees their school."""
    user = request.user
    visible = Official.objects.none()
    if user.has_perm("staffing.sign_pledge"):
        visible = Official.objects.filter(account=user)
    if user.has_perm("staffing.manage_staffing"):
        visible = visible | Official.objects.filter(school_q(user, "home_school__"))
    signed = get_object_or_404(Pledge.objects.filter(official__in=visible)
                               .select_related("official__person", "official__home_school",
                                               "signed_by"), pk=pk)
    return _pdf(documents.pledge_pdf(pledge=signed), f"pakta-integritas-{signed.pk}.pdf")
