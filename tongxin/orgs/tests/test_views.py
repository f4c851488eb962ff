import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tongxin.orgs.models import PartyOrg

pytestmark = pytest.mark.django_db


def test_org_tree_page_shows_visible_orgs_with_subtree_counts(login, users, world):
    world.member(world.branch)
    world.member(world.other_branch)
    html = login(users["officer"]).get("/orgs/").content.decode()
    assert "机关党总支" in html and "耄耋党小组" in html and "乐安社区党支部" not in html
    rows = login(users["officer"]).get("/orgs/").context["rows"]
    counts = {r["node"].name: r["count"] for r in rows}
    assert counts == {"机关党总支": 3, "福利中心党支部": 2, "耄耋党小组": 1, "社会救助党支部": 1}


def test_org_tree_page_is_a_constant_number_of_queries(login, users, world):
    client = login(users["admin"])
    client.get("/orgs/")
    with CaptureQueriesContext(connection) as few:
        client.get("/orgs/")
    for i in range(25):
        PartyOrg.objects.create(name=f"支部{i}", kind="branch", parent=world.general)
    with CaptureQueriesContext(connection) as many:
        client.get("/orgs/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_org_detail_lists_members_and_is_404_outside_scope(login, users, world):
    world.member(world.branch, name="冯小刚")
    client = login(users["secretary"])
    html = client.get(f"/orgs/{world.branch.pk}/").content.decode()
    assert "冯小刚" in html and 'id="member-total">2<' in html
    assert client.get(f"/orgs/{world.other_branch.pk}/").status_code == 404
    assert client.get(f"/orgs/{world.general.pk}/").status_code == 404


def test_member_page_query_count_is_constant(login, users, world):
    client = login(users["officer"])
    client.get(f"/orgs/{world.general.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/orgs/{world.general.pk}/")
    for _ in range(20):
        world.member(world.other_branch)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/orgs/{world.general.pk}/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_member_export(login, users, world):
    world.member(world.branch, name="褚明")
    response = login(users["officer"]).get(f"/orgs/{world.general.pk}/", {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("姓名", "性别", "出生日期", "身份证号", "所在党组织", "党员类别", "入党日期")
    assert "褚明" in [r[0] for r in rows]
    # The officer's role needs full numbers for the roster.
    assert all("*" not in r[3] for r in rows[1:])


def test_create_and_move_through_the_pages(login, users, world):
    client = login(users["officer"])
    response = client.post("/orgs/new/", {"name": "新支部", "kind": "branch", "parent": world.general.pk})
    org = PartyOrg.objects.get(name="新支部")
    assert response["Location"] == f"/orgs/{org.pk}/"
    bad = client.post(f"/orgs/{world.general.pk}/move/", {"parent": world.branch.pk})
    assert "不能把组织移到它自己或它的下级之下" in bad.content.decode()
    out_of_scope = client.post("/orgs/new/", {"name": "x", "kind": "branch", "parent": world.street_org.pk})
    assert out_of_scope.status_code == 200 and not PartyOrg.objects.filter(name="x").exists()


def test_unit_pages(login, users, world):
    world.person(world.community)
    client = login(users["reviewer"])
    html = client.get("/units/").content.decode()
    assert "孙武街道" in html and "何坊街道" not in html
    detail = client.get(f"/units/{world.street.pk}/")
    assert detail.context["person_total"] == 1
    assert client.get(f"/units/{world.other_street.pk}/").status_code == 404
    assert client.get("/units/new/").status_code == 403
    tree = load_workbook(io.BytesIO(client.get("/units/", {"export": "xlsx"}).content)).active
    assert [r[0] for r in tree.iter_rows(min_row=2, values_only=True)] == ["孙武街道", "乐安社区"]


def test_history_shows_fields_a_person_changed_not_relations(login, users, world):
    from tongxin.orgs import services

    services.party_org_update(actor=users["admin"], org=world.branch, name="福利中心第一党支部")
    history = login(users["admin"]).get(f"/orgs/{world.branch.pk}/").context["history"]
    fields = {c["field"] for entry in history for c in entry["changes"]}
    assert "名称" in fields and "上级" in fields
    assert not fields & {"children", "members", "group_members", "创建时间", "更新时间", "ID"}
    change = next(c for e in history for c in e["changes"] if c["field"] == "名称" and c["before"])
    assert (change["before"], change["after"]) == ("福利中心党支部", "福利中心第一党支部")
    created = next(c for e in history for c in e["changes"] if c["field"] == "上级")
    assert created["after"] == "机关党总支"  # the parent's name, not its id


def test_chart_of_members_per_sub_organisation_comes_from_records(login, users, world):
    world.member(world.branch)
    world.member(world.other_branch)
    world.member(world.other_branch)
    response = login(users["officer"]).get(f"/orgs/{world.general.pk}/")
    assert response.context["chart"] == [{"name": "福利中心党支部", "value": 2}, {"name": "社会救助党支部", "value": 2}]
    assert 'id="child-chart-data"' in response.content.decode()
    # A branch with a single Party group has nothing to compare: no chart.
    assert login(users["officer"]).get(f"/orgs/{world.branch.pk}/").context["chart"] == []
