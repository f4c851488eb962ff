import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.orglife import services
from tongxin.orglife.models import Attendance, Meeting

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


def test_plan_record_submit_approve_through_the_pages(login, users, world):
    world.member(world.branch)
    world.member(world.branch, status="probationary")
    client = login(users["secretary"])
    response = client.post("/orglife/meetings/new/", {
        "org": world.branch.pk, "kind": "branch_assembly", "planned_at": "2026-03-10T09:00", "place": "三楼会议室",
        "topic": "学习党章", "agenda": "一、学习\n二、讨论",
    })  # fmt: skip
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/orglife/meetings/{meeting.pk}/"
    expected = services.expected_attendees(meeting)
    data = {"held_at": "2026-03-10T09:05", "minutes": "会议学习了党章。"}
    for pid in expected:
        data[f"att-{pid}"] = "present"
    client.post(f"/orglife/meetings/{meeting.pk}/record/", data)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.quorum_met, meeting.present_count) == ("recorded", True, 3)
    client.post(f"/orglife/meetings/{meeting.pk}/submit/")
    officer = login(users["officer"])
    officer.post(f"/orglife/meetings/{meeting.pk}/approve/")
    meeting.refresh_from_db()
    assert meeting.status == "approved"


def test_absent_without_a_reason_shows_an_error_and_changes_nothing(login, users, world):
    meeting = services.meeting_plan(actor=users["admin"], org_id=world.branch.pk, kind="theme_day",
                                    planned_at=datetime.datetime(2026, 3, 5, 9, tzinfo=TZ), place="活动室", topic="参观")  # fmt: skip
    client = login(users["secretary"])
    pid = next(iter(services.expected_attendees(meeting)))
    response = client.post(
        f"/orglife/meetings/{meeting.pk}/record/",
        {"held_at": "2026-03-05T09:00", "minutes": "记录", f"att-{pid}": "absent"},
        follow=True,
    )
    assert "请填写缺席原因" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "planned" and not Attendance.objects.exists()


def test_member_signs_in_from_the_meeting_page(login, users, world):
    meeting = services.meeting_plan(actor=users["admin"], org_id=world.branch.pk, kind="lecture",
                                    planned_at=datetime.datetime(2026, 12, 5, 9, tzinfo=TZ), place="活动室", topic="党课")  # fmt: skip
    client = login(users["member"])
    client.post(f"/orglife/meetings/{meeting.pk}/sign-in/")
    attendance = Attendance.objects.get(meeting=meeting)
    assert attendance.person == users["member"].person and attendance.signed_in_at is not None
    assert "已签到" in client.get(f"/orglife/meetings/{meeting.pk}/").content.decode()


def test_compliance_matrix_and_drill_down(login, users, world):
    meeting = services.meeting_plan(actor=users["admin"], org_id=world.branch.pk, kind="theme_day",
                                    planned_at=datetime.datetime(2025, 1, 8, 9, tzinfo=TZ), place="活动室", topic="参观")  # fmt: skip
    services.meeting_record(actor=users["admin"], meeting=meeting, held_at=datetime.datetime(2025, 1, 8, 9, tzinfo=TZ),
                            present=list(services.expected_attendees(meeting)), absent=[], minutes="记录")  # fmt: skip
    response = login(users["officer"]).get("/orglife/compliance/", {"org": world.general.pk, "year": 2025})
    import re

    rows = {r["org"].name: re.findall(r'data-status="(\w+)"', r["html"]) for r in response.context["rows"]}
    assert rows["福利中心党支部"][0] == "ok" and rows["福利中心党支部"][1] == "missing"
    assert set(rows) == {"福利中心党支部", "耄耋党小组", "社会救助党支部"}
    drill = login(users["officer"]).get("/orglife/meetings/", {"org": world.branch.pk, "year": 2025, "month": 1})
    assert [m.pk for m in drill.context["page_obj"].object_list] == [meeting.pk]
    assert login(users["secretary"]).get("/orglife/compliance/", {"org": world.street_org.pk}).status_code == 404


def test_meeting_list_and_matrix_use_a_constant_number_of_queries(login, users, world):
    client = login(users["officer"])

    def add(n):
        for i in range(n):
            services.meeting_plan(actor=users["admin"], org_id=world.other_branch.pk, kind="theme_day",
                                  planned_at=datetime.datetime(2025, 1 + i % 12, 8, 9, tzinfo=TZ), place="活动室", topic="学习")  # fmt: skip

    add(2)
    client.get("/orglife/meetings/")
    with CaptureQueriesContext(connection) as few:
        client.get("/orglife/meetings/")
        client.get("/orglife/compliance/", {"org": world.general.pk, "year": 2025})
    add(20)
    with CaptureQueriesContext(connection) as many:
        client.get("/orglife/meetings/")
        client.get("/orglife/compliance/", {"org": world.general.pk, "year": 2025})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_meeting_outside_scope_is_404(login, users, world):
    meeting = services.meeting_plan(actor=users["admin"], org_id=world.community_branch.pk, kind="theme_day",
                                    planned_at=datetime.datetime(2025, 1, 8, 9, tzinfo=TZ), place="活动室", topic="学习")  # fmt: skip
    assert login(users["secretary"]).get(f"/orglife/meetings/{meeting.pk}/").status_code == 404


def test_the_periodic_check_puts_due_and_overdue_meetings_on_the_secretarys_home(login, users, world, monkeypatch):
    from django.utils import timezone

    from tongxin.core.periodic import run_checks

    fixed = datetime.datetime(2026, 3, 20, 10, tzinfo=TZ)
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    run_checks(only=["orglife.compliance", "orglife.structure"])
    home = login(users["secretary"]).get("/").content.decode()
    assert "福利中心党支部：本月应召开 支部党员大会、党课、主题党日" in home
    assert "福利中心党支部：逾期未开 2 项" in home  # January and February theme days
    assert "正式党员只有1名" in home
    member_home = login(users["member"]).get("/").content.decode()
    assert "逾期未开" not in member_home  # the branch's to-dos are not every member's
    from tongxin.core.models import Alert

    before = list(Alert.objects.filter(check_name="orglife.compliance").values_list("key", "opened_at", "resolved_at"))
    run_checks(only=["orglife.compliance"])
    after = list(Alert.objects.filter(check_name="orglife.compliance").values_list("key", "opened_at", "resolved_at"))
    assert after == before and len(after) == 8  # 4 organisations × (due this month, overdue): idempotent


def test_matrix_escapes_organisation_names(login, users, world):
    from tongxin.orgs.models import PartyOrg

    PartyOrg.objects.create(name='<script>alert("x")</script>支部', kind="branch", parent=world.general)
    html = login(users["officer"]).get("/orglife/compliance/", {"org": world.general.pk}).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
