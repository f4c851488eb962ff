import pytest

from tongxin.core.models import CalendarYear
from tongxin.core.periodic import run_checks

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_home_for_each_role(login, users, world):
    world.member(world.branch)
    officer = login(users["officer"]).get("/")
    stats = {s["label"]: s["value"] for s in officer.context["summary"]["stats"]}
    assert stats == {"党组织": 4, "党员": 2, "登记人员": 2, "行政单位": 3}
    member_home = login(users["member"]).get("/").content.decode()
    assert "福利中心党支部" in member_home and "目前没有需要您处理的事项" in member_home
    assert login(users["member"]).get("/").context["summary"]["stats"] == []


def test_admin_home_shows_the_calendar_gap(login, users, monkeypatch):
    import datetime

    from django.utils import timezone

    fixed = datetime.datetime(2026, 11, 22, 10, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    run_checks(only=["core.calendar_coverage"])
    html = login(users["admin"]).get("/").content.decode()
    assert "2027年节假日安排尚未录入" in html
    assert "2027年节假日安排尚未录入" not in login(users["worker"]).get("/").content.decode()


def test_navigation_follows_capabilities(login, users):
    member_nav = [i["label"] for i in login(users["member"]).get("/").context["nav_items"]]
    assert "人员" not in member_nav and "数据导入" not in member_nav
    admin_nav = [i["label"] for i in login(users["admin"]).get("/").context["nav_items"]]
    assert {"人员", "数据导入", "定期检查"} <= set(admin_nav)


def test_calendar_page_computes_and_admin_enters_a_year(login, users):
    client = login(users["worker"])
    page = client.get("/calendar/", {"start": "2026-09-28", "days": 5}).content.decode()
    assert "2026-10-10" in page and "国务院公布的节假日安排" in page
    assert client.post("/calendar/years/", {"year": 2027, "holidays": "2027-01-01 元旦"}).status_code == 403
    admin = login(users["admin"])
    bad = admin.post("/calendar/years/", {"year": 2027, "holidays": "2027-13-01 错"})
    assert "第1行" in bad.content.decode() and not CalendarYear.objects.exists()
    ok = admin.post(
        "/calendar/years/",
        {
            "year": 2027,
            "note": "国办发明电",
            "holidays": "2027-01-01 元旦\n2027-10-01~2027-10-07 国庆节",
            "workdays": "2027-10-09",
        },
    )
    assert ok.status_code == 302
    assert CalendarYear.objects.get(year=2027).days.count() == 9
    page = admin.get("/calendar/", {"start": "2027-09-30", "days": 1}).content.decode()
    assert "2027-10-08" in page and "管理员录入的节假日安排" in page


def test_periodic_runs_page_is_for_administrators(login, users):
    run_checks()
    assert login(users["officer"]).get("/periodic/").status_code == 403
    assert "core.calendar_coverage" in login(users["admin"]).get("/periodic/").content.decode()


def test_switching_to_english(client, users):
    client.force_login(users["worker"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html


def test_english_interface(client, users, world):
    world.person(world.community)
    client.force_login(users["worker"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    home = client.get("/").content.decode()
    assert "Hello, worker" in home and "Nothing needs your attention right now." in home
    assert '<i class="bi bi-house"></i> Home</a>' in home
    people = client.get("/people/").content.decode()
    assert "1 person" in people and "Date of birth" in people
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "目前没有需要您处理的事项" in client.get("/").content.decode()


def test_chinese_is_the_default_whatever_the_browser_says(client, users):
    client.force_login(users["worker"])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "待办事项" in html and 'lang="zh-hans"' in html


def test_administrator_deletes_an_entered_year(login, users):
    from tongxin.core.calendar_services import calendar_year_save

    calendar_year_save(actor=users["admin"], year=2027, holidays="2027-01-01 元旦")
    assert login(users["worker"]).post("/calendar/years/2027/delete/").status_code == 403
    assert CalendarYear.objects.filter(year=2027).exists()
    assert login(users["admin"]).post("/calendar/years/2027/delete/").status_code == 302
    assert not CalendarYear.objects.exists()
