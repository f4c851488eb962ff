import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.members import services
from tongxin.members.models import DuesBill, DuesPayment
from tongxin.members.views import mask_name

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def billed(users, world):
    member = world.member(world.branch, name="张三丰")
    member.dues_base = Decimal("6543.21")
    member.save()
    services.dues_bills_generate(org=world.branch, month=D(2026, 10, 1))
    return member


def test_month_page_shows_bills_totals_and_records_a_payment(login, users, world, billed):
    client = login(users["secretary"])
    page = client.get("/members/dues/", {"org": world.branch.pk, "month": "2026-10"})
    html = page.content.decode()
    assert "张三丰" in html and "98.15" in html
    assert page.context["unpaid_count"] == 1  # the fixture member has no base entered: a 0.00 bill owes nothing
    bill = DuesBill.objects.get(member=billed)
    client.post(f"/members/dues/bills/{bill.pk}/pay/", {"paid_on": "2026-10-12", "method": "wechat"})
    bill.refresh_from_db()
    assert bill.is_paid and DuesPayment.objects.get().amount == Decimal("98.15")
    unpaid = client.get("/members/dues/", {"org": world.branch.pk, "month": "2026-10", "unpaid": "1"})
    assert "张三丰" not in "".join(b.member.person.name for b in unpaid.context["rows"])


def test_bad_payment_input_changes_nothing(login, users, world, billed):
    bill = DuesBill.objects.get(member=billed)
    client = login(users["secretary"])
    response = client.post(
        f"/members/dues/bills/{bill.pk}/pay/", {"paid_on": "not-a-date", "method": "wechat"}, follow=True
    )
    assert "金额或日期格式不对" in response.content.decode()
    response = client.post(
        f"/members/dues/bills/{bill.pk}/pay/", {"paid_on": "2026-10-12", "method": "gold"}, follow=True
    )
    assert "交纳方式无效" in response.content.decode()
    assert not DuesPayment.objects.exists()


def test_dues_of_another_branch_are_404(login, users, world, billed):
    other = world.member(world.community_branch)
    services.dues_bills_generate(org=world.community_branch, month=D(2026, 10, 1))
    bill = DuesBill.objects.get(member=other)
    client = login(users["secretary"])
    assert client.get("/members/dues/", {"org": world.community_branch.pk}).status_code == 404
    assert (
        client.post(f"/members/dues/bills/{bill.pk}/pay/", {"paid_on": "2026-10-12", "method": "cash"}).status_code
        == 404
    )


def test_public_notice_masks_names_and_never_shows_income(client, users, world, billed):
    response = client.get(f"/notice/dues/{world.branch.pk}/2026-10/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "张*丰" in html and "张三丰" not in html
    assert "98.15" in html and "6543.21" not in html
    assert client.get("/notice/dues/999999/2026-10/").status_code == 404
    assert client.get(f"/notice/dues/{world.branch.pk}/2026-13/").status_code == 404


def test_mask_name():
    assert [mask_name(n) for n in ["张三丰", "李四", "欧阳娜娜", "王"]] == ["张*丰", "李*", "欧**娜", "王"]


def test_dues_page_query_count_is_constant(login, users, world, billed):
    client = login(users["secretary"])
    client.get("/members/dues/", {"org": world.branch.pk, "month": "2026-10"})
    with CaptureQueriesContext(connection) as few:
        client.get("/members/dues/", {"org": world.branch.pk, "month": "2026-10"})
    for _ in range(10):
        world.member(world.branch)
    services.dues_bills_generate(org=world.branch, month=D(2026, 10, 1))
    with CaptureQueriesContext(connection) as many:
        client.get("/members/dues/", {"org": world.branch.pk, "month": "2026-10"})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_totals_are_money_to_the_fen(login, users, world, billed):
    page = login(users["secretary"]).get("/members/dues/", {"org": world.branch.pk, "month": "2026-10"})
    assert str(page.context["due"]) == "98.15" and str(page.context["paid"]) == "0.00"


def test_generate_button_makes_the_months_bills_once(login, users, world):
    world.member(world.branch)
    client = login(users["secretary"])
    client.post(f"/members/dues/generate/?org={world.branch.pk}", {"month": "2026-09"})
    assert DuesBill.objects.filter(org=world.branch, month=D(2026, 9, 1)).count() == 2
    client.post(f"/members/dues/generate/?org={world.branch.pk}", {"month": "2026-09"})
    assert DuesBill.objects.filter(org=world.branch, month=D(2026, 9, 1)).count() == 2
    assert login(users["member"]).post(
        f"/members/dues/generate/?org={world.branch.pk}", {"month": "2026-09"}
    ).status_code in (403, 404)
