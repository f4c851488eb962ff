"""Audit helpers on top of django-auditlog.

auditlog records every create/update/delete of registered models with before/after values and the
acting user (set per request by AuditActorMiddleware, or by `acting_as` in commands and tasks).
These helpers add what it does not do by itself: access records (a full ID number shown), audit
rows for bulk inserts, and a readable history.
"""

from contextlib import contextmanager

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("新增"),
    LogEntry.Action.UPDATE: _("修改"),
    LogEntry.Action.DELETE: _("删除"),
    LogEntry.Action.ACCESS: pgettext_lazy("审计", "查看"),
}


@contextmanager
def acting_as(user):
    """Attribute audit entries written inside the block to `user` (commands, tasks, imports)."""
    with set_actor(user):
        yield


def _log_entries(*, actor, instances, action, changes_for, note: str, extra: dict) -> None:
    """One bulk insert of audit entries for `instances` (all of one model)."""
    instances = list(instances)
    if not instances:
        return
    ct = ContentType.objects.get_for_model(instances[0])
    now = timezone.now()
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=ct,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj)[:200],
                action=action,
                changes=changes_for(obj),
                changes_text=note,
                additional_data=extra,
                actor_id=actor_id,
                timestamp=now,
            )
            for obj in instances
        ],
        batch_size=2000,
    )


def audit_access(*, actor, instances, what: str) -> None:
    """Record that `actor` saw `what` (e.g. the full ID number) of each instance — one insert."""
    _log_entries(
        actor=actor, instances=instances, action=LogEntry.Action.ACCESS, changes_for=lambda obj: None,
        note=what, extra={"what": what},
    )  # fmt: skip


def audit_bulk_created(*, actor, instances, fields: list[str], source: str) -> None:
    """Creation records for rows inserted with bulk_create (which bypasses auditlog's signals)."""
    _log_entries(
        actor=actor, instances=instances, action=LogEntry.Action.CREATE,
        changes_for=lambda obj: {f: ["None", _text(getattr(obj, f))] for f in fields},
        note=source, extra={"source": source},
    )  # fmt: skip


def _text(value):
    if value is None:
        return "None"
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def history_of_many(objects, *, limit: int = 200) -> list[dict]:
    """The merged history of several objects (e.g. a person and their Party membership), newest first."""
    rows = [row for obj in objects if obj is not None for row in history_for(obj, limit=limit)]
    return sorted(rows, key=lambda row: row["at"], reverse=True)[:limit]


def history_for(obj, *, limit: int = 200) -> list[dict]:
    """The object's audit trail, newest first: field labels, choice labels and the names of
    related objects (not their ids). A constant number of queries whatever its length."""
    entries = list(LogEntry.objects.get_for_object(obj).select_related("actor")[:limit])
    model = type(obj)
    foreign = {
        f.name: f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one and f.name not in NOT_AUDITED
    }
    wanted: dict[str, set] = {name: set() for name in foreign}
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            if name in foreign:
                wanted[name].update(v for v in values if v not in (None, "None", ""))
    names: dict[tuple[str, str], str] = {}
    for name, pks in wanted.items():
        related = foreign[name].related_model
        valid = [pk for pk in pks if str(pk).isdigit()]
        for target in related._default_manager.filter(pk__in=valid):
            names[(name, str(target.pk))] = str(target)
    rows = []
    for entry in entries:
        changes = []
        if entry.action in (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE):
            for name, (before, after) in (entry.changes_dict or {}).items():
                label = _label(model, name)
                if name in foreign:
                    before, after = names.get((name, str(before)), before), names.get((name, str(after)), after)
                else:
                    display = entry.changes_display_dict.get(label)
                    if display:
                        before, after = display
                changes.append({"field": str(label), "before": _blank(before), "after": _blank(after)})
        rows.append(
            {
                "subject": model._meta.verbose_name,
                "at": entry.timestamp,
                "actor": str(entry.actor) if entry.actor else _("系统"),
                "action": ACTION_LABELS.get(entry.action, ""),
                "note": entry.changes_text if entry.action == LogEntry.Action.ACCESS else "",
                "changes": changes,
            }
        )
    return rows


FIELD_LABELS = {"parent": _("上级")}


def _label(model, name: str) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field since removed from the model
        return name


def _blank(value):
    return "" if value in (None, "None") else value


NOT_AUDITED = {"id", "created_at", "updated_at"}


def audit_register(model, *, exclude: tuple[str, ...] = ()) -> None:
    """Track every concrete field of `model` except bookkeeping ones: before/after values of what a
    person changed, without reverse relations or timestamps."""
    from auditlog.registry import auditlog

    fields = [f.name for f in model._meta.concrete_fields if f.name not in NOT_AUDITED | set(exclude)]
    auditlog.register(model, include_fields=fields)
