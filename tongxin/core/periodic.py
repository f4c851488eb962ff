"""Registry of periodic checks, run together by `manage.py run_periodic_checks`.

A check is an idempotent function `check(now) -> str` (a one-line summary): running it twice in a row
changes nothing the second time. Domains register theirs at import time from their AppConfig.ready:

    @periodic_check("assistance.overdue", "逾期的救助申请")
    def overdue_applications(now): ...
"""

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegisteredCheck:
    name: str
    label: str
    func: Callable


_registry: dict[str, RegisteredCheck] = {}


def periodic_check(name: str, label: str):
    def decorator(func):
        _registry[name] = RegisteredCheck(name, label, func)
        return func

    return decorator


def registered_checks() -> list[RegisteredCheck]:
    return [_registry[name] for name in sorted(_registry)]


def run_checks(*, now=None, only: list[str] | None = None):
    """Run every registered check (or `only` those), each in its own transaction; one failing check
    is recorded and does not stop the others."""
    from tongxin.core.models import PeriodicRun

    now = now or timezone.now()
    runs = []
    for check in registered_checks():
        if only and check.name not in only:
            continue
        run = PeriodicRun.objects.create(name=check.name, started_at=timezone.now())
        try:
            with transaction.atomic():
                summary = check.func(now) or ""
            run.ok = True
            run.summary = summary
        except Exception:  # a broken check must not stop the others; its traceback is kept
            logger.exception("periodic check %s failed", check.name)
            run.ok = False
            run.summary = traceback.format_exc()[-4000:]
        run.finished_at = timezone.now()
        run.save(update_fields=["ok", "summary", "finished_at"])
        runs.append(run)
    return runs
