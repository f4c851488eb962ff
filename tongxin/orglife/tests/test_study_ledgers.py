import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook

from tongxin.core.models import ExportRecord
from tongxin.orglife import ledgers, study
from tongxin.orglife.models import StudyRecord

pytestmark = pytest.mark.django_db
D = datetime.date


def test_study_totals_produce_the_reports_sentence(users, world):
    member = users["member"].person.membership
    for minutes in (30, 45, 25):
        study.study_record_add(
            actor=users["member"],
            person_id=member.person_id,
            kind="reading",
            on=D(2026, 3, 1),
            title="《党章》",
            minutes=minutes,
        )
    study.study_record_add(
        actor=users["secretary"], person_id=member.person_id, kind="talk", on=D(2026, 3, 2), title="微党课", audience=28
    )
    totals = study.study_totals(StudyRecord.objects.all())
    assert totals.statement() == "组织“党员在读”3次，阅读时长100分钟；“党员在讲”1次，受众28人"


def test_study_records_are_validated_and_scoped(users, world):
    outsider = world.member(world.community_branch)
    with pytest.raises(ValidationError) as info:
        study.study_record_add(
            actor=users["secretary"],
            person_id=outsider.person_id,
            kind="reading",
            on=D(2026, 3, 1),
            title="x",
            minutes=10,
        )
    assert info.value.error_dict["person_id"][0].code == "not_found"
    own = users["member"].person_id
    with pytest.raises(ValidationError) as info:
        study.study_record_add(
            actor=users["member"], person_id=own, kind="reading", on=D(2026, 3, 1), title="", minutes=0
        )
    assert set(info.value.error_dict) == {"title", "minutes"}


def test_evaluation_counts_per_branch(login, users, world):
    members = [world.member(world.branch) for _ in range(3)]
    client = login(users["secretary"])
    data = {
        f"grade-{members[0].pk}": "excellent",
        f"grade-{members[1].pk}": "qualified",
        f"grade-{members[2].pk}": "qualified",
    }
    client.post(f"/orglife/evaluations/?org={world.branch.pk}&year=2025", data)
    page = client.get("/orglife/evaluations/", {"org": world.branch.pk, "year": 2025})
    assert dict(page.context["counts"]) == {"优秀": 1, "合格": 2, "基本合格": 0, "不合格": 0}
    client.post(f"/orglife/evaluations/?org={world.branch.pk}&year=2025", {f"grade-{members[0].pk}": "qualified"})
    page = client.get("/orglife/evaluations/", {"org": world.branch.pk, "year": 2025})
    assert dict(page.context["counts"])["合格"] == 3  # one grade per member and year, updated in place


def test_member_page_shows_meetings_study_dues_and_record(login, users, world):
    from django.utils import timezone

    from tongxin.orglife import services

    soon = timezone.now() + datetime.timedelta(days=2)
    meeting = services.meeting_plan(
        actor=users["admin"], org_id=world.branch.pk, kind="lecture", planned_at=soon, place="活动室", topic="党课"
    )
    client = login(users["member"])
    page = client.get("/orglife/me/")
    assert [i["meeting"].pk for i in page.context["upcoming"]] == [meeting.pk]
    client.post(f"/orglife/meetings/{meeting.pk}/sign-in/", {"next": "/orglife/me/"})
    assert client.get("/orglife/me/").context["upcoming"][0]["signed"] is True
    client.post(
        "/orglife/me/", {"title": "《习近平谈治国理政》", "minutes": "40", "on": timezone.localdate().isoformat()}
    )
    assert client.get("/orglife/me/").context["study_year"].reading_minutes == 40


@pytest.mark.parametrize("code", list(ledgers.LEDGERS))
def test_every_ledger_opens_in_both_formats(login, users, world, code):
    world.member(world.branch)
    client = login(users["officer"])
    for fmt in ("xlsx", "docx"):
        response = client.get(
            f"/orglife/ledgers/{code}.{fmt}", {"org": world.branch.pk, "start": "2026-01-01", "end": "2026-12-31"}
        )
        assert response.status_code == 200
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(response.content)).active
            assert sheet["A1"].value == ledgers.LEDGERS[code][0]
            assert sheet.cell(3, 1).value is not None
        else:
            doc = Document(io.BytesIO(response.content))
            assert doc.paragraphs[0].text == ledgers.LEDGERS[code][0]
            assert len(doc.tables) == 1


