import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tongxin.assistance import services as assistance
from tongxin.core.errors import Conflict
from tongxin.core.models import Alert
from tongxin.core.periodic import run_checks
from tongxin.welfare import selectors, services
from tongxin.welfare.models import Assessment, Residency, VisitRule

TODAY = timezone.localdate()
FULL = {"feeding": 10, "bathing": 5, "grooming": 5, "dressing": 10, "bowels": 10, "bladder": 10, "toilet": 10,
        "transfer": 15, "walking": 15, "stairs": 10}  # fmt: skip


@pytest.fixture
def home(world, users):
    return services.institution_save(
        actor=users["staff"], unit=world.street, kind="care_home", name="孙武街道敬老院", beds_total=2, beds_nursing=1
    )


def test_capacity_by_region_comes_from_records(world, users, home):
    staff = users["staff"]
    services.institution_save(actor=staff, unit=world.other_street, kind="care_home", name="何坊颐养院",
                              beds_total=120, beds_nursing=100)  # fmt: skip
    services.institution_save(actor=staff, unit=world.street, kind="happiness_home", name="前村幸福院")
    assistance_person = world.person(world.community)
    services.residency_admit(actor=staff, institution=home, person=assistance_person, admitted_on=TODAY)
    capacity = selectors.capacity_by_region(user=staff)
    rows = {r["unit__name"]: r for r in capacity["rows"]}
    assert (rows["孙武街道"]["institutions"], rows["孙武街道"]["beds"], rows["孙武街道"]["occupied"]) == (2, 2, 1)
    assert rows["孙武街道"]["happiness_home"] == 1 and rows["何坊街道"]["nursing"] == 100
    kinds = {k["kind"]: k for k in capacity["kinds"]}
    assert (kinds["care_home"]["n"], kinds["care_home"]["beds"], kinds["care_home"]["nursing"]) == (2, 122, 101)
    # The township reviewer sees their own township's institutions only.
    assert [r["unit__name"] for r in selectors.capacity_by_region(user=users["reviewer"])["rows"]] == ["孙武街道"]


def test_beds_are_never_overfilled(world, users, home):
    staff = users["staff"]
    a, b, c = (world.person(world.community) for _ in range(3))
    services.residency_admit(actor=staff, institution=home, person=a, admitted_on=TODAY, nursing=True)
    with pytest.raises(Conflict) as exc:
        services.residency_admit(actor=staff, institution=home, person=b, admitted_on=TODAY, nursing=True)
    assert exc.value.error_dict["nursing"][0].code == "nursing_full"
    with pytest.raises(Conflict):
        services.residency_admit(actor=staff, institution=home, person=a, admitted_on=TODAY)  # already in
    services.residency_admit(actor=staff, institution=home, person=b, admitted_on=TODAY)
    with pytest.raises(Conflict) as exc:
        services.residency_admit(actor=staff, institution=home, person=c, admitted_on=TODAY)
    assert exc.value.error_dict["institution"][0].code == "full"
    with pytest.raises(Conflict):  # cannot shrink below the residents present
        services.institution_save(actor=staff, institution=home, unit=home.unit, kind=home.kind, name=home.name,
                                  beds_total=1, beds_nursing=1)  # fmt: skip
    residency = Residency.objects.get(person=b)
    with pytest.raises(ValidationError):
        services.residency_discharge(actor=staff, residency=residency, left_on=TODAY, reason="")
    services.residency_discharge(actor=staff, residency=residency, left_on=TODAY, reason="回家居住")
    services.residency_admit(actor=staff, institution=home, person=c, admitted_on=TODAY)
    assert home.residencies.filter(left_on__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("changes", "total", "level"),
    [
        ({}, 100, 0),
        ({"stairs": 5}, 95, 1),
        ({"stairs": 0, "walking": 0, "transfer": 10, "bathing": 0}, 65, 1),
        ({"stairs": 0, "walking": 0, "transfer": 5, "bathing": 0}, 60, 2),
        ({"stairs": 0, "walking": 0, "transfer": 0, "bathing": 0, "grooming": 0, "dressing": 5}, 45, 2),
        ({"stairs": 0, "walking": 0, "transfer": 0, "bathing": 0, "grooming": 0, "dressing": 0}, 40, 3),
        ({k: 0 for k in FULL}, 0, 3),
    ],
)
def test_ability_level_is_derived_from_the_daily_living_score(world, users, changes, total, level):
    person = world.person(world.community, birth=(1935, 1945))
    assessment = services.assess_ability(
        actor=users["worker"], person=person, assessed_on=TODAY, assessor="评估员甲、乙", scores={**FULL, **changes}
    )
    assert (assessment.total, assessment.level) == (total, level)


def test_ability_scores_are_checked_item_by_item(world, users):
    person = world.person(world.community, birth=(1935, 1945))
    with pytest.raises(ValidationError) as exc:
        services.assess_ability(actor=users["worker"], person=person, assessed_on=TODAY, assessor="甲",
                                scores={**FULL, "feeding": 7, "stairs": "x"})  # fmt: skip
    assert set(exc.value.error_dict) == {"scores.feeding", "scores.stairs"}
    assert "0、5、10" in exc.value.error_dict["scores.feeding"][0].message
    with pytest.raises(ValidationError):
        services.assess_needs(actor=users["worker"], person=person, assessed_on=TODAY, assessor="甲", needs=["golf"])
    services.assess_needs(
        actor=users["worker"], person=person, assessed_on=TODAY, assessor="甲", needs=["meals", "medical"]
    )
    assert Assessment.objects.get().needs == ["meals", "medical"]


