"""p50/p95 of the foundation's hot paths at the reference "city" scale.

Run through bench/run, which prepares the database. Requests go through Django's full stack
(middleware, scope, ORM, templates) in-process with the test client, so the figures are server
time without the network. Each case: 20 warm-up requests, then N timed ones with varied inputs.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tongxin.accounts.models import User  # noqa: E402
from tongxin.accounts.roles import Role  # noqa: E402
from tongxin.accounts.services import role_assign  # noqa: E402
from tongxin.core.scale import ROOT  # noqa: E402
from tongxin.orgs.models import PartyOrg, Unit  # noqa: E402
from tongxin.people.models import Person  # noqa: E402

N = int(os.environ.get("BENCH_N", "200"))
rng = random.Random(42)


def user(username, **role):
    u = User.objects.filter(username=username).first()
    if u is None:
        u = User.objects.create_user(username=username, password="Bench2026x", is_superuser=not role, is_staff=not role)
        if role:
            role_assign(user=u, **role)
    return u


def timed(client, urls):
    for url in urls[:20]:
        assert client.get(url).status_code == 200, url
    samples = []
    for url in urls[20 : 20 + N]:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    import gc

    gc.freeze()  # as config/wsgi.py does after loading the application
    root = Unit.objects.get(name=ROOT, parent__isnull=True)
    county = Unit.objects.filter(parent=root, kind="bureau").order_by("pk").first()
    admin = Client()
    admin.force_login(user("bench_admin"))
    staff = Client()
    staff.force_login(user("bench_staff", role=Role.BUSINESS_STAFF, unit=county))

    people_ids = list(Person.objects.filter(unit__parent__parent__parent=root).values_list("pk", flat=True)[:5000])
    county_people = list(Person.objects.filter(unit__parent__parent=county).values_list("pk", flat=True)[:2000])
    initials = [p for p in Person.objects.values_list("name_initials", flat=True)[:3000] if len(p) >= 2]
    tails = [n[-4:] for n in Person.objects.values_list("id_number", flat=True)[:3000]]
    names = [n[1:] for n in Person.objects.values_list("name", flat=True)[:3000] if len(n) >= 3]
    orgs = list(PartyOrg.objects.filter(kind__in=["branch", "committee"]).values_list("pk", flat=True))
    townships = list(Unit.objects.filter(kind="township", parent__parent=root).values_list("pk", flat=True))
    total = N + 20
    from django.utils import timezone

    year = timezone.localdate().year
    city_org = PartyOrg.objects.get(name=f"{ROOT}机关党委").pk
    county_orgs = list(
        PartyOrg.objects.filter(kind="leading_group", name__endswith="民政局党组").values_list("pk", flat=True)
    )
    branch_ids = list(
        PartyOrg.objects.filter(kind="branch", members__isnull=False).distinct().values_list("pk", flat=True)[:300]
    )

    from tongxin.assistance.models import Household, PaymentRun

    county_households = list(Household.objects.filter(township__parent=county).values_list("pk", flat=True)[:2000])
    run_ids = list(PaymentRun.objects.values_list("pk", flat=True)[:500])
    from tongxin.community.models import Appeal

    county_appeals = list(Appeal.objects.filter(community__parent__parent=county).values_list("pk", flat=True)[:2000])
    community_ids = list(
        Unit.objects.filter(kind="community", parent__parent__parent=root).values_list("pk", flat=True)
    )

    def pick(values, fmt):
        return [fmt(rng.choice(values)) for _ in range(total)]

    cases = [
        ("人员搜索页 拼音首字母（全市，系统管理员）", admin, pick(initials, lambda q: f"/people/?q={q}")),
        ("人员搜索页 身份证末4位（全市）", admin, pick(tails, lambda q: f"/people/?q={q}")),
        ("人员搜索页 姓名片段（全市）", admin, pick(names, lambda q: f"/people/?q={q}")),
        ("人员搜索 API 首字母（全市）", admin, pick(initials, lambda q: f"/api/v1/people?q={q}")),
        ("人员搜索页 首字母（县局业务员，本县范围）", staff, pick(initials, lambda q: f"/people/?q={q}")),
        ("人员详情页（全市）", admin, pick(people_ids, lambda pk: f"/people/{pk}/")),
        ("人员详情页（县局业务员）", staff, pick(county_people, lambda pk: f"/people/{pk}/")),
        ("党组织子树页（含党员名单）", admin, pick(orgs, lambda pk: f"/orgs/{pk}/")),
        ("行政单位子树页（乡镇）", admin, pick(townships, lambda pk: f"/units/{pk}/")),
        ("党组织树（300个组织）", admin, ["/orgs/"] * total),
        (
            "组织生活落实情况矩阵（一个县局党组，2至50个支部）",
            admin,
            pick(county_orgs, lambda pk: f"/orglife/compliance/?org={pk}"),
        ),
        ("组织生活落实情况矩阵（全市285个支部）", admin, [f"/orglife/compliance/?org={city_org}"] * total),
        (
            "落实情况接口 GET /orgs/{id}/compliance",
            admin,
            pick(branch_ids, lambda pk: f"/api/v1/orgs/{pk}/compliance?year={year}"),
        ),
        ("会议列表（某支部某年）", admin, pick(branch_ids, lambda pk: f"/orglife/meetings/?org={pk}&year={year}")),
        ("党费月度页（某支部）", admin, pick(branch_ids, lambda pk: f"/members/dues/?org={pk}")),
        ("家庭列表页（县局业务员，5万户中本县）", staff, ["/assistance/"] * total),
        ("家庭列表页 按姓名首字母查找（县局业务员）", staff, pick(initials, lambda q: f"/assistance/?q={q}")),
        ("家庭详情页（县局业务员）", staff, pick(county_households, lambda pk: f"/assistance/households/{pk}/")),
        ("救助申请列表 只看超期（全市）", admin, ["/assistance/applications/?overdue=1"] * total),
        ("救助申请接口 GET /assistance/applications（县局业务员）", staff, ["/api/v1/assistance/applications"] * total),
        ("动态监测 按乡镇和月份（全市5千户低保）", admin, ["/assistance/monitoring/"] * total),
        ("发放批次页（某乡镇某月）", admin, pick(run_ids, lambda pk: f"/assistance/payments/{pk}/")),
        ("群众诉求页（县局业务员，含本月按社区统计）", staff, ["/community/appeals/"] * total),
        ("群众诉求页 只看超时（全市10万件）", admin, ["/community/appeals/?flag=overdue"] * total),
        ("诉求接口 GET /appeals/{id}", staff, pick(county_appeals, lambda pk: f"/api/v1/appeals/{pk}")),
        ("社区公示栏（不登录）", Client(), pick(community_ids, lambda pk: f"/board/community/{pk}/")),
        ("爱心超市页（县局业务员，月报）", staff, ["/community/charity/"] * total),
    ]
    print(f"数据库：{connection.vendor}；人员 {Person.objects.count()}；党组织 {PartyOrg.objects.count()}；每项 {N} 次")
    print("| 场景 | p50 (ms) | p95 (ms) |")
    print("|---|---:|---:|")
    worst = 0.0
    for label, client, urls in cases:
        p50, p95 = timed(client, urls)
        worst = max(worst, p95)
        print(f"| {label} | {p50:.1f} | {p95:.1f} |")
    print(f"最慢的 p95：{worst:.1f} ms（目标 < 150 ms）")


if __name__ == "__main__":
    main()
