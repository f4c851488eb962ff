import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tongxin.assistance import services as assistance
from tongxin.community import selectors, services
from tongxin.community.models import CharityItem, CharityMovement, Dispute, Participation, Survey, SurveyResponse
from tongxin.core.errors import Conflict

TODAY = timezone.localdate()


def test_charity_api_stock_in_and_out_never_below_zero(world, users, api):
    client = api(users["worker"])
    response = client.post("/api/v1/charity/items", {"name": "大米", "unit": "袋"})
    assert response.status_code == 201, response.content
    item_id = response.json()["id"]
    assert response.json()["owner_id"] == world.community.pk  # the worker's community supermarket
    assert client.post("/api/v1/charity/items", {"name": "大米", "unit": "袋"}).status_code == 409
    response = client.post("/api/v1/charity/movements", {"item_id": item_id, "direction": "in", "quantity": "10",
                                                         "value": "500", "donor_kind": "unit", "donor_name": "某银行"})  # fmt: skip
    assert response.status_code == 201 and Decimal(response.json()["stock"]) == 10
    resident = world.person(world.community, name="贫困户甲")
    response = client.post("/api/v1/charity/movements", {"item_id": item_id, "direction": "out", "quantity": "4",
                                                         "recipient_person_id": resident.pk})  # fmt: skip
    assert response.status_code == 201 and Decimal(response.json()["stock"]) == 6
    response = client.post("/api/v1/charity/movements", {"item_id": item_id, "direction": "out", "quantity": "6.01"})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "insufficient_stock"
    assert "现有6.00袋" in response.json()["errors"][0]["message"]
    for bad in ({"quantity": "0"}, {"quantity": "-1"}, {"direction": "sideways"}, {"quantity": "abc"}):
        body = {"item_id": item_id, "direction": "in", "quantity": "1", **bad}
        assert client.post("/api/v1/charity/movements", body).status_code == 422
    assert CharityItem.objects.get(pk=item_id).stock == Decimal("6.00")
    assert CharityMovement.objects.count() == 2
    other = world.user("hf", "community_worker", unit=world.other_community)
    body = {"item_id": item_id, "direction": "out", "quantity": "1"}
    assert api(other).post("/api/v1/charity/movements", body).status_code == 404


def test_monthly_statement(world, users):
    item = services.charity_item_create(actor=users["worker"], name="食用油", unit="桶")
    last_month = timezone.now() - datetime.timedelta(days=40)
    services.charity_move(actor=users["worker"], item=item, direction="in", quantity=8, value=400, at=last_month)
    services.charity_move(actor=users["worker"], item=item, direction="in", quantity=5, value=250)
    services.charity_move(actor=users["worker"], item=item, direction="out", quantity=3)
    start = TODAY.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    [row] = selectors.charity_statement(CharityItem.objects.all(), start, end)
    assert (row["opening"], row["in"], row["out"], row["closing"], row["value_in"]) == (8, 5, 3, 10, 250)


def test_disputes_and_success_rate(world, users):
    def dispute(kind):
        return services.dispute_open(actor=users["worker"], community=world.community, kind=kind, parties="甲、乙",
                                     summary="噪音扰邻", mediator="调解员王", opened_on=TODAY)  # fmt: skip

    a, b, c, d = dispute("noise"), dispute("heating"), dispute("corridor"), dispute("family")
    services.dispute_session(actor=users["worker"], dispute=a, held_on=TODAY, note="双方到场")
    with pytest.raises(ValidationError):
        services.dispute_close(actor=users["worker"], dispute=a, outcome="success", closed_on=TODAY)  # agreement needed
    services.dispute_close(
        actor=users["worker"], dispute=a, outcome="success", closed_on=TODAY, agreement="晚十点后不再装修"
    )
    services.dispute_close(
        actor=users["worker"], dispute=b, outcome="success", closed_on=TODAY, agreement="供暖公司检修"
    )
    services.dispute_close(actor=users["worker"], dispute=c, outcome="failed", closed_on=TODAY, note="一方拒绝调解")
    with pytest.raises(Conflict):
        services.dispute_session(actor=users["worker"], dispute=a, held_on=TODAY, note="x")
    [row] = selectors.dispute_rates(Dispute.objects.all(), TODAY, TODAY)
    assert (row["closed"], row["success"], row["failed"], str(row["rate"])) == (3, 2, 1, "66.7")
    assert Dispute.objects.get(pk=d.pk).status == "open"


