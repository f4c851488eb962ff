import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tongxin.core.errors import Conflict
from tongxin.orglife import services
from tongxin.orglife.compliance import compliance_for, structure_warnings
from tongxin.orglife.models import Attendance, CommitteeMember, MeetingEvent, MeetingRule

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


def at(y, m, d, h=9):
    return datetime.datetime(y, m, d, h, tzinfo=TZ)


def plan(users, org, kind="branch_assembly", when=at(2026, 3, 10)):
    return services.meeting_plan(
        actor=users["admin"], org_id=org.pk, kind=kind, planned_at=when, place="党员活动室", topic="学习"
    )


def held(users, org, kind, when, present_share=1.0):
    meeting = plan(users, org, kind, when)
    expected = services.expected_attendees(meeting)
    ids = sorted(expected)
    present = ids[: round(len(ids) * present_share)]
    absent = [{"person_id": pid, "reason": "出差"} for pid in ids if pid not in present]
    return services.meeting_record(
        actor=users["admin"], meeting=meeting, held_at=when, present=present, absent=absent, minutes="会议记录"
    )


class TestQuorum:
    @pytest.fixture
    def branch(self, users, world):
        for _ in range(4):
            world.member(world.branch)  # with the fixture's member: 5 full members
        for _ in range(3):
            world.member(world.branch, status="probationary")
        return world.branch

    def _record(self, users, meeting, full_present, probationary_present):
        expected = services.expected_attendees(meeting)
        full = [p for p, votes in expected.items() if votes]
        probationary = [p for p, votes in expected.items() if not votes]
        present = full[:full_present] + probationary[:probationary_present]
        absent = [{"person_id": p, "reason": "病假"} for p in expected if p not in present]
        return services.meeting_record(
            actor=users["admin"],
            meeting=meeting,
            held_at=at(2026, 3, 10),
            present=present,
            absent=absent,
            minutes="记录",
        )

    def test_more_than_half_of_full_members(self, users, branch):
        meeting = self._record(users, plan(users, branch), full_present=3, probationary_present=0)
        assert (meeting.voting_count, meeting.voting_present, meeting.quorum_met) == (5, 3, True)
        assert meeting.expected_count == 8 and meeting.present_count == 3

    def test_exactly_half_is_not_enough_and_probationary_members_do_not_count(self, users, branch):
        for m in branch.members.filter(status="full")[:1]:
            m.status = "probationary"
            m.save()  # now 4 full, 4 probationary
        meeting = self._record(users, plan(users, branch), full_present=2, probationary_present=4)
        assert (meeting.voting_count, meeting.voting_present, meeting.quorum_met) == (4, 2, False)
        assert "未达到法定人数" in MeetingEvent.objects.filter(meeting=meeting, action="record").get().note

    def test_committee_quorum_counts_committee_seats(self, users, world, branch):
        members = list(branch.members.all()[:3])
        for member in members:
            CommitteeMember.objects.create(org=branch, member=member, duty="member", since=datetime.date(2024, 1, 1))
        meeting = plan(users, branch, "committee")
        assert set(services.expected_attendees(meeting)) == {m.person_id for m in members}
        ids = [m.person_id for m in members]
        one = services.meeting_record(actor=users["admin"], meeting=meeting, held_at=at(2026, 3, 10), present=ids[:1],
                                      absent=[{"person_id": p, "reason": "外出"} for p in ids[1:]], minutes="记录")  # fmt: skip
        assert one.quorum_met is False
        two = services.meeting_record(actor=users["admin"], meeting=one, held_at=at(2026, 3, 10), present=ids[:2],
                                      absent=[{"person_id": ids[2], "reason": "外出"}], minutes="记录")  # fmt: skip
        assert two.quorum_met is True

    def test_lecture_has_no_quorum_rule(self, users, branch):
        meeting = self._record(users, plan(users, branch, "lecture"), full_present=1, probationary_present=0)
        assert meeting.quorum_met is True


