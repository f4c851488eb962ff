import datetime
from decimal import Decimal

import pytest

from tongxin.assistance import services
from tongxin.assistance.models import Standard


@pytest.fixture
def case(world, users):
    """A household of three in 乐安社区 (孙武街道) and one in 何坊社区 (another township)."""

    class Case:
        pass

    c = Case()
    staff = users["staff"]
    c.head = world.person(world.community, name="王建国", birth=(1970, 1975))
    c.spouse = world.person(world.community, name="李秀英", birth=(1972, 1976))
    c.child = world.person(world.community, name="王小明", birth=(2012, 2014))
    c.household = services.household_create(
        actor=staff, head=c.head, region_code="371621", address="乐安大街1号", bank_name="农商银行",
        bank_account="6230000000000001",
    )  # fmt: skip
    services.household_add_member(actor=staff, household=c.household, person=c.spouse, relation="spouse")
    services.household_add_member(actor=staff, household=c.household, person=c.child, relation="child")
    services.declaration_record(
        actor=staff, household=c.household, period=datetime.date(2026, 1, 1), monthly_income="1200", assets="5000"
    )
    c.other_head = world.person(world.other_community, name="赵大海")
    c.other = services.household_create(actor=staff, head=c.other_head, region_code="371621", address="何坊路2号")
    for programme, amount in (("dibao", "850"), ("tekun", "1105"), ("child_allowance", "1500")):
        Standard.objects.create(
            region_code="371621", programme=programme, monthly_amount=Decimal(amount),
            effective_from=datetime.date(2025, 1, 1),
        )  # fmt: skip
    return c


def walk(application, actor, actions, *, on=None):
    for action in actions:
        application = services.application_transition(
            actor=actor, application=application, action=action, note=f"{action} 意见", on=on
        )
    return application
