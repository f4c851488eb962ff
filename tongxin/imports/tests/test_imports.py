import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from tongxin.core.idcard import make_id_number
from tongxin.imports.models import ImportJob
from tongxin.members.models import Member
from tongxin.people.models import Person

pytestmark = pytest.mark.django_db
PEOPLE_HEADER = ["姓名", "身份证号", "手机号码", "住址"]
MEMBER_HEADER = [*PEOPLE_HEADER, "党员类别", "入党日期"]


def xlsx(header, rows, name="名单.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def number(seq, born=datetime.date(1980, 1, 1)):
    return make_id_number("371621", born, seq)


def upload(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/imports/", data)
    return response


def test_template_has_the_columns_and_an_example_that_imports(login, users, world, django_capture_on_commit_callbacks):
    client = login(users["worker"])
    response = client.get("/imports/template/people.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.active.iter_rows(values_only=True, max_row=2))
    assert list(rows[0]) == PEOPLE_HEADER
    assert wb.active["B3"].number_format == "@"  # ID column kept as text
    assert "填写说明" in wb.sheetnames
    upload(
        client,
        django_capture_on_commit_callbacks,
        kind="people",
        unit=world.community.pk,
        file=SimpleUploadedFile("t.xlsx", response.content),
    )
    assert ImportJob.objects.get().status == "done"


def test_a_good_file_imports_every_row_with_audit(login, users, world, django_capture_on_commit_callbacks):
    rows = [
        ["张三丰", number(1), "13800000001", "乐安大街1号"],
        ["李四", number(3).lower(), "", ""],
        ["王五", number(5), None, None],
    ]
    response = upload(
        login(users["worker"]),
        django_capture_on_commit_callbacks,
        kind="people",
        unit=world.community.pk,
        file=xlsx(PEOPLE_HEADER, rows),
    )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/imports/{job.pk}/"
    assert (job.status, job.total_rows, job.imported_rows, job.errors) == ("done", 3, 3, [])
    people = Person.objects.filter(unit=world.community).exclude(pk=users["member"].person_id)
    assert sorted(people.values_list("name", flat=True)) == ["张三丰", "李四", "王五"]
    assert Person.objects.get(name="张三丰").name_initials == "zsf"
    created = LogEntry.objects.filter(
        action=LogEntry.Action.CREATE, actor=users["worker"], changes_text__startswith="导入"
    )
    assert created.count() == 3


def test_a_half_bad_file_imports_nothing_and_lists_every_bad_row(
    login, users, world, django_capture_on_commit_callbacks
):
    existing = world.person(world.other_community)  # outside the worker's scope, still a duplicate
    rows = [
        ["张三丰", number(1), "13800000001", ""],  # row 2: good
        ["", number(3), "", ""],  # row 3: no name
        ["李四", "110105194912310021", "", ""],  # row 4: bad check character
        ["王五", number(1), "", ""],  # row 5: same ID as row 2
        ["赵六", existing.id_number, "", ""],  # row 6: already registered
        ["钱七", number(7), "12345", ""],  # row 7: bad phone
        [None, None, None, None],  # blank: ignored
        ["孙八", number(9), "", ""],  # row 9: good
    ]
    before = Person.objects.count()
    upload(
        login(users["worker"]),
        django_capture_on_commit_callbacks,
        kind="people",
        unit=world.community.pk,
        file=xlsx(PEOPLE_HEADER, rows),
    )
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.imported_rows == 0 and job.total_rows == 7
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, "姓名"),
        (4, "身份证号"),
        (5, "身份证号"),
        (6, "身份证号"),
        (7, "手机号码"),
    ]
    assert "与第2行的身份证号重复" in job.errors[2]["message"]
    assert Person.objects.count() == before
    page = login(users["worker"]).get(f"/imports/{job.pk}/").content.decode()
    assert "没有导入任何数据" in page and "与第2行的身份证号重复" in page
    sheet = load_workbook(io.BytesIO(login(users["worker"]).get(f"/imports/{job.pk}/errors.xlsx").content)).active
    assert [r[:2] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        (3, "姓名"),
        (4, "身份证号"),
        (5, "身份证号"),
        (6, "身份证号"),
        (7, "手机号码"),
    ]


def test_wrong_header_or_not_a_spreadsheet(login, users, world, django_capture_on_commit_callbacks):
    client = login(users["worker"])
    upload(
        client,
        django_capture_on_commit_callbacks,
        kind="people",
        unit=world.community.pk,
        file=xlsx(["名字", "号码"], [["a", "b"]]),
    )
    upload(
        client,
        django_capture_on_commit_callbacks,
        kind="people",
        unit=world.community.pk,
        file=SimpleUploadedFile("x.xlsx", b"not a zip"),
    )
    jobs = list(ImportJob.objects.order_by("pk"))
    assert jobs[0].status == "failed" and "表头应为" in jobs[0].errors[0]["message"]
    assert jobs[1].status == "failed" and "无法读取文件" in jobs[1].errors[0]["message"]
    response = client.post(
        "/imports/", {"kind": "people", "unit": world.community.pk, "file": SimpleUploadedFile("x.csv", b"a,b")}
    )
    assert "只能上传 .xlsx 文件" in response.content.decode()
    assert ImportJob.objects.count() == 2


def test_unit_outside_scope_is_refused(login, users, world):
    response = login(users["worker"]).post(
        "/imports/", {"kind": "people", "unit": world.other_community.pk, "file": xlsx(PEOPLE_HEADER, [])}
    )
    assert response.status_code == 200 and not ImportJob.objects.exists()


def test_members_import(login, users, world, django_capture_on_commit_callbacks):
    known = world.person(world.centre, name="周知", birth=(1970, 1975))
    already = world.member(world.other_branch)
    rows = [
        ["吴新", number(11), "", "", "正式党员", "2001-07-01"],
        [known.name, known.id_number, "", "", "预备党员", datetime.datetime(2026, 1, 5)],
    ]
    client = login(users["secretary"])
    upload(
        client, django_capture_on_commit_callbacks, kind="members", org=world.branch.pk, file=xlsx(MEMBER_HEADER, rows)
    )
    job = ImportJob.objects.get()
    assert job.status == "done", job.errors
    assert Member.objects.get(person__name="吴新").status == "full"
    assert Member.objects.get(person=known).status == "probationary"
    assert Person.objects.get(name="吴新").unit == world.centre  # the branch's unit
    bad = [
        ["改名", known.id_number, "", "", "正式党员", "2001-07-01"],  # same number, different name
        [already.person.name, already.person.id_number, "", "", "正式党员", "2001-07-01"],  # already a member
        ["郑新", number(13), "", "", "党员", "2001-07-01"],  # bad category
        ["冯新", number(15), "", "", "正式党员", "2001-13-01"],  # bad date
        ["陈小", number(17, datetime.date(2000, 1, 1)), "", "", "正式党员", "2010-07-01"],  # joined at 10
    ]
    upload(
        client,
        django_capture_on_commit_callbacks,
        kind="members",
        org=world.branch.pk,
        file=xlsx(MEMBER_HEADER, bad, "b.xlsx"),
    )
    job = ImportJob.objects.latest("pk")
    assert job.status == "failed"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (2, "姓名"),
        (3, "身份证号"),
        (4, "党员类别"),
        (5, "入党日期"),
        (6, "入党日期"),
    ]
    assert Member.objects.count() == 4  # fixture member + other branch + the two imported


def test_api_upload_and_status(api, users, world, django_capture_on_commit_callbacks):
    client = api(users["worker"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.client.post(
            "/api/v1/imports",
            {
                "kind": "people",
                "unit_id": world.community.pk,
                "file": xlsx(PEOPLE_HEADER, [["张三丰", number(1), "", ""]]),
            },
            **client.headers,
        )
    assert response.status_code == 202
    job_id = response.json()["id"]
    body = client.get(f"/api/v1/imports/{job_id}").json()
    assert (body["status"], body["imported_rows"]) == ("done", 1)
    assert api(users["staff"]).get(f"/api/v1/imports/{job_id}").status_code == 404


def test_job_pages_are_private_to_the_uploader(login, users, world, django_capture_on_commit_callbacks):
    upload(
        login(users["worker"]),
        django_capture_on_commit_callbacks,
        kind="people",
        unit=world.community.pk,
        file=xlsx(PEOPLE_HEADER, []),
    )
    job = ImportJob.objects.get()
    assert login(users["staff"]).get(f"/imports/{job.pk}/").status_code == 404
    assert login(users["admin"]).get(f"/imports/{job.pk}/").status_code == 200