class TestRecordValidation:
    def test_people_who_are_not_expected_are_refused(self, users, world):
        outsider = world.person(world.community)
        meeting = plan(users, world.branch)
        with pytest.raises(ValidationError) as info:
            services.meeting_record(
                actor=users["admin"],
                meeting=meeting,
                held_at=at(2026, 3, 10),
                present=[outsider.pk],
                absent=[],
                minutes="x",
            )
        assert info.value.error_dict["present"][0].code == "not_expected"
        assert not Attendance.objects.exists()

    def test_absence_needs_a_reason_and_minutes_are_required(self, users, world):
        meeting = plan(users, world.branch)
        pid = next(iter(services.expected_attendees(meeting)))
        with pytest.raises(ValidationError) as info:
            services.meeting_record(
                actor=users["admin"],
                meeting=meeting,
                held_at=at(2026, 3, 10),
                present=[],
                absent=[{"person_id": pid, "reason": " "}],
                minutes="",
            )
        assert set(info.value.error_dict) == {"absent", "minutes"}

    def test_future_meetings_cannot_be_recorded_but_past_ones_can(self, users, world):
        meeting = plan(users, world.branch, when=timezone.now() + datetime.timedelta(days=3))
        with pytest.raises(ValidationError) as info:
            services.meeting_record(
                actor=users["admin"],
                meeting=meeting,
                held_at=timezone.now() + datetime.timedelta(days=3),
                present=[],
                absent=[],
                minutes="x",
            )
        assert info.value.error_dict["held_at"][0].code == "future"
        old = held(users, world.branch, "branch_assembly", at(2019, 6, 1))
        assert old.status == "recorded"

    def test_group_meetings_are_held_by_party_groups(self, users, world):
        with pytest.raises(ValidationError):
            plan(users, world.branch, "group")
        with pytest.raises(ValidationError):
            plan(users, world.group, "branch_assembly")
        assert plan(users, world.group, "group").org == world.group


class TestCheckBySuperior:
    def test_submit_approve(self, users, world):
        meeting = held(users, world.branch, "theme_day", at(2026, 3, 5))
        services.meeting_transition(actor=users["secretary"], meeting=meeting, action="submit")
        with pytest.raises(Conflict) as info:
            services.meeting_transition(actor=users["secretary"], meeting=meeting, action="approve")
        assert info.value.error_dict["action"][0].code == "not_superior"
        approved = services.meeting_transition(actor=users["officer"], meeting=meeting, action="approve")
        assert approved.status == "approved"
        assert [e.action for e in approved.events.all()] == ["plan", "record", "submit", "approve"]

    def test_return_needs_a_reason_and_allows_a_corrected_record(self, users, world):
        meeting = held(users, world.branch, "theme_day", at(2026, 3, 5))
        services.meeting_transition(actor=users["secretary"], meeting=meeting, action="submit")
        with pytest.raises(ValidationError):
            services.meeting_transition(actor=users["officer"], meeting=meeting, action="return", note="")
        returned = services.meeting_transition(
            actor=users["officer"], meeting=meeting, action="return", note="缺少会议照片"
        )
        assert (returned.status, returned.return_reason) == ("returned", "缺少会议照片")
        ids = list(services.expected_attendees(returned))
        services.meeting_record(
            actor=users["secretary"],
            meeting=returned,
            held_at=at(2026, 3, 5),
            present=ids,
            absent=[],
            minutes="补充后的记录",
        )
        assert (
            services.meeting_transition(actor=users["secretary"], meeting=returned, action="submit").status
            == "submitted"
        )

    @pytest.mark.parametrize(
        ("action", "status"), [("approve", "recorded"), ("cancel", "recorded"), ("submit", "planned")]
    )
    def test_illegal_transitions_are_conflicts(self, users, world, action, status):
        meeting = plan(users, world.branch, "theme_day", at(2026, 3, 5))
        if status == "recorded":
            meeting = held(users, world.branch, "theme_day", at(2026, 3, 5))
        with pytest.raises(Conflict) as info:
            services.meeting_transition(actor=users["admin"], meeting=meeting, action=action)
        assert info.value.error_dict["action"][0].code == "illegal_transition"

    def test_approved_meetings_are_locked(self, users, world):
        meeting = held(users, world.branch, "theme_day", at(2026, 3, 5))
        services.meeting_transition(actor=users["admin"], meeting=meeting, action="submit")
        services.meeting_transition(actor=users["admin"], meeting=meeting, action="approve")
        with pytest.raises(Conflict):
            services.meeting_record(
                actor=users["admin"], meeting=meeting, held_at=at(2026, 3, 5), present=[], absent=[], minutes="改"
            )


