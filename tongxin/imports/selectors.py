from django.http import Http404

from tongxin.accounts.scope import scope_for
from tongxin.core.ids import valid_pk
from tongxin.imports.models import ImportJob


def import_job_get_for_user(user, pk) -> ImportJob:
    """A job is visible to its uploader and to administrators."""
    pk = valid_pk(pk)
    job = ImportJob.objects.select_related("unit", "org", "created_by").filter(pk=pk).first() if pk else None
    if job is None or not (job.created_by_id == user.pk or scope_for(user).is_global):
        raise Http404
    return job


def import_jobs_for_user(user):
    qs = ImportJob.objects.select_related("unit", "org", "created_by")
    return qs if scope_for(user).is_global else qs.filter(created_by=user)
