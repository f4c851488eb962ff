"""One 低保 application from submission to its first payment run, through the pages, by the three
people who handle it: the community worker, the township reviewer and the county business staff."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import log_in, shot
from tongxin.assistance.models import Application, Coverage, Household, Payment, Standard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_dibao_from_application_to_first_payment_run(new_page, users, world):
    today = timezone.localdate()
    Standard.objects.create(region_code="371621", programme="dibao", monthly_amount=Decimal("850"),
                            effective_from=datetime.date(2024, 1, 1))  # fmt: skip
    head = world.person(world.community, name="韩立平", region="371621")
    wife = world.person(world.community, name="马春花", region="371621")

    # The community worker registers the household, its income, and the application.
    page = new_page()
    log_in(page, "worker", PASSWORD)
    page.goto(page.base + "/assistance/households/new/")
    page.fill("#h-id", head.id_number)
    page.fill("#h-a", "乐安大街18号")
    page.fill("#h-b", "惠民农商银行")
    page.fill("#h-ba", "6230000012345678")
    page.click("#household-form button[type=submit]")
    page.wait_for_url("**/assistance/households/*/")
    page.fill("#am-id", wife.id_number)
    page.select_option("#am-r", "spouse")
    page.click("#add-member-form button[type=submit]")
    page.wait_for_load_state()
    assert "马春花" in page.inner_text("#member-table")
    page.fill("#dc-p", today.strftime("%Y-%m"))
    page.fill("#dc-i", "500")
    page.fill("#dc-a", "3000")
    page.click("form:has(#dc-i) button[type=submit]")
    page.wait_for_load_state()
    assert "250.00" in page.inner_text("main")  # per-capita income shown from the declaration
    shot(page, "assistance-household")
    page.select_option("#ap-p", "dibao")
    page.fill("#ap-r", "丈夫患病，妻子无业")
    page.click("#apply-form button[type=submit]")
    page.wait_for_url("**/assistance/applications/*/")
    application = Application.objects.get()
    assert page.inner_text("#due-on") == application.due_on.isoformat()
    page.click("#form-accept button[type=submit]")
    page.wait_for_load_state()
    page.fill("#form-investigate textarea[name=note]", "两人同住，丈夫慢性病无劳动能力，无存款")
    page.fill("#form-investigate input[name=investigators]", "社工甲、社工乙")
    page.click("#form-investigate button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("#app-status") == "已入户调查"

    # The township reviewer approves and starts the public notice.
    page = new_page()
    log_in(page, "reviewer", PASSWORD)
    page.goto(page.base + f"/assistance/applications/{application.pk}/")
    page.click("#form-township_approve button[type=submit]")
    page.wait_for_load_state()
    page.click("#form-start_notice button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("#app-status") == "公示中"
    shot(page, "assistance-application-notice")
    public = new_page(width=390, height=844)
    public.goto(public.base + f"/notice/assistance/{world.street.pk}/")
    notice = public.inner_text("#notice-table")
    assert "韩*平" in notice and head.masked_id_number in notice and head.id_number not in notice
    shot(public, "assistance-public-notice-phone")

    # Seven days pass: the notice period is over.
    Application.objects.filter(pk=application.pk).update(
        notice_starts_on=today - datetime.timedelta(days=7), notice_ends_on=today - datetime.timedelta(days=1)
    )

    # The county business staff confirms, then computes, reviews, locks and exports the month's run.
    page = new_page()
    log_in(page, "staff", PASSWORD)
    page.goto(page.base + f"/assistance/applications/{application.pk}/")
    page.click("#form-confirm button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("#app-status") == "县级确认，已批准"
    assert Coverage.objects.get(application=application).persons == 2
    page.goto(page.base + "/assistance/payments/")
    page.select_option("#r-p", "dibao")
    page.select_option("#r-t", str(world.street.pk))
    page.fill("#r-m", today.strftime("%Y-%m"))
    page.click("#compute-form button[type=submit]")
    page.wait_for_url("**/assistance/payments/*/")
    assert page.inner_text("#run-total") == "1200.00"  # (850 − 500 / 2) × 2
    assert "韩立平" in page.inner_text("#payment-list")
    page.click("button:has-text('复核无误')")
    page.wait_for_load_state()
    page.click("button:has-text('锁定')")
    page.wait_for_load_state()
    assert page.inner_text("#run-status") == "已锁定"
    shot(page, "assistance-payment-run")
    with page.expect_download() as download:
        page.click("a:has-text('银行代发文件')")
    assert download.value.suggested_filename.endswith("银行代发.xlsx")
    payment = Payment.objects.get()
    assert payment.amount == Decimal("1200.00") and payment.household == Household.objects.get()
    phone = new_page(width=390, height=844)
    log_in(phone, "staff", PASSWORD)
    phone.goto(phone.base + f"/assistance/applications/{application.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "assistance-application-phone")