class TestCompliance:
    TODAY = datetime.date(2026, 11, 22)

    def statuses(self, org, month, year=2026):
        cells = compliance_for([org], year, today=self.TODAY)[org.pk][month - 1]
        return {c.kind: (c.required, c.held, c.status) for c in cells}

    def test_monthly_rule(self, users, world):
        held(users, world.branch, "theme_day", at(2026, 1, 8))
        assert self.statuses(world.branch, 1)["theme_day"] == (True, 1, "ok")
        assert self.statuses(world.branch, 2)["theme_day"] == (True, 0, "missing")
        assert self.statuses(world.branch, 11)["theme_day"] == (True, 0, "not_due")  # the month is still running
        assert self.statuses(world.branch, 12)["theme_day"] == (True, 0, "not_due")

    def test_quarterly_rule_is_judged_at_the_quarters_last_month(self, users, world):
        held(users, world.branch, "branch_assembly", at(2026, 2, 10))  # Q1 met in February
        assert self.statuses(world.branch, 1)["branch_assembly"] == (False, 0, "not_due")
        assert self.statuses(world.branch, 2)["branch_assembly"] == (False, 1, "ok")
        assert self.statuses(world.branch, 3)["branch_assembly"] == (True, 0, "ok")
        assert self.statuses(world.branch, 6)["branch_assembly"] == (True, 0, "missing")  # nothing in Q2

    def test_a_meeting_without_quorum_does_not_count(self, users, world):
        for _ in range(3):
            world.member(world.branch)
        held(users, world.branch, "branch_assembly", at(2026, 3, 10), present_share=0.25)
        assert self.statuses(world.branch, 3)["branch_assembly"] == (True, 0, "missing")

    def test_yearly_rules_are_due_in_december(self, users, world):
        assert self.statuses(world.branch, 12)["org_life"] == (True, 0, "not_due")
        assert self.statuses(world.branch, 12, year=2025)["org_life"] == (True, 0, "missing")

    def test_committee_rule_applies_only_to_branches_with_a_committee(self, users, world):
        assert "committee" not in self.statuses(world.branch, 1)
        member = world.member(world.branch)
        CommitteeMember.objects.create(
            org=world.branch, member=member, duty="secretary", since=datetime.date(2024, 1, 1)
        )
        assert self.statuses(world.branch, 1)["committee"] == (True, 0, "missing")

    def test_group_rule_and_establishment_date(self, users, world):
        world.group.established_on = datetime.date(2026, 6, 15)
        world.group.save()
        assert self.statuses(world.group, 5)["group"] == (False, 0, "not_due")
        assert self.statuses(world.group, 7)["group"] == (True, 0, "missing")
        assert set(self.statuses(world.group, 7)) == {"group"}

    def test_rules_are_editable(self, users, world):
        MeetingRule.objects.filter(kind="lecture").update(period="month")
        assert self.statuses(world.branch, 1)["lecture"] == (True, 0, "missing")
        MeetingRule.objects.filter(kind="lecture").update(active=False)
        assert "lecture" not in self.statuses(world.branch, 1)


class TestStructureWarnings:
    def texts(self, world, today=datetime.date(2026, 11, 22)):
        return [t for _, t in structure_warnings([world.branch], today=today).get(world.branch.pk, [])]

    def test_fewer_than_three_full_members(self, users, world):
        assert any("不足3名" in t for t in self.texts(world))
        world.member(world.branch)
        world.member(world.branch)
        assert not any("不足3名" in t for t in self.texts(world))

    def test_seven_without_a_committee_and_over_fifty(self, users, world):
        for _ in range(6):
            world.member(world.branch)
        assert any("应设立支部委员会" in t for t in self.texts(world))
        for _ in range(44):
            world.member(world.branch, status="probationary")
        assert any("超过50名" in t for t in self.texts(world))

    @pytest.mark.parametrize(
        ("started", "expected"),
        [(datetime.date(2023, 12, 1), "不到1个月"), (datetime.date(2024, 3, 1), "不到6个月"),
         (datetime.date(2024, 7, 1), None), (datetime.date(2023, 11, 1), "已于")],
    )  # fmt: skip
    def test_term_alerts_three_years_for_units(self, users, world, started, expected):
        world.branch.term_started_on = started
        world.branch.save()
        texts = [t for t in self.texts(world) if "任期" in t]
        assert (expected in texts[0]) if expected else texts == []

    def test_community_branches_serve_five_years(self, users, world):
        world.community_branch.term_started_on = datetime.date(2022, 3, 1)
        world.community_branch.save()
        warnings = structure_warnings([world.community_branch], today=datetime.date(2026, 11, 22))[
            world.community_branch.pk
        ]
        assert any("不到6个月" in t for _, t in warnings)  # ends 2027-03-01
