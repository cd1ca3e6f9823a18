"""Portal pages of the import: upload, a job's progress and outcome, its error list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.portal.access import permission_required_404
from anbk.registry.importing import jobs
from anbk.registry.importing.forms import ImportUploadForm
from anbk.registry.importing.kinds import kinds_for
from anbk.registry.importing.report import errors_xlsx
from anbk.registry.importing.samples import sample_path
from anbk.registry.importing.selectors import import_job_get, import_job_list
from anbk.registry.models import ImportKind, ImportStatus

SHOWN_ERRORS = 100
PAGE_SIZE = 20
# The import pages exist for an account that may import at least one kind.
import_permission_required = permission_required_404("imports.use_imports")


@import_permission_required
def upload_view(request):
    kinds = kinds_for(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        job = jobs.import_job_create(actor=request.user, kind=form.cleaned_data["kind"],
                                     upload=form.cleaned_data["file"])
        return redirect("imports:job", pk=job.pk)
    page = Paginator(import_job_list(actor=request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    jobs.import_jobs_stop_stale(jobs=page)  # a dead worker's job is listed as stopped
    labels = dict(ImportKind.choices)
    return render(request, "registry/imports/upload.html",
                  {"form": form, "page": page,
                   "sample_links": [(kind, labels[kind]) for kind in kinds]},
                  status=400 if form.errors else 200)


def _job_context(request, pk: int) -> dict:
    job = jobs.import_job_stop_stale(job=import_job_get(actor=request.user, pk=pk))
    return {"job": job, "progress": jobs.job_progress(job)}


@import_permission_required
def job_view(request, pk: int):
    context = _job_context(request, pk)
    job = context["job"]
    context["errors"] = jobs.job_errors(job, limit=SHOWN_ERRORS) if job.error_count else []
    context["file_kept"] = jobs.job_file_kept(job)
    context["can_retry"] = (job.status == ImportStatus.INVALID and job.valid_rows > 0
                            and context["file_kept"])
    context["can_rerun"] = job.status == ImportStatus.STOPPED and context["file_kept"]
    return render(request, "registry/imports/job.html", context)


@import_permission_required
def job_progress_view(request, pk: int):
    context = _job_context(request, pk)
    response = render(request, "registry/imports/progress.html", context)
    if context["job"].is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # show the outcome page in full
    return response


@import_permission_required
def job_errors_view(request, pk: int):
    context = _job_context(request, pk)
    job = context["job"]
    problems = jobs.job_errors(job)
    if not problems:
        raise Http404
    response = HttpResponse(
        errors_xlsx(problems, job.file_name),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="galat-impor-{job.pk}.xlsx"'
    return response


@import_permission_required
@require_POST
def job_retry_view(request, pk: int):
    return _queue_again(request, pk, jobs.import_job_retry_valid_only, lambda retry: _(
        "Baris yang valid sedang diimpor; baris yang salah dilewati."))


@import_permission_required
@require_POST
def job_rerun_view(request, pk: int):
    """Run a stopped job again (its worker died before saving anything)."""
    return _queue_again(request, pk, jobs.import_job_rerun, lambda job: _(
        "Impor dijalankan ulang (percobaan ke-%(n)d).") % {"n": job.attempt})


def _queue_again(request, pk: int, service, done_message):
    """Queue the job again through `service`; show its refusal, or done_message(new job)."""
    context = _job_context(request, pk)
    try:
        queued = service(actor=request.user, job=context["job"])
    except PermissionDenied as refused:
        messages.error(request, str(refused))
        return redirect("imports:job", pk=pk)
    messages.info(request, done_message(queued))
    return redirect("imports:job", pk=queued.pk)


@import_permission_required
def sample_view(request, kind: str):
    if kind not in kinds_for(request.user):
        raise Http404
    return FileResponse(open(sample_path(kind), "rb"), as_attachment=True,
                        filename=sample_path(kind).name, content_type="text/csv")
