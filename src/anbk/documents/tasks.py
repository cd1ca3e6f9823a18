from django_tasks import task

from anbk.documents.batches import batch_run


@task()
def run_document_batch(batch_id: int) -> str:
    return batch_run(batch_id=batch_id).status