def _child(world, users, category="de_facto", registered=None):
    head = world.person(world.community, birth=(1950, 1955))
    child = world.person(world.community, birth=(2014, 2016))
    household = assistance.household_create(actor=users["staff"], head=head, region_code="371621", address="x")
    assistance.household_add_member(actor=users["staff"], household=household, person=child, relation="grandchild")
    assistance.coverage_add(actor=users["staff"], household=household, category=category, person=child,
                            started_on=registered or TODAY - datetime.timedelta(days=60))  # fmt: skip
    return child


def test_home_visits_are_due_by_category_and_overdue_ones_are_listed(world, users):
    child = _child(world, users)  # 事实无人抚养儿童: monthly by default, registered 60 days ago
    orphan = _child(world, users, category="orphan")  # quarterly
    rows = {r.person_id: r for r in selectors.children_registry(user=users["worker"], today=TODAY)}
    assert rows[child.pk].overdue and not rows[orphan.pk].overdue
    run_checks(only=["welfare.child_visits"])
    assert "1名儿童" in Alert.objects.open().get(check_name="welfare.child_visits").title
    services.child_visit_record(actor=users["worker"], person=child, visited_on=TODAY, visitors="社工甲",
                                findings="祖父母照料，就学正常")  # fmt: skip
    rows = {r.person_id: r for r in selectors.children_registry(user=users["worker"], today=TODAY)}
    assert not rows[child.pk].overdue and rows[child.pk].next_due == TODAY + datetime.timedelta(days=30)
    run_checks(only=["welfare.child_visits"])
    assert not Alert.objects.open().filter(check_name="welfare.child_visits").exists()
    VisitRule.objects.create(category="orphan", days=30)
    rows = {r.person_id: r for r in selectors.children_registry(user=users["worker"], today=TODAY)}
    assert rows[orphan.pk].overdue
    stranger = world.person(world.community, birth=(2014, 2016))
    with pytest.raises(ValidationError):
        services.child_visit_record(
            actor=users["worker"], person=stranger, visited_on=TODAY, visitors="x", findings="y"
        )


def test_case_tracking(world, users):
    child = _child(world, users)
    case = services.case_open(
        actor=users["worker"], person=child, opened_on=TODAY, problem="辍学风险", plan="联系学校，家庭指导"
    )
    with pytest.raises(Conflict):
        services.case_open(actor=users["worker"], person=child, opened_on=TODAY, problem="x", plan="y")
    services.case_add_entry(actor=users["worker"], case=case, on=TODAY, kind="action", text="与班主任面谈")
    services.case_add_entry(actor=users["worker"], case=case, on=TODAY, kind="follow_up", text="已返校")
    with pytest.raises(ValidationError):
        services.case_add_entry(
            actor=users["worker"], case=case, on=TODAY - datetime.timedelta(days=1), kind="action", text="x"
        )
    services.case_close(actor=users["worker"], case=case, closed_on=TODAY, outcome="稳定就学")
    with pytest.raises(Conflict):
        services.case_add_entry(actor=users["worker"], case=case, on=TODAY, kind="action", text="x")
    assert case.entries.count() == 2


def test_pages_are_scoped(world, users, client, home):
    child = _child(world, users)
    other = world.user("hf", "township_reviewer", unit=world.other_street)
    client.force_login(users["worker"])
    assert client.get("/welfare/").status_code == 200
    assert client.get(f"/welfare/children/{child.pk}/").status_code == 200
    page = client.get("/welfare/children/").content.decode()
    assert child.name in page
    client.force_login(other)
    assert client.get(f"/welfare/institutions/{home.pk}/").status_code == 404
    assert client.get(f"/welfare/children/{child.pk}/").status_code == 404
    assert child.name not in client.get("/welfare/children/").content.decode()
    client.force_login(users["secretary"])
    assert client.get("/welfare/").status_code == 403


def test_pages_record_and_report_errors(world, users, client, home):
    client.force_login(users["staff"])
    person = world.person(world.community, birth=(1935, 1945))
    response = client.post(f"/welfare/institutions/{home.pk}/", {"action": "admit", "id_number": person.id_number,
                                                                  "admitted_on": TODAY.isoformat()}, follow=True)  # fmt: skip
    assert "已保存" in response.content.decode() and Residency.objects.filter(person=person).exists()
    scores = {f"score_{k}": v for k, v in FULL.items()}
    response = client.post("/welfare/assessments/", {"kind": "ability", "id_number": person.id_number,
                                                     "assessed_on": TODAY.isoformat(), "assessor": "甲、乙", **scores,
                                                     "score_feeding": "3"}, follow=True)  # fmt: skip
    assert "进食的得分应为" in response.content.decode() and not Assessment.objects.exists()
    client.post("/welfare/assessments/", {"kind": "needs", "id_number": person.id_number, "assessed_on": TODAY.isoformat(),
                                          "assessor": "甲", "needs": ["meals", "bathing"]})  # fmt: skip
    page = client.get("/welfare/assessments/").content.decode()
    assert "助餐、助浴" in page
    response = client.post("/welfare/", {"name": "新院", "kind": "care_home", "unit_id": world.street.pk,
                                         "beds_total": "10", "beds_nursing": "20"}, follow=True)  # fmt: skip
    assert "护理型床位不能多于总床位" in response.content.decode()
