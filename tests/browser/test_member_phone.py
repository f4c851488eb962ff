"""A Party member on a phone: next meeting with sign-in, study minutes, dues, record."""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import log_in, shot
from tongxin.members import services as member_services
from tongxin.orglife import services
from tongxin.orglife.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_member_signs_in_and_records_study_at_phone_width(new_page, users, world):
    meeting = services.meeting_plan(
        actor=users["admin"], org_id=world.branch.pk, kind="theme_day", planned_at=timezone.now() + datetime.timedelta(days=1),
        place="党员活动室", topic="主题党日：志愿服务",
    )  # fmt: skip
    member_services.dues_bills_generate(org=world.branch, month=timezone.localdate())
    page = new_page(width=390, height=844)
    log_in(page, "member", PASSWORD)
    page.goto(page.base + "/orglife/me/")
    assert "主题党日" in page.inner_text("#my-meetings")
    page.locator("#my-meetings button", has_text="签到").click()
    page.wait_for_selector("#my-meetings .badge.text-bg-success")
    assert Attendance.objects.get(meeting=meeting).signed_in_at is not None
    page.fill("#my-study input[name=title]", "《中国共产党章程》")
    page.fill("#my-study input[name=minutes]", "35")
    page.locator("#my-study button[type=submit]").click()
    page.wait_for_selector("text=已记下这次学习")
    assert "35 分钟" in page.inner_text("#my-study")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.is_visible("#my-dues") and page.is_visible("#my-record")
    shot(page, "member-phone")
