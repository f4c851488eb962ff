"""Compliance with the frequency rules: which meetings each organisation owed, month by month.

For a rule with period P (month, quarter, year) a meeting is *required* in the last month of each
period; it is met when at least `required_count` meetings of that kind were held with quorum
anywhere in the period. Status of a kind in a month:
- ``ok``: held that month, or (in a required month) the period's requirement is met;
- ``missing``: required, not met, and the period is over;
- ``not_due``: nothing required yet (or the period is still running).
Periods before the organisation was established are not required.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from tongxin.members.choices import MemberStatus
from tongxin.members.models import Member
from tongxin.orglife.choices import HELD_STATUSES, AppliesTo, Period
from tongxin.orglife.models import CommitteeMember, Meeting, MeetingRule
from tongxin.orgs.choices import BRANCH_KINDS, PartyOrgKind

OK, MISSING, NOT_DUE = "ok", "missing", "not_due"
PERIOD_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}


@dataclass(slots=True)
class Cell:
    kind: str
    required: bool
    held: int
    status: str


def applicable_rules(orgs, rules) -> dict[int, list[MeetingRule]]:
    """Which rules apply to which organisation (one query for committees)."""
    with_committee = set(
        CommitteeMember.objects.filter(org__in=[o.pk for o in orgs])
        .order_by()
        .values_list("org_id", flat=True)
        .distinct()
    )
    result = {}
    for org in orgs:
        applies = []
        for rule in rules:
            if rule.applies_to == AppliesTo.GROUP and org.kind == PartyOrgKind.GROUP:
                applies.append(rule)
            elif rule.applies_to == AppliesTo.BRANCH and org.kind in BRANCH_KINDS:
                applies.append(rule)
            elif (
                rule.applies_to == AppliesTo.BRANCH_WITH_COMMITTEE
                and org.kind in BRANCH_KINDS
                and org.pk in with_committee
            ):
                applies.append(rule)
        result[org.pk] = applies
    return result


def held_counts(org_ids, year: int) -> dict[tuple[int, str, int], int]:
    """{(org, kind, month): meetings held with quorum}: one grouped query. The local month is a CASE
    over the twelve month boundaries (plain comparisons on both databases; SQLite would otherwise
    call a Python function per row to convert time zones)."""
    tz = timezone.get_current_timezone()
    bounds = [datetime.datetime(year + (m > 12), (m - 1) % 12 + 1, 1, tzinfo=tz) for m in range(1, 14)]
    month = Case(*(When(held_at__lt=bounds[m], then=Value(m)) for m in range(1, 13)), output_field=IntegerField())
    rows = (
        Meeting.objects.filter(
            org_id__in=org_ids,
            status__in=HELD_STATUSES,
            quorum_met=True,
            held_at__gte=bounds[0],
            held_at__lt=bounds[12],
        )
        .annotate(month=month)
        .values("org_id", "kind", "month")
        .annotate(n=Count("id"))
    )
    return {(r["org_id"], r["kind"], r["month"]): r["n"] for r in rows}


def _cells(org, rules, held_by_kind, today, month_ends) -> list[list[Cell]]:
    """`held_by_kind`: {kind: [12 monthly counts]} for this organisation."""
    established = org.established_on
    zeros = [0] * 12
    per_rule = [(rule, PERIOD_MONTHS[rule.period], held_by_kind.get(rule.kind, zeros)) for rule in rules]
    months = []
    for month in range(1, 13):
        end_day = month_ends[month - 1]
        cells = []
        for rule, span, counts in per_rule:
            held_now = counts[month - 1]
            required = month % span == 0 and not (established and established > end_day)
            if required:
                met = sum(counts[month - span : month]) >= rule.required_count
                status = OK if met else (MISSING if end_day < today else NOT_DUE)
            else:
                status = OK if held_now else NOT_DUE
            cells.append(Cell(rule.kind, required, held_now, status))
        months.append(cells)
    return months


def _month_end(year, month) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def compliance_for(orgs, year: int, *, today: datetime.date | None = None) -> dict[int, list[list[Cell]]]:
    """{org_id: 12 months × applicable kinds} for many organisations in a constant number of queries."""
    today = today or timezone.localdate()
    orgs = list(orgs)
    rules = list(MeetingRule.objects.filter(active=True))
    applicable = applicable_rules(orgs, rules)
    by_org: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for (org_id, kind, month), n in held_counts([o.pk for o in orgs], year).items():
        by_org[org_id].setdefault(kind, [0] * 12)[month - 1] = n
    month_ends = [_month_end(year, m) for m in range(1, 13)]
    return {org.pk: _cells(org, applicable[org.pk], by_org.get(org.pk, {}), today, month_ends) for org in orgs}


def month_summary(cells: list[Cell]) -> str:
    """One colour for a month: missing if anything is missing, ok if anything was held or met."""
    statuses = {c.status for c in cells}
    if MISSING in statuses:
        return MISSING
    return OK if OK in statuses else NOT_DUE


def structure_warnings(orgs, *, today: datetime.date) -> dict[int, list[tuple[str, str]]]:
    """Branch-structure warnings, [(level, text)] per branch (constant queries)."""
    from tongxin.core.dates import add_months
    from tongxin.orgs.models import default_term_years

    branches = [o for o in orgs if o.kind in BRANCH_KINDS]
    ids = [b.pk for b in branches]
    totals = dict(
        Member.objects.filter(org_id__in=ids).values("org_id").annotate(n=Count("id")).values_list("org_id", "n")
    )
    full = dict(
        Member.objects.filter(org_id__in=ids, status=MemberStatus.FULL)
        .values("org_id")
        .annotate(n=Count("id"))
        .values_list("org_id", "n")
    )
    committees = set(CommitteeMember.objects.filter(org_id__in=ids).values_list("org_id", flat=True).distinct())
    warnings = defaultdict(list)
    for branch in branches:
        n_full, n_all = full.get(branch.pk, 0), totals.get(branch.pk, 0)
        if n_full < 3:
            warnings[branch.pk].append(("danger", f"正式党员只有{n_full}名，不足3名（应与邻近单位成立联合党支部）"))
        if n_full >= 7 and branch.pk not in committees:
            warnings[branch.pk].append(("warning", f"正式党员{n_full}名，7名以上应设立支部委员会"))
        if n_all > 50:
            warnings[branch.pk].append(("warning", f"党员{n_all}名，超过50名，宜分设党支部或成立党总支"))
        if branch.term_started_on:
            ends = add_months(branch.term_started_on, 12 * default_term_years(branch))
            if ends <= today:
                warnings[branch.pk].append(("danger", f"支部委员会任期已于{ends:%Y年%m月%d日}届满，应按期换届"))
            elif ends <= add_months(today, 1):
                warnings[branch.pk].append(("danger", f"支部委员会任期将于{ends:%Y年%m月%d日}届满（不到1个月）"))
            elif ends <= add_months(today, 6):
                warnings[branch.pk].append(("warning", f"支部委员会任期将于{ends:%Y年%m月%d日}届满（不到6个月）"))
    return warnings
