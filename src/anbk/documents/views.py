"""Portal pages of the documents app (J-5, J-6): a school's printable documents and the
upload status of its signed scans, the PDFs themselves, scan uploads and downloads, and the
district batch zips. Thin: sources and selectors read, services write; a school, session or
scan outside the actor's scope is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anbk.accounts.models import SCHOOL_ROLES
from anbk.documents import batches, sources
from anbk.documents.cards import render_login_cards, render_survey_cards
from anbk.documents.forms import BatchForm, ScanUploadForm
from anbk.documents.models import BatchStatus, PrintKind, ScanKind
from anbk.documents.scans import ScanRejected
from anbk.documents.selectors import (
    batch_get,
    batch_list,
    print_log_list,
    scan_get,
    scan_list,
    scan_status,
)
from anbk.documents.services import print_log_record, scan_path, scan_upload
from anbk.documents.sheets import render_attendance, render_recap, render_session_report
from anbk.portal.access import permission_required_404
from anbk.registry.selectors import school_get, school_list
from anbk.scheduling.selectors import session_get

print_required = permission_required_404("documents.print_documents")
upload_required = permission_required_404("documents.upload_scans")
batch_required = permission_required_404("documents.batch_print")
PAGE_SIZE = 50


def _pdf(data: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _written_pdf(write, file_name: str) -> HttpResponse:
    response = HttpResponse(content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    write(response)  # the cards are rendered straight into the response
    return response


@print_required
def home(request):
    """A school account sees its school's page; a team picks one of its schools."""
    if request.user.role in SCHOOL_ROLES and request.user.school_id:
        return _school_page(request, school_get(actor=request.user,
                                                npsn=request.user.school.npsn))
    search = request.GET.get("q", "").strip()
    page = Paginator(school_list(actor=request.user, search=search), PAGE_SIZE).get_page(
        request.GET.get("page"))
    ids = [school.pk for school in page]
    uploaded = scan_status(actor=request.user, school_ids=ids)
    expected = sources.sheets_expected(ids)
    rows = [(school, sum(uploaded.get(school.pk, {}).values()), expected.get(school.pk, 0))
            for school in page]
    return render(request, "documents/home.html", {"page": page, "rows": rows, "q": search})


def _session_room(request, session: int, room: int, day: int):
    """The host's session and one of its rooms with seated participants, in scope; 404
    otherwise."""
    if day not in sources.SESSION_DAYS:
        raise Http404
    found = session_get(actor=request.user, pk=session)
    rooms = {r.room_id: r for r in sources.session_rooms(actor=request.user,
                                                         school=found.school)
             if r.session.pk == found.pk}
    if room not in rooms:
        raise Http404
    return found, rooms[room]


@print_required
def school_view(request, npsn: str):
    return _school_page(request, school_get(actor=request.user, npsn=npsn))


def _school_page(request, school):
    rooms = sources.session_rooms(actor=request.user, school=school)
    current = {(s.session_id, s.room_id, s.day, s.kind): s
               for s in scan_list(actor=request.user, school_id=school.pk)}
    rows = [{"room": r, "days": [{"day": d, "date": date, "scans": [
        (kind, label, current.get((r.session.pk, r.room_id, d, kind)))
        for kind, label in ScanKind.choices]} for d, date in sources.session_dates(r.session)]}
        for r in rooms]
    return render(request, "documents/school.html", {
        "school": school, "rows": rows,
        "cards": len(sources.card_rows(actor=request.user, school=school)),
        "survey_cards": len(sources.survey_rows(actor=request.user, school=school)),
        "printed": print_log_list(actor=request.user, school_id=school.pk)[:10],
        "can_upload": request.user.has_perm("documents.upload_scans"),
    })


def _cards(request, npsn: str, rows_of, render, kind: str, file_name: str):
    """A school's cards as a PDF rendered into the response, logged as printed; 404 while
    it has none."""
    school = school_get(actor=request.user, npsn=npsn)
    rows = rows_of(actor=request.user, school=school)
    if not rows:
        raise Http404
    print_log_record(actor=request.user, school=school, kind=kind, items=len(rows))
    return _written_pdf(lambda out: render(rows, out, year=sources.assessment_year(),
                                           footer_note=f"{school.name} ({npsn})"),
                        f"{file_name}-{npsn}.pdf")


