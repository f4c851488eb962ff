"""The service desk at the reference "city" scale: a year of appeals (100,000 over 384 communities),
their events, and a charity supermarket per community. Bulk inserts; skipped when appeals exist."""

import datetime
import random

from django.utils import timezone

from tongxin.community.models import Appeal, AppealCategory, AppealEvent, CharityItem, CharityMovement
from tongxin.community.rules import ensure_default_categories
from tongxin.community.services import appeal_due_at
from tongxin.core.scale import ROOT, _bulk
from tongxin.orgs.models import Unit

APPEALS = 100_000


def build_community_scale(*, seed: int = 4) -> int:
    from tongxin.community.models import AppealFigures
    from tongxin.community.services import rebuild_figures

    root = Unit.objects.filter(name=ROOT, parent__isnull=True).first()
    if root is None:
        return 0
    if Appeal.objects.filter(community__parent__parent__parent=root).exists():
        if not AppealFigures.objects.exists():
            rebuild_figures()  # data generated before the summary table existed
        return 0
    ensure_default_categories()
    rng = random.Random(seed)
    now = timezone.now()
    communities = list(Unit.objects.filter(kind="community", parent__parent__parent=root).order_by("pk"))
    categories = list(AppealCategory.objects.filter(limit_working_days__isnull=False))
    # Working-day deadlines depend only on the day of receipt: compute each (day, category) once.
    due_cache: dict[tuple[datetime.date, int], datetime.timedelta] = {}
    appeals = []
    for i in range(APPEALS):
        category = categories[i % len(categories)]
        received = now - datetime.timedelta(days=rng.randrange(0, 365), minutes=rng.randrange(0, 600))
        key = (timezone.localtime(received).date(), category.pk)
        if key not in due_cache:
            due_cache[key] = appeal_due_at(received, category) - received
        due = received + due_cache[key]
        done = due < now or rng.random() < 0.5
        replied = received + (due - received) * rng.choice([0.2, 0.5, 0.8, 1.3]) if done else None
        satisfaction = rng.choices(["satisfied", "basic", "dissatisfied"], [85, 12, 3])[0] if done else ""
        appeals.append(Appeal(
            community=communities[i % len(communities)], channel=rng.choice(["window", "phone", "online", "grid"]),
            category=category, content="规模数据", received_at=received, clock_started_at=received, due_at=due,
            status="closed" if done else "assigned", reply="已办理" if done else "", replied_at=replied,
            satisfaction=satisfaction, followed_up_at=replied, closed_at=replied,
        ))  # fmt: skip
    _bulk(Appeal, appeals)
    _bulk(AppealEvent, [
        AppealEvent(appeal=a, action="receive", to_status="received", at=a.received_at) for a in appeals
    ])  # fmt: skip
    rebuild_figures()
    for community in communities:
        items = _bulk(CharityItem, [CharityItem(owner=community, name=n, unit=u, stock=100)
                                    for n, u in (("大米", "袋"), ("食用油", "桶"), ("善款", "元"))])  # fmt: skip
        _bulk(CharityMovement, [
            CharityMovement(item=item, direction="in", quantity=100, value=1000, stock_after=100,
                            at=now - datetime.timedelta(days=rng.randrange(0, 365)), donor_name="规模数据")
            for item in items
        ])  # fmt: skip
    return len(appeals)
