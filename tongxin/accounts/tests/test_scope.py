import pytest

from tongxin.accounts.scope import scope_for
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person

pytestmark = pytest.mark.django_db


def test_superuser_sees_everything(users, world):
    scope = scope_for(users["admin"])
    assert scope.is_global
    assert PartyOrg.objects.visible_to(users["admin"]).count() == PartyOrg.objects.count()


def test_party_scope_covers_the_subtree_and_host_units(users, world):
    scope = scope_for(users["officer"])
    assert scope.org_ids == {world.general.pk, world.branch.pk, world.group.pk, world.other_branch.pk}
    assert scope.unit_ids == {world.city.pk, world.centre.pk, world.section.pk}


def test_unit_scope_covers_units_and_attached_party_orgs(users, world):
    scope = scope_for(users["reviewer"])
    assert scope.unit_ids == {world.street.pk, world.community.pk}
    assert scope.org_ids == {world.street_org.pk, world.community_branch.pk}
    assert not scope.covers_unit(world.other_street.pk)


def test_people_visibility_by_unit_and_by_membership(users, world):
    inside = world.person(world.community)
    outside = world.person(world.other_community)
    branch_member = world.member(world.branch, unit=world.other_community)
    worker_sees = set(Person.objects.visible_to(users["worker"]).values_list("pk", flat=True))
    assert inside.pk in worker_sees and outside.pk not in worker_sees
    secretary_sees = set(Person.objects.visible_to(users["secretary"]).values_list("pk", flat=True))
    # A member of the branch is visible to its secretary wherever the member lives.
    assert branch_member.person_id in secretary_sees
    assert inside.pk not in secretary_sees


def test_a_party_member_sees_only_themselves(users, world):
    world.member(world.branch)
    visible = list(Person.objects.visible_to(users["member"]))
    assert visible == [users["member"].person]
    assert Member.objects.visible_to(users["member"]).count() == 0


def test_units_visible_to_an_unscoped_user_are_none(world):
    from tongxin.accounts.services import user_create

    nobody = user_create(username="nobody", password="Secret2026x")
    assert Unit.objects.visible_to(nobody).count() == 0
    assert Person.objects.visible_to(nobody).count() == 0
