"""One appeal from intake at the community window to a satisfied follow-up call, then the public board."""

import pytest

from conftest import PASSWORD
from tests.browser.conftest import log_in, shot
from tongxin.community.models import Appeal
from tongxin.community.rules import ensure_default_categories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_appeal_from_intake_to_satisfied_follow_up(new_page, users, world):
    ensure_default_categories()  # transactional tests flush data-migration rows
    page = new_page()
    log_in(page, "worker", PASSWORD)
    page.goto(page.base + "/community/appeals/")
    page.select_option("#ap-c", str(world.community.pk))
    page.select_option("#ap-ch", "window")
    page.select_option("#ap-cat", "environment")
    page.fill("#ap-t", "3号楼楼道堆放杂物，影响通行")
    page.fill("input[name=contact_name]", "刘阿姨")
    page.fill("input[name=contact_phone]", "13612345678")
    page.click("#appeal-form button[type=submit]")
    page.wait_for_url("**/community/appeals/*/")
    appeal = Appeal.objects.get()
    assert page.inner_text("#appeal-status") == "已受理"
    assert "136****5678" in page.inner_text("main")
    page.click("#form-assign button[type=submit]")
    page.wait_for_load_state()
    page.fill("#form-reply textarea[name=note]", "已联系物业清理，并在楼道张贴提示")
    page.click("#form-reply button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("#appeal-status") == "已答复"
    page.check("#s-satisfied")
    page.fill("#form-follow_up input[name=note]", "电话回访，群众满意")
    page.click("#form-follow_up button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("#appeal-status") == "已回访"
    page.click("#form-close button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("#appeal-status") == "已办结"
    events = page.inner_text("#appeal-events")
    for label in ("受理", "交办", "答复", "回访", "办结"):
        assert label in events
    shot(page, "community-appeal")
    appeal.refresh_from_db()
    assert appeal.satisfaction == "satisfied" and appeal.status == "closed"
    page.goto(page.base + "/community/appeals/")
    assert page.inner_text("#satisfaction-rate") == "100.0%"
    shot(page, "community-appeals")

    public = new_page(width=390, height=844)
    public.goto(public.base + f"/board/community/{world.community.pk}/")
    board = public.inner_text("#board")
    assert "群众诉求办理" in board and "100.0%" in board
    assert "刘阿姨" not in board and "13612345678" not in board and "楼道堆放杂物" not in board
    assert public.evaluate("document.documentElement.scrollWidth") <= 390
    shot(public, "community-board-phone")
