import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.core.tree import subtree_ids
from tongxin.orgs import selectors, services
from tongxin.orgs.models import PartyOrg


def codes(info):
    return {field: [e.code for e in errs] for field, errs in info.value.error_dict.items()}


@pytest.mark.django_db
class TestTreeQueries:
    def test_subtree_of_several_roots_is_one_query_at_any_depth(self, world):
        # A 40-level chain of Party organisations (kinds do not matter to the query).
        parent = world.general
        chain = []
        for i in range(40):
            parent = PartyOrg.objects.create(name=f"层{i}", kind="branch", parent=parent)
            chain.append(parent)
        with CaptureQueriesContext(connection) as ctx:
            ids = subtree_ids(PartyOrg, [world.general.pk, world.street_org.pk])
        assert len(ctx.captured_queries) == 1
        assert {c.pk for c in chain} <= ids
        assert {world.branch.pk, world.group.pk, world.community_branch.pk} <= ids

    def test_member_counts_per_subtree_are_one_query(self, world):
        world.member(world.branch)
        world.member(world.branch, group=world.group)
        world.member(world.other_branch)
        world.member(world.community_branch)
        with CaptureQueriesContext(connection) as ctx:
            counts = selectors.member_counts_by_org()
        assert len(ctx.captured_queries) == 1
        assert counts[world.general.pk] == 3
        assert counts[world.branch.pk] == 2
        assert counts[world.group.pk] == 1
        assert counts[world.street_org.pk] == 1

    def test_people_counts_per_unit_subtree(self, world):
        world.person(world.community)
        world.person(world.community)
        world.person(world.other_community)
        counts = selectors.person_counts_by_unit()
        assert counts[world.county.pk] == 3
        assert counts[world.street.pk] == 2
        assert counts[world.city.pk] == 3
        assert selectors.people_in_unit_subtree(world.street).count() == 2


@pytest.mark.django_db
class TestCreateAndMove:
    def test_officer_creates_a_branch_under_their_general_branch(self, users, world):
        org = services.party_org_create(
            actor=users["officer"], name=" 新建 党支部 ", kind="branch", parent_id=world.general.pk
        )
        assert org.name == "新建 党支部"
        assert org.unit == world.general.unit  # inherited from the parent

    def test_parent_outside_scope_is_refused(self, users, world):
        with pytest.raises(ValidationError) as info:
            services.party_org_create(actor=users["officer"], name="x", kind="branch", parent_id=world.street_org.pk)
        assert codes(info) == {"parent_id": ["not_found"]}

    def test_only_administrators_create_roots(self, users):
        with pytest.raises(ValidationError) as info:
            services.party_org_create(actor=users["officer"], name="x", kind="committee", parent_id=None)
        assert codes(info) == {"parent_id": ["required"]}
        org = services.party_org_create(actor=users["admin"], name="新党委", kind="committee", parent_id=None)
        assert org.parent_id is None

    def test_kind_rules(self, users, world):
        with pytest.raises(ValidationError) as info:
            services.party_org_create(actor=users["admin"], name="x", kind="group", parent_id=world.general.pk)
        assert codes(info) == {"parent_id": ["parent_kind"]}
        with pytest.raises(ValidationError) as info:
            services.unit_create(actor=users["admin"], name="x", kind="community", parent_id=world.city.pk)
        assert codes(info) == {"parent_id": ["parent_kind"]}

    def test_roles_without_the_capability_cannot_create(self, users, world):
        with pytest.raises(PermissionDenied):
            services.party_org_create(actor=users["secretary"], name="x", kind="group", parent_id=world.branch.pk)
        with pytest.raises(PermissionDenied):
            services.unit_create(actor=users["officer"], name="x", kind="section", parent_id=world.city.pk)

    def test_moving_a_subtree_is_one_update_and_children_follow(self, users, world):
        services.party_org_move(actor=users["admin"], org=world.branch, new_parent_id=world.street_org.pk)
        world.branch.refresh_from_db()
        assert world.branch.parent_id == world.street_org.pk
        assert world.group.pk in subtree_ids(PartyOrg, [world.street_org.pk])
        assert world.group.pk not in subtree_ids(PartyOrg, [world.general.pk])

    def test_moving_under_own_descendant_is_refused(self, users, world):
        with pytest.raises(ValidationError) as info:
            services.party_org_move(actor=users["admin"], org=world.general, new_parent_id=world.branch.pk)
        assert codes(info) == {"parent_id": ["cycle"]}
        with pytest.raises(ValidationError) as info:
            services.unit_move(actor=users["admin"], unit=world.county, new_parent_id=world.community.pk)
        assert "cycle" in codes(info)["parent_id"] or "parent_kind" in codes(info)["parent_id"]
        with pytest.raises(ValidationError) as info:
            services.unit_move(actor=users["admin"], unit=world.county, new_parent_id=world.county.pk)
        assert codes(info) == {"parent_id": ["cycle"]}
        world.general.refresh_from_db()
        assert world.general.parent_id is None

    def test_moves_are_audited(self, users, world):
        from auditlog.models import LogEntry

        services.unit_move(actor=users["admin"], unit=world.street, new_parent_id=world.city.pk)
        entry = LogEntry.objects.get_for_object(world.street).filter(action=LogEntry.Action.UPDATE).first()
        assert entry.changes["parent"] == [str(world.county.pk), str(world.city.pk)]
