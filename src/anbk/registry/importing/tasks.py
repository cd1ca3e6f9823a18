from django_tasks import task

from anbk.registry.importing.jobs import import_job_run


@task()
def run_import_job(job_id: int, attempt: int = 1) -> str:
    # attempt defaults to 1 so a task queued before attempts existed still runs.
    return import_job_run(job_id=job_id, attempt=attempt).status