def test_volunteer_hours_count_for_the_organising_branch(world, users):
    people = [world.person(world.community) for _ in range(3)]
    volunteers = [services.volunteer_register(actor=users["worker"], person=p, skills="理发") for p in people]
    with pytest.raises(Conflict):
        services.volunteer_register(actor=users["worker"], person=people[0])
    day = services.activity_create(actor=users["worker"], community=world.community, org=world.community_branch,
                                   kind="member_day", title="党员义工日：清理楼道", starts_at=timezone.now(), hours="3")  # fmt: skip
    clinic = services.activity_create(actor=users["worker"], community=world.community, kind="clinic", title="义诊",
                                      starts_at=timezone.now(), hours="2")  # fmt: skip
    for v in volunteers:
        services.activity_sign_up(actor=users["worker"], activity=day, volunteer=v)
    with pytest.raises(Conflict):
        services.activity_sign_up(actor=users["worker"], activity=day, volunteer=volunteers[0])
    services.activity_sign_up(actor=users["worker"], activity=clinic, volunteer=volunteers[0])
    for p in Participation.objects.filter(activity=day)[:2]:
        services.activity_sign_in(actor=users["worker"], participation=p)
    services.activity_sign_in(
        actor=users["worker"], participation=Participation.objects.get(activity=clinic), hours="1.5"
    )
    hours = {r["volunteer_id"]: r["hours"] for r in selectors.volunteer_hours(Participation.objects.all())}
    assert hours[volunteers[0].pk] == Decimal("4.5") and len(hours) == 2  # the third never signed in
    [org] = selectors.org_hours(Participation.objects.all())
    assert (org["activity__org__name"], org["hours"], org["people"]) == ("乐安社区党支部", Decimal("6.0"), 2)


def test_pairs_without_a_recent_visit_are_listed(world, users):
    member = world.member(world.community_branch)
    head = world.person(world.community)
    household = assistance.household_create(actor=users["worker"], head=head, region_code="371621", address="x")
    pairing = services.pairing_create(actor=users["worker"], member=member, household=household,
                                      started_on=TODAY - datetime.timedelta(days=45), visit_every_days=30)  # fmt: skip
    with pytest.raises(Conflict):
        services.pairing_create(actor=users["worker"], member=member, household=household, started_on=TODAY)
    [row] = selectors.pairings_with_last_visit(type(pairing).objects.all(), TODAY)
    assert row.overdue
    services.pairing_visit(actor=users["worker"], pairing=pairing, visited_on=TODAY, help="送米面油，帮助申请临时救助")
    [row] = selectors.pairings_with_last_visit(type(pairing).objects.all(), TODAY)
    assert not row.overdue and row.next_due == TODAY + datetime.timedelta(days=30)


def test_satisfaction_rate_comes_from_responses(world, users):
    survey = services.survey_create(actor=users["worker"], unit=world.community, title="社区服务满意度测评",
                                    opens_on=TODAY, closes_on=TODAY, questions=["办事效率", "服务态度"])  # fmt: skip
    services.survey_respond(survey=survey, answers=["satisfied", "satisfied"])
    services.survey_respond(survey=survey, answers=["basic", "satisfied"])
    assert selectors.survey_rate(SurveyResponse.objects.all())["rate"] == Decimal("100.0")
    services.survey_respond(survey=survey, answers=["dissatisfied", "satisfied"])
    rate = selectors.survey_rate(SurveyResponse.objects.all())
    assert (rate["responses"], rate["satisfied"], rate["basic"], rate["dissatisfied"]) == (3, 4, 1, 1)
    assert str(rate["rate"]) == "83.3"
    with pytest.raises(ValidationError):
        services.survey_respond(survey=survey, answers=["satisfied"])
    with pytest.raises(Conflict):
        services.survey_respond(
            survey=survey, answers=["satisfied", "basic"], submitted_on=TODAY + datetime.timedelta(days=1)
        )
    assert Survey.objects.get().responses.count() == 3
