"""Reads of import jobs. A job, its file and its error list belong to the account that
uploaded it: rows of a rejected file may name schools the uploader cannot otherwise see
(a NISN already registered elsewhere), so nobody else gets them, not even their superiors."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from anbk.registry.models import ImportJob


def import_job_list(*, actor) -> QuerySet[ImportJob]:
    if not actor.is_authenticated:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(actor=actor).order_by("-created_at")


def import_job_get(*, actor, pk: int) -> ImportJob:
    return get_object_or_404(import_job_list(actor=actor), pk=pk)
