import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tongxin.core.errors import Conflict
from tongxin.members import services
from tongxin.members.models import DuesBill, DuesPayment, Member, MemberTransfer

pytestmark = pytest.mark.django_db
D = datetime.date


class TestTransfers:
    def test_issue_then_receive_moves_the_member_and_keeps_history(self, users, world):
        member = world.member(world.branch, group=world.group)
        transfer = services.transfer_issue(
            actor=users["officer"], member=member, to_org_id=world.other_branch.pk, letter_number="民组转〔2026〕12号",
            issued_on=D(2026, 11, 1),
        )  # fmt: skip
        assert transfer.valid_until == D(2026, 11, 1) + datetime.timedelta(days=90)
        member.refresh_from_db()
        assert member.org == world.branch  # still there until received
        services.transfer_receive(actor=users["officer"], transfer=transfer, received_on=D(2026, 11, 10))
        member.refresh_from_db()
        assert (member.org, member.group) == (world.other_branch, None)
        assert list(MemberTransfer.objects.filter(member=member).values_list("status", flat=True)) == ["received"]

    def test_only_the_receiving_branch_receives(self, users, world):
        member = world.member(world.branch)
        transfer = services.transfer_issue(
            actor=users["officer"],
            member=member,
            to_org_id=world.community_branch.pk,
            letter_number="1",
            issued_on=D(2026, 11, 1),
        )
        with pytest.raises(Conflict) as info:
            services.transfer_receive(actor=users["secretary"], transfer=transfer, received_on=D(2026, 11, 2))
        assert info.value.error_dict["to_org"][0].code == "not_receiving_org"

    def test_an_expired_letter_cannot_be_received(self, users, world):
        member = world.member(world.branch)
        transfer = services.transfer_issue(
            actor=users["officer"], member=member, to_org_id=world.other_branch.pk, letter_number="1",
            issued_on=D(2026, 1, 1), valid_days=30,
        )  # fmt: skip
        with pytest.raises(Conflict) as info:
            services.transfer_receive(actor=users["officer"], transfer=transfer, received_on=D(2026, 2, 1))
        assert info.value.error_dict["received_on"][0].code == "expired"
        assert services.transfers_expire(today=D(2026, 2, 1)) == 1
        assert services.transfers_expire(today=D(2026, 2, 1)) == 0  # idempotent
        transfer.refresh_from_db()
        assert transfer.status == "expired"

    def test_one_open_letter_at_a_time_and_cancel(self, users, world):
        member = world.member(world.branch)
        first = services.transfer_issue(
            actor=users["officer"],
            member=member,
            to_org_id=world.other_branch.pk,
            letter_number="1",
            issued_on=D(2026, 11, 1),
        )
        with pytest.raises(Conflict):
            services.transfer_issue(
                actor=users["officer"],
                member=member,
                to_org_id=world.other_branch.pk,
                letter_number="2",
                issued_on=D(2026, 11, 2),
            )
        services.transfer_cancel(actor=users["officer"], transfer=first)
        with pytest.raises(Conflict):
            services.transfer_cancel(actor=users["officer"], transfer=first)
        with pytest.raises(ValidationError) as info:
            services.transfer_issue(
                actor=users["officer"],
                member=member,
                to_org_id=world.branch.pk,
                letter_number="3",
                issued_on=D(2026, 11, 3),
            )
        assert info.value.error_dict["to_org_id"][0].code == "same_org"


