from django_tasks import task

from tongxin.imports.services import import_run


@task()
def run_import(job_id: int) -> str:
    job = import_run(job_id)
    return job.status
