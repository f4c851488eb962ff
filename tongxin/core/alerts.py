"""Raising and resolving alerts idempotently: the only way periodic checks touch Alert rows."""

from django.db.models import Q
from django.utils import timezone

from tongxin.core.models import Alert


def alerts_sync(*, check_name: str, wanted: dict[str, dict], now=None) -> tuple[int, int]:
    """Make the open alerts of `check_name` exactly `wanted` (key -> fields).

    New keys are opened, keys still wanted are refreshed (title/detail may change), keys no longer
    wanted are resolved. A resolved alert whose condition returns is reopened. Returns
    (opened, resolved) counts.
    """
    now = now or timezone.now()
    existing = {a.key: a for a in Alert.objects.filter(check_name=check_name)}
    opened = resolved = 0
    to_create = []
    for key, fields in wanted.items():
        alert = existing.get(key)
        if alert is None:
            to_create.append(Alert(key=key, check_name=check_name, opened_at=now, **fields))
            opened += 1
            continue
        changed = alert.resolved_at is not None or any(getattr(alert, f) != v for f, v in fields.items())
        if changed:
            if alert.resolved_at is not None:
                alert.opened_at = now
                alert.resolved_at = None
                opened += 1
            for f, v in fields.items():
                setattr(alert, f, v)
            alert.save()
    # Two overlapping runs may both create a new key: the second one's row is simply not needed.
    Alert.objects.bulk_create(to_create, ignore_conflicts=True)
    stale = [k for k, a in existing.items() if k not in wanted and a.resolved_at is None]
    if stale:
        resolved = Alert.objects.filter(check_name=check_name, key__in=stale).update(resolved_at=now)
    return opened, resolved


def alerts_visible_to(user):
    """Open alerts in the caller's scope (and for the caller's roles)."""
    from tongxin.accounts.scope import scope_for

    scope = scope_for(user)
    qs = Alert.objects.open().select_related("party_org", "unit")
    if scope.is_global:
        return qs
    from tongxin.accounts.roles import Role

    if scope.roles <= {Role.PARTY_MEMBER}:
        # A Party member sees only what is addressed to members, not the branch's own to-dos.
        role_q = Q(role=Role.PARTY_MEMBER)
    else:
        role_q = Q(role="") | Q(role__in=scope.roles)
    place_q = Q(party_org_id__in=scope.org_ids) | Q(unit_id__in=scope.unit_ids)
    return qs.filter(role_q & place_q)
