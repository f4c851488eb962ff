"""A branch secretary plans and records a meeting; the superior approves it; the matrix shows it."""

import pytest

from conftest import PASSWORD
from tests.browser.conftest import log_in, shot
from tongxin.orglife.models import Meeting
from tongxin.orglife.rules import ensure_default_meeting_rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_plan_record_approve_and_see_it_in_the_compliance_matrix(new_page, users, world):
    # Transactional tests flush the database between them, data migrations included.
    ensure_default_meeting_rules()
    world.member(world.branch, name="赵党员")
    world.member(world.branch, status="probationary", name="钱预备")
    page = new_page()
    log_in(page, "secretary", PASSWORD)
    page.goto(page.base + "/orglife/meetings/new/")
    page.select_option("#id_org", str(world.branch.pk))
    page.select_option("#id_kind", "theme_day")
    page.fill("#id_planned_at", "2026-01-08T14:30")
    page.fill("#id_place", "党员活动室")
    page.fill("#id_topic", "主题党日：重温入党誓词")
    page.fill("#id_agenda", "一、重温入党誓词\n二、志愿服务")
    page.click("#plan-form button[type=submit]")
    page.wait_for_url("**/orglife/meetings/*/")
    meeting = Meeting.objects.get()
    assert "重温入党誓词" in page.inner_text("main")

    # Everyone present except the probationary member, who is away with a reason.
    page.fill("#id_held_at", "2026-01-08T14:35")
    row = page.locator("#attendance-table tr", has_text="钱预备")
    row.locator("input[value=absent]").check()
    row.locator("input[name^=reason]").fill("外出学习")
    page.fill("#id_minutes", "全体党员重温入党誓词，开展志愿服务。")
    shot(page, "meeting-record")
    page.click("#record-form button[type=submit]")
    page.wait_for_selector("#attendance-summary")
    assert "应到 3 人，实到 2 人" in page.inner_text("#attendance-summary")
    page.click("#submit-btn")
    page.wait_for_selector("text=已报上级审核")

    officer = new_page()
    log_in(officer, "officer", PASSWORD)
    officer.goto(officer.base + f"/orglife/meetings/{meeting.pk}/")
    officer.click("#approve-btn")
    officer.wait_for_selector("text=审核通过")
    meeting.refresh_from_db()
    assert meeting.status == "approved" and meeting.quorum_met is True

    officer.goto(officer.base + f"/orglife/compliance/?org={world.general.pk}&year=2026")
    january = officer.locator("#compliance-matrix tr", has_text="福利中心党支部").locator("a.dot").first
    assert january.get_attribute("data-status") == "ok"
    shot(officer, "compliance-matrix")
    january.click()
    officer.wait_for_url("**/orglife/meetings/?org=*")
    assert "主题党日" in officer.inner_text("#meeting-table")
