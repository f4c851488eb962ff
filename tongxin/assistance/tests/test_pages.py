import datetime

from django.utils import timezone

from tongxin.assistance import services
from tongxin.assistance.models import Application, Declaration, Warning, WarningRule
from tongxin.assistance.tests.conftest import walk

TODAY = timezone.localdate()


def test_household_pages_for_a_community_worker(case, users, client, world):
    client.force_login(users["worker"])
    page = client.get("/assistance/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "王建国" in text and "赵大海" not in text  # the other township's household is not listed
    page = client.get(f"/assistance/households/{case.household.pk}/")
    text = page.content.decode()
    assert "李秀英" in text and case.head.id_number not in text and case.head.masked_id_number in text
    assert "6230********0001" in text  # bank account masked for a role without full IDs
    assert client.get(f"/assistance/households/{case.other.pk}/").status_code == 404
    newcomer = world.person(world.community, name="冯晓")
    response = client.post(
        f"/assistance/households/{case.household.pk}/",
        {"action": "add_member", "id_number": newcomer.id_number, "relation": "parent"},
        follow=True,
    )
    assert "已保存" in response.content.decode() and case.household.members.count() == 4
    response = client.post(
        f"/assistance/households/{case.household.pk}/",
        {"action": "add_member", "id_number": case.other_head.id_number, "relation": "parent"},
        follow=True,
    )
    assert "未找到此身份证号的人员" in response.content.decode()  # outside the worker's scope
    response = client.post(
        f"/assistance/households/{case.household.pk}/",
        {"action": "declaration", "period": "2026-10", "monthly_income": "abc", "assets": "0"},
        follow=True,
    )
    assert "家庭月收入应为数字" in response.content.decode()
    assert not Declaration.objects.filter(period=datetime.date(2026, 10, 1)).exists()


def test_application_pages_and_public_notice(case, users, client):
    client.force_login(users["worker"])
    response = client.post(
        f"/assistance/households/{case.household.pk}/",
        {"action": "apply", "programme": "dibao", "applied_on": TODAY.isoformat(), "reason": "失业"},
    )
    application = Application.objects.get()
    assert response.url == f"/assistance/applications/{application.pk}/"
    client.post(response.url, {"action": "accept"})
    client.post(
        response.url, {"action": "investigate", "note": "住房简陋，夫妻二人无固定收入", "investigators": "张三、李四"}
    )
    client.force_login(users["reviewer"])
    response = client.post(f"/assistance/applications/{application.pk}/", {"action": "confirm"}, follow=True)
    assert "不能进行此项操作" in response.content.decode()
    walk(Application.objects.get(), users["reviewer"], ["township_approve", "start_notice"])
    page = client.get(f"/assistance/applications/{application.pk}/").content.decode()
    assert "公示中" in page and "住房简陋" in page and "张三、李四" in page
    client.logout()
    notice = client.get(f"/notice/assistance/{case.household.township_id}/").content.decode()
    assert "王*国" in notice and case.head.masked_id_number in notice
    assert "王建国" not in notice and case.head.id_number not in notice and "1200" not in notice
    assert client.get(f"/notice/assistance/{case.household.unit_id}/").status_code == 404  # not a township
    assert client.get(f"/assistance/applications/{application.pk}/").status_code == 302  # log-in needed


def test_refusal_letter_and_lists(case, users, client):
    application = services.application_create(
        actor=users["worker"], household=case.household, programme="temporary", applied_on=TODAY
    )
    services.application_transition(actor=users["reviewer"], application=application, action="refuse", note="收入超标")
    client.force_login(users["reviewer"])
    letter = client.get(f"/assistance/applications/{application.pk}/refusal/").content.decode()
    assert "不予批准通知书" in letter and "收入超标" in letter and "行政复议" in letter
    assert "王建国" in client.get("/assistance/applications/?status=refused").content.decode()
    assert client.get("/assistance/applications/?status=nonsense&page=abc").status_code == 200
    assert client.get("/assistance/monitoring/?year=abc&group=zzz").status_code == 200
    response = client.post(
        f"/assistance/applications/{application.pk}/", {"action": "notified", "on": "2026-13-01"}, follow=True
    )
    assert "日期格式" in response.content.decode()


def test_warning_page_acts_on_a_warning(case, users, client, world):
    rule = WarningRule.objects.create(
        name="独居失能老人", min_age=60, self_care_loss=True, covered_categories="tekun_dispersed"
    )
    old = world.person(world.community, name="陈大爷", birth=(1940, 1945))
    services.condition_set(actor=users["worker"], person=old, self_care_loss=True)
    services.warnings_refresh(today=TODAY)
    warning = Warning.objects.get(rule=rule)
    client.force_login(users["worker"])
    assert "陈大爷" in client.get("/assistance/warnings/").content.decode()
    client.post("/assistance/warnings/", {"warning_id": warning.pk, "action": "dismiss", "reason": ""})
    warning.refresh_from_db()
    assert warning.status == "open"
    response = client.post("/assistance/warnings/", {"warning_id": warning.pk, "action": "apply", "programme": "tekun"})
    warning.refresh_from_db()
    assert warning.status == "applied" and response.url == f"/assistance/applications/{warning.application_id}/"


def test_people_without_casework_roles_do_not_see_the_pages(case, users, client):
    client.force_login(users["secretary"])
    assert client.get("/assistance/").status_code == 403
    assert client.get(f"/assistance/households/{case.household.pk}/").status_code == 403
    client.force_login(users["member"])
    assert client.get("/assistance/payments/").status_code == 403


def test_list_pages_use_a_constant_number_of_queries(case, users, client, world, django_assert_max_num_queries):
    staff = users["staff"]
    for i in range(31):
        head = world.person(world.community)
        household = services.household_create(actor=staff, head=head, region_code="371621", address=f"{i}号")
        services.coverage_add(actor=staff, household=household, category="dibao", started_on=TODAY)
        services.application_create(actor=staff, household=household, programme="temporary", applied_on=TODAY)
    client.force_login(staff)
    for url in ("/assistance/", "/assistance/applications/", "/assistance/monitoring/", "/assistance/payments/"):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
    first = client.get("/assistance/?q=").content.decode()
    assert "第 1 / 2 页" in first and "?q=&amp;page=2" in first  # 33 households, 30 a page, filters kept
    assert "第 2 / 2 页" in client.get("/assistance/?page=2").content.decode()