@print_required
def cards_pdf(request, npsn: str):
    return _cards(request, npsn, sources.card_rows, render_login_cards, PrintKind.LOGIN_CARDS,
                  "kartu-login")


@print_required
def survey_cards_pdf(request, npsn: str):
    return _cards(request, npsn, sources.survey_rows, render_survey_cards,
                  PrintKind.SURVEY_CARDS, "kartu-slb")


@print_required
def recap_pdf(request, npsn: str):
    school = school_get(actor=request.user, npsn=npsn)
    recap = sources.recap(actor=request.user, school=school)
    print_log_record(actor=request.user, school=school, kind=PrintKind.RECAP, items=1)
    return _pdf(render_recap(recap), f"rekap-{npsn}.pdf")


@print_required
def attendance_pdf(request, session: int, room: int, day: int):
    found, _room = _session_room(request, session, room, day)
    sheet = sources.attendance_sheet(actor=request.user, session=found, room_id=room, day=day)
    print_log_record(actor=request.user, school=found.school, kind=PrintKind.ATTENDANCE,
                     items=len(sheet.seats), detail=f"{sheet.info.session} · {sheet.info.room}")
    return _pdf(render_attendance(sheet), f"daftar-hadir-{session}-{room}-hari{day}.pdf")


@print_required
def session_report_pdf(request, session: int, room: int, day: int):
    found, _room = _session_room(request, session, room, day)
    report = sources.session_report(actor=request.user, session=found, room_id=room, day=day)
    print_log_record(actor=request.user, school=found.school, kind=PrintKind.SESSION_REPORT,
                     items=1, detail=f"{report.info.session} · {report.info.room}")
    return _pdf(render_session_report(report), f"berita-acara-{session}-{room}-hari{day}.pdf")


@upload_required
def scan_upload_view(request, session: int, room: int, day: int, kind: str):
    if kind not in ScanKind.values:
        raise Http404
    found, place = _session_room(request, session, room, day)
    form = ScanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            scan_upload(actor=request.user, session=found, room_id=room, day=day, kind=kind,
                        upload=form.cleaned_data["file"])
        except (ScanRejected, PermissionDenied) as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, _("Pindaian %(kind)s tersimpan.")
                             % {"kind": ScanKind(kind).label})
            return redirect("documents:school", npsn=found.school.npsn)
    return render(request, "documents/scan_upload.html", {
        "form": form, "session": found, "place": place, "day": day,
        "kind_label": ScanKind(kind).label,
        "history": scan_list(actor=request.user, school_id=found.school_id,
                             current_only=False).filter(session=found, room_id=room, day=day,
                                                        kind=kind)},
        status=400 if form.errors else 200)


@print_required
def scan_file(request, pk: int):
    scan = scan_get(actor=request.user, pk=pk)
    path = scan_path(scan)
    if not path.is_file():
        raise Http404
    response = FileResponse(open(path, "rb"), as_attachment=True, content_type=scan.content_type,
                            filename=f"{scan.kind}-{scan.session_id}-{scan.room_id}-hari"
                                     f"{scan.day}.{path.suffix.lstrip('.')}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@batch_required
def batch_list_view(request):
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = batches.batch_create(actor=request.user, kind=form.cleaned_data["kind"])
        return redirect("documents:batch", pk=batch.pk)
    page = Paginator(batch_list(actor=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "documents/batches.html", {"form": form, "page": page},
                  status=400 if form.errors else 200)


@batch_required
def batch_view(request, pk: int):
    return render(request, "documents/batch.html", {"batch": batch_get(actor=request.user, pk=pk)})


@batch_required
def batch_progress(request, pk: int):
    batch = batch_get(actor=request.user, pk=pk)
    response = render(request, "documents/batch_progress.html", {"batch": batch})
    if batch.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@batch_required
def batch_download(request, pk: int):
    batch = batch_get(actor=request.user, pk=pk)
    path = batches.batch_file(batch)
    if path is None or batch.status != BatchStatus.DONE:
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True, content_type="application/zip",
                        filename=f"{batch.get_kind_display()}-{batch.pk}.zip".replace(" ", "-"))
