"""Reads of the organisation trees, scoped; subtree listings and counts are single queries."""

from django.http import Http404

from tongxin.core.ids import valid_pk
from tongxin.core.tree import subtree_counts, subtree_ids_sql
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg, Unit
from tongxin.people.models import Person


def _get(model, user, pk):
    pk = valid_pk(pk)
    if pk is None:
        raise Http404
    node = model.objects.visible_to(user).filter(pk=pk).first()
    if node is None:
        raise Http404
    return node


def party_org_get_for_user(user, pk) -> PartyOrg:
    return _get(PartyOrg, user, pk)


def unit_get_for_user(user, pk) -> Unit:
    return _get(Unit, user, pk)


def party_org_list(*, user, kind: str | None = None):
    qs = PartyOrg.objects.visible_to(user).with_tree_fields().select_related("unit")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def unit_list(*, user, kind: str | None = None):
    qs = Unit.objects.visible_to(user).with_tree_fields()
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def party_org_subtree(*, user, org: PartyOrg):
    """The organisation and everything under it that the caller may see, in tree order."""
    return (
        PartyOrg.objects.visible_to(user)
        .with_tree_fields()
        .filter(pk__in=subtree_ids_sql(PartyOrg, [org.pk]))
        .select_related("unit")
    )


def unit_subtree(*, user, unit: Unit):
    return Unit.objects.visible_to(user).with_tree_fields().filter(pk__in=subtree_ids_sql(Unit, [unit.pk]))


def member_counts_by_org(within=None) -> dict[int, int]:
    """Members in each organisation's subtree (only under `within` roots, if given): one query."""
    # A member in a Party group counts for the group and, through the tree, for its branch.
    return subtree_counts(
        PartyOrg, counted_table=Member._meta.db_table, fk_sql="COALESCE(x.group_id, x.org_id)", within=within
    )


def person_counts_by_unit(within=None) -> dict[int, int]:
    """People registered in each unit's subtree (only under `within` roots, if given): one query."""
    return subtree_counts(Unit, counted_table=Person._meta.db_table, fk_sql="x.unit_id", within=within)


def members_in_subtree(org: PartyOrg):
    return Member.objects.in_subtree_of(subtree_ids_sql(PartyOrg, [org.pk]))


def people_in_unit_subtree(unit: Unit):
    return Person.objects.filter(unit_id__in=subtree_ids_sql(Unit, [unit.pk]))
