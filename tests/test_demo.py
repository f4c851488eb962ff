"""The demo data reproduces the source documents' own facts, from records."""

import pytest
from django.core.management import call_command

from tongxin.members.models import Member
from tongxin.orglife.models import StudyRecord
from tongxin.orglife.study import study_totals
from tongxin.orgs.models import PartyOrg

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_city_and_is_idempotent(capsys):
    call_command("seed_demo")
    general = PartyOrg.objects.get(name="中共滨州市民政局机关总支部委员会")
    branches = PartyOrg.objects.filter(parent=general, kind="branch")
    assert branches.count() == 14  # seed 004: 1个党总支和14个党支部
    assert Member.objects.filter(org__in=branches).count() == 286  # 党员286名
    welfare = branches.get(name="市社会福利中心党支部")
    assert Member.objects.filter(org=welfare).count() == 43
    assert Member.objects.filter(group__name="耄耋党小组").count() == 18
    statement = study_totals(StudyRecord.objects.filter(org=welfare)).statement()
    assert statement.startswith("组织“党员在读”274次，阅读时长2192分钟；“党员在讲”11次，受众3")
    # Seed 003: 10 care institutions, 1740 beds of which 1395 nursing, 911 农村幸福院 — counted from records.
    from tongxin.accounts.models import User
    from tongxin.assistance.models import Payment
    from tongxin.welfare.models import Assessment
    from tongxin.welfare.selectors import capacity_by_region

    kinds = {k["kind"]: k for k in capacity_by_region(user=User.objects.get(username="admin"))["kinds"]}
    assert (kinds["care_home"]["n"], kinds["care_home"]["beds"], kinds["care_home"]["nursing"]) == (10, 1740, 1395)
    assert kinds["happiness_home"]["n"] == 911
    assert Assessment.objects.filter(kind="needs").count() == 318  # seed 000: 需求评估300余人次
    assert Payment.objects.filter(kind="arrears").exists()  # a late registration paid in this month's run
    # Seed 000: 群众满意度测评达100% — computed from the survey responses, not typed in.
    from tongxin.community.models import Appeal, SurveyResponse
    from tongxin.community.selectors import survey_rate

    rate = survey_rate(SurveyResponse.objects.all())
    assert rate["responses"] == 120 and str(rate["rate"]) == "100.0"
    assert Appeal.objects.filter(status="closed").count() == 150
    out = capsys.readouterr().out
    assert "admin" in out and "Tongxin2026" in out
    members = Member.objects.count()
    call_command("seed_demo")
    assert Member.objects.count() == members
    assert "演示数据已存在" in capsys.readouterr().out
