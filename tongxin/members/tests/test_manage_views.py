import datetime
from decimal import Decimal

import pytest

from tongxin.members.models import Member, MemberTransfer
from tongxin.orglife.models import CommitteeMember

pytestmark = pytest.mark.django_db


def test_secretary_edits_a_members_dues_base_and_group(login, users, world):
    member = world.member(world.branch)
    client = login(users["secretary"])
    response = client.post(f"/members/{member.pk}/edit/", {
        "group_id": world.group.pk, "situation": "retired", "dues_category": "retired", "dues_base": "5000.00",
        "residence_community_id": world.community.pk,
    })  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.group, member.situation, member.dues_base, member.residence_community) == (
        world.group,
        "retired",
        Decimal("5000.00"),
        world.community,
    )
    bad = client.post(
        f"/members/{member.pk}/edit/",
        {"situation": "retired", "dues_category": "retired", "dues_base": "-1"},
        follow=True,
    )
    assert "不能为负数" in bad.content.decode()
    other = world.member(world.community_branch)
    assert client.get(f"/members/{other.pk}/edit/").status_code == 404


def test_transfer_through_the_page(login, users, world):
    member = world.member(world.branch)
    secretary = login(users["secretary"])
    secretary.post("/members/transfers/", {
        "action": "issue", "member_id": member.pk, "to_org_id": world.community_branch.pk, "letter_number": "民组〔2026〕1号",
        "issued_on": datetime.date.today().isoformat(), "valid_days": "90",
    })  # fmt: skip
    transfer = MemberTransfer.objects.get()
    worker_side = login(users["admin"])
    worker_side.post("/members/transfers/", {"action": "receive", "transfer_id": transfer.pk})
    member.refresh_from_db()
    assert member.org == world.community_branch
    assert "民组〔2026〕1号" in secretary.get("/members/transfers/").content.decode()  # history stays with the sender


def test_branch_settings_and_committee(login, users, world):
    members = [world.member(world.branch) for _ in range(3)]
    client = login(users["secretary"])
    response = client.post(f"/orgs/{world.branch.pk}/edit/", {
        "name": world.branch.name, "term_started_on": "2024-03-01", "term_years": "", "farmer_dues_amount": "0.50",
    })  # fmt: skip
    assert response.status_code == 302
    world.branch.refresh_from_db()
    assert (world.branch.term_started_on, world.branch.farmer_dues_amount) == (
        datetime.date(2024, 3, 1),
        Decimal("0.50"),
    )
    bad = client.post(f"/orgs/{world.branch.pk}/edit/", {"name": world.branch.name, "farmer_dues_amount": "2.00"})
    assert bad.status_code == 200 and "1.00" in bad.content.decode()
    for member, duty in zip(members, ["secretary", "organisation", "propaganda"], strict=True):
        client.post(
            f"/orglife/committee/{world.branch.pk}/", {"member_id": member.pk, "duty": duty, "since": "2024-03-01"}
        )
    assert CommitteeMember.objects.filter(org=world.branch).count() == 3
    probationary = world.member(world.branch, status="probationary")
    response = client.post(
        f"/orglife/committee/{world.branch.pk}/", {"member_id": probationary.pk, "duty": "member"}, follow=True
    )
    assert "正式党员" in response.content.decode() and CommitteeMember.objects.count() == 3
    assert client.get(f"/orglife/committee/{world.other_branch.pk}/").status_code == 404
    seat = CommitteeMember.objects.first()
    client.post(f"/orglife/committee/{world.branch.pk}/", {"remove": seat.pk})
    assert CommitteeMember.objects.count() == 2
    assert Member.objects.filter(pk=seat.member_id).exists()


def test_a_branch_secretary_cannot_rename_the_branch(login, users, world):
    response = login(users["secretary"]).post(
        f"/orgs/{world.branch.pk}/edit/", {"name": "改名", "farmer_dues_amount": "0.20"}
    )
    assert "党组织名称由组织委员修改" in response.content.decode()
    world.branch.refresh_from_db()
    assert world.branch.name == "福利中心党支部"
