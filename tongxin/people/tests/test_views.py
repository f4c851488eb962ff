import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tongxin.core.idcard import make_id_number
from tongxin.core.models import ExportRecord
from tongxin.people.models import Person

pytestmark = pytest.mark.django_db


def test_list_shows_only_people_in_scope_with_masked_ids(login, users, world):
    inside = world.person(world.community, name="王乐安")
    world.person(world.other_community, name="赵何坊")
    response = login(users["worker"]).get("/people/")
    html = response.content.decode()
    assert "王乐安" in html and "赵何坊" not in html
    assert inside.masked_id_number in html and inside.id_number not in html


def test_list_query_count_does_not_grow_with_the_page(login, users, world):
    for _ in range(3):
        world.person(world.community)
    client = login(users["staff"])
    client.get("/people/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get("/people/")
    for _ in range(30):
        world.person(world.community)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/people/")
    assert response.context["page_obj"].paginator.count == 33
    assert len(many.captured_queries) == len(few.captured_queries)


def test_htmx_search_returns_the_results_fragment(login, users, world):
    world.person(world.community, name="张三丰")
    response = login(users["worker"]).get("/people/", {"q": "zsf"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "张三丰" in html and '<nav class="navbar' not in html


def test_create_with_bad_id_shows_the_chinese_error_beside_the_field(login, users):
    response = login(users["worker"]).post("/people/new/", {"name": "张三丰", "id_number": "110105194912310021"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-field="id_number">身份证号码校验位不正确，请核对。' in html
    assert Person.objects.filter(name="张三丰").count() == 0


def test_create_then_detail(login, users, world):
    number = make_id_number("371621", datetime.date(1985, 3, 3), 22)
    client = login(users["worker"])
    response = client.post("/people/new/", {"name": "李梅", "id_number": number, "phone": "13900001111"})
    person = Person.objects.get(id_number=number)
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "李梅" in detail and "女" in detail and "1985年3月3日" in detail  # the birth date, written the Chinese way
    assert "新增" in detail  # the history shows the creation


def test_duplicate_id_in_the_form(login, users, world):
    existing = world.person(world.other_community)
    response = login(users["worker"]).post("/people/new/", {"name": "某人", "id_number": existing.id_number})
    assert "该身份证号已登记" in response.content.decode()


def test_detail_outside_scope_is_404(login, users, world):
    outsider = world.person(world.other_community)
    assert login(users["worker"]).get(f"/people/{outsider.pk}/").status_code == 404
    assert login(users["worker"]).get(f"/people/{outsider.pk}/edit/").status_code == 404


def test_reveal_full_id_is_for_permitted_roles_and_audited(login, users, world):
    person = world.person(world.community)
    assert login(users["worker"]).post(f"/people/{person.pk}/id-number/").status_code == 403
    response = login(users["staff"]).post(f"/people/{person.pk}/id-number/")
    assert person.id_number in response.content.decode()
    assert (
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=person.pk, actor=users["staff"]).count() == 1
    )
    assert "查看完整身份证号" in login(users["staff"]).get(f"/people/{person.pk}/").content.decode()


def test_edit_keeps_the_number_when_the_masked_value_is_left(login, users, world):
    person = world.person(world.community, name="王五")
    client = login(users["worker"])
    form = client.get(f"/people/{person.pk}/edit/").context["form"]
    data = {"name": "王五六", "id_number": form.initial["id_number"], "phone": "", "address": "新地址"}
    assert client.post(f"/people/{person.pk}/edit/", data).status_code == 302
    person.refresh_from_db()
    assert (person.name, person.address) == ("王五六", "新地址")


def test_export_is_masked_unless_permitted_and_recorded(login, users, world):
    person = world.person(world.community, name="钱七")
    response = login(users["worker"]).get("/people/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("姓名", "性别", "出生日期", "身份证号")
    assert rows[1][0] == "钱七" and rows[1][3] == person.masked_id_number
    assert len(rows) == 2  # header + the one person in the worker's community
    record = ExportRecord.objects.get()
    assert (record.actor, record.row_count, record.full_id_numbers) == (users["worker"], 1, False)
    response = login(users["staff"]).get("/people/export.xlsx", {"q": "qq"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][3] == person.id_number
    assert ExportRecord.objects.filter(full_id_numbers=True, query="qq").count() == 1


def test_party_member_cannot_list_people(login, users):
    assert login(users["member"]).get("/people/").status_code == 403


def test_person_history_includes_the_party_membership(login, users, world):
    member = world.member(world.branch)
    from tongxin.members.models import Member

    Member.objects.filter(pk=member.pk).first().save()  # no change: nothing new recorded
    member.status = "probationary"
    member.save()
    history = login(users["officer"]).get(f"/people/{member.person_id}/").context["history"]
    subjects = [entry["subject"] for entry in history]
    assert "党员" in subjects and "人员" in subjects
    change = next(c for e in history for c in e["changes"] if c["field"] == "党员类别" and c["before"])
    assert (change["before"], change["after"]) == ("正式党员", "预备党员")