class TestDues:
    def _member(self, world, category="employed", base="6543.21"):
        member = world.member(world.branch)
        member.dues_category, member.dues_base = category, Decimal(base)
        member.save()
        return member

    def test_bills_freeze_base_rate_and_amount_and_are_idempotent(self, world):
        member = self._member(world)
        assert services.dues_bills_generate(org=world.branch, month=D(2026, 10, 15)) == 1
        bill = DuesBill.objects.get(member=member)
        assert (bill.month, bill.rate, bill.amount) == (D(2026, 10, 1), Decimal("0.015"), Decimal("98.15"))
        member.dues_base = Decimal("20000")
        member.save()
        assert services.dues_bills_generate(org=world.branch, month=D(2026, 10, 1)) == 0
        bill.refresh_from_db()
        assert bill.amount == Decimal("98.15")

    def test_farmer_bill_uses_the_branch_amount(self, world):
        world.branch.farmer_dues_amount = Decimal("1.00")
        world.branch.save()
        member = self._member(world, "farmer", "0")
        services.dues_bills_generate(org=world.branch, month=D(2026, 10, 1))
        assert DuesBill.objects.get(member=member).amount == Decimal("1.00")

    def test_the_database_refuses_a_second_bill_for_the_same_month(self, world):
        member = self._member(world)
        services.dues_bills_generate(org=world.branch, month=D(2026, 10, 1))
        with pytest.raises(IntegrityError):
            DuesBill.objects.create(
                member=member, org=world.branch, month=D(2026, 10, 1), category="employed", base=1, rate=0, amount=0
            )

    def test_payment_and_back_payment(self, users, world):
        member = self._member(world, base="4000")
        services.dues_bills_generate(org=world.branch, month=D(2026, 9, 1))
        bill = DuesBill.objects.get(member=member)
        payment = services.dues_payment_record(
            actor=users["secretary"], bill=bill, paid_on=D(2026, 11, 5), amount=Decimal("40"), method="wechat"
        )
        assert payment.is_back_payment is True  # paid in November for September: 补缴
        bill.refresh_from_db()
        assert bill.is_paid
        member.refresh_from_db()
        assert member.last_contact_on == D(2026, 11, 5)
        with pytest.raises(Conflict):
            services.dues_payment_record(
                actor=users["secretary"], bill=bill, paid_on=D(2026, 11, 5), amount=Decimal("1"), method="cash"
            )

    @pytest.mark.parametrize(
        ("amount", "method", "paid_on", "field"),
        [("0", "cash", D(2026, 9, 5), "amount"), ("40.01", "cash", D(2026, 9, 5), "amount"),
         ("10", "gold", D(2026, 9, 5), "method"), ("10", "cash", D(2026, 8, 31), "paid_on")],
    )  # fmt: skip
    def test_bad_payments_change_nothing(self, users, world, amount, method, paid_on, field):
        member = self._member(world, base="4000")
        services.dues_bills_generate(org=world.branch, month=D(2026, 9, 1))
        bill = DuesBill.objects.get(member=member)
        with pytest.raises(ValidationError) as info:
            services.dues_payment_record(
                actor=users["secretary"], bill=bill, paid_on=paid_on, amount=Decimal(amount), method=method
            )
        assert field in info.value.error_dict
        assert not DuesPayment.objects.exists()
        bill.refresh_from_db()
        assert bill.paid_amount == 0


def test_probationary_member_converts_only_after_a_year(users, world):
    member = world.member(world.branch, status="probationary")
    member.joined_on, member.probation_ends_on = D(2026, 1, 10), D(2027, 1, 10)
    member.save()
    with pytest.raises(ValidationError):
        services.member_convert_to_full(actor=users["secretary"], member=member, on=D(2027, 1, 9))
    services.member_convert_to_full(actor=users["secretary"], member=member, on=D(2027, 1, 10))
    assert Member.objects.get(pk=member.pk).status == "full"


def test_only_the_sending_branch_cancels_a_letter(users, world):
    member = world.member(world.community_branch)
    transfer = services.transfer_issue(
        actor=users["admin"], member=member, to_org_id=world.branch.pk, letter_number="1", issued_on=D(2026, 11, 1)
    )
    with pytest.raises(Conflict) as info:
        services.transfer_cancel(actor=users["secretary"], transfer=transfer)
    assert info.value.error_dict["from_org"][0].code == "not_sending_org"