def test_roster_masks_ids_unless_permitted_and_is_recorded(login, users, world):
    member = world.member(world.branch, name="花名册")
    params = {"org": world.branch.pk, "start": "2026-01-01", "end": "2026-12-31"}
    sheet = load_workbook(
        io.BytesIO(login(users["secretary"]).get("/orglife/ledgers/roster.xlsx", params).content)
    ).active
    row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "花名册")
    assert row[4] == member.person.masked_id_number
    sheet = load_workbook(
        io.BytesIO(login(users["officer"]).get("/orglife/ledgers/roster.xlsx", params).content)
    ).active
    row = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "花名册")
    assert row[4] == member.person.id_number
    assert ExportRecord.objects.filter(what__startswith="台账：党员花名册").count() == 2
    assert (
        login(users["secretary"])
        .get("/orglife/ledgers/roster.xlsx", {**params, "org": world.street_org.pk})
        .status_code
        == 404
    )


def test_collective_study_sessions(login, users, world):
    inside = world.member(world.branch)
    outside = world.member(world.community_branch)
    client = login(users["secretary"])
    client.post(f"/orglife/study/?org={world.branch.pk}", {
        "session": "1", "topic": "学习党的二十届四中全会精神", "held_on": "2026-10-30", "session_minutes": "120",
        "speakers": "书记", "attendees": [inside.person_id, users["member"].person_id],
    })  # fmt: skip
    from tongxin.orglife.models import StudySession

    session = StudySession.objects.get()
    assert (session.minutes, set(session.attendees.values_list("pk", flat=True))) == (
        120,
        {inside.person_id, users["member"].person_id},
    )
    with pytest.raises(ValidationError) as info:
        study.study_session_add(
            actor=users["secretary"],
            org=world.branch,
            held_on=D(2026, 10, 30),
            topic="x",
            minutes=60,
            attendee_ids=[outside.person_id],
        )
    assert info.value.error_dict["attendees"][0].code == "not_member"
    sheet = load_workbook(
        io.BytesIO(
            client.get(
                "/orglife/ledgers/study.xlsx", {"org": world.branch.pk, "start": "2026-01-01", "end": "2026-12-31"}
            ).content
        )
    ).active
    assert any(row[3] == "学习党的二十届四中全会精神" for row in sheet.iter_rows(min_row=4, values_only=True))


def test_member_is_expected_agrees_with_expected_attendees(users, world):
    from tongxin.orglife import services
    from tongxin.orglife.models import CommitteeMember

    member = users["member"].person.membership  # in the branch and its Party group
    other = world.member(world.branch)
    CommitteeMember.objects.create(org=world.branch, member=other, duty="secretary", since=D(2024, 1, 1))
    when = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    meetings = [
        services.meeting_plan(
            actor=users["admin"], org_id=org.pk, kind=kind, planned_at=when, place="活动室", topic="学习"
        )
        for org, kind in [
            (world.branch, "theme_day"),
            (world.branch, "committee"),
            (world.group, "group"),
            (world.other_branch, "theme_day"),
        ]
    ]
    for person_member in (member, other):
        seats = set(CommitteeMember.objects.filter(member=person_member).values_list("org_id", flat=True))
        for meeting in meetings:
            assert services.member_is_expected(meeting, person_member, seats) == (
                person_member.person_id in services.expected_attendees(meeting)
            ), (meeting.kind, meeting.org)


def test_member_page_queries_do_not_grow_with_meetings(login, users, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tongxin.orglife import services

    client = login(users["member"])

    def plan(n):
        for i in range(n):
            services.meeting_plan(actor=users["admin"], org_id=world.branch.pk, kind="lecture",
                                  planned_at=timezone.now() + datetime.timedelta(days=i + 1), place="活动室", topic="党课")  # fmt: skip

    plan(1)
    client.get("/orglife/me/")
    with CaptureQueriesContext(connection) as few:
        client.get("/orglife/me/")
    plan(6)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/orglife/me/")
    assert len(page.context["upcoming"]) == 7
    assert len(many.captured_queries) == len(few.captured_queries)
