"""What a user may see: the union of the subtrees of their role assignments.

- A role held over a Party organisation covers that organisation's subtree (orgs and their members)
  and the units those organisations belong to (not the units' subtrees).
- A role held over an administrative unit covers the unit's subtree (units, the people registered in
  them) and the Party organisations attached to those units, with their subtrees.
- Superusers and system administrators see everything.

People are visible to a role that has the `view_people` capability through the subtrees of those
roles only; everyone always sees their own person record. Computed once per request (two or three
queries) and cached on the user object.
"""

from dataclasses import dataclass

from tongxin.accounts.roles import ROLE_CAPS, Cap, Role


@dataclass(frozen=True)
class Scope:
    is_global: bool
    roles: frozenset[str] = frozenset()
    caps: frozenset[str] = frozenset()
    org_ids: frozenset[int] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    people_org_ids: frozenset[int] = frozenset()
    people_unit_ids: frozenset[int] = frozenset()
    person_id: int | None = None

    def can(self, cap: str) -> bool:
        return self.is_global or cap in self.caps

    def covers_org(self, org_id) -> bool:
        return self.is_global or org_id in self.org_ids

    def covers_unit(self, unit_id) -> bool:
        return self.is_global or unit_id in self.unit_ids

    def covers_people_unit(self, unit_id) -> bool:
        """The unit is within the subtrees of the roles that may see people (casework is scoped so)."""
        return self.is_global or unit_id in self.people_unit_ids


EMPTY = Scope(is_global=False)


def _expand(assignments):
    from tongxin.core.tree import subtree_ids
    from tongxin.orgs.models import PartyOrg, Unit

    unit_roots = {a.unit_id for a in assignments if a.unit_id}
    org_roots = {a.party_org_id for a in assignments if a.party_org_id}
    unit_ids = subtree_ids(Unit, unit_roots) if unit_roots else set()
    if unit_ids:
        org_roots |= set(PartyOrg.objects.filter(unit_id__in=unit_ids).values_list("id", flat=True))
    org_ids = subtree_ids(PartyOrg, org_roots) if org_roots else set()
    if org_ids:
        # The units hosting those organisations (not their subtrees): a branch sees its own unit.
        unit_ids |= set(PartyOrg.objects.filter(pk__in=org_ids, unit__isnull=False).values_list("unit_id", flat=True))
    return frozenset(org_ids), frozenset(unit_ids)


def compute_scope(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    assignments = list(user.role_assignments.all())
    roles = frozenset(a.role for a in assignments)
    if user.is_superuser or Role.SYSTEM_ADMIN in roles:
        return Scope(
            is_global=True, roles=roles | {Role.SYSTEM_ADMIN}, caps=frozenset(Cap.values), person_id=user.person_id
        )
    caps = frozenset(c for a in assignments for c in ROLE_CAPS.get(a.role, ()))
    org_ids, unit_ids = _expand(assignments)
    people_assignments = [a for a in assignments if Cap.VIEW_PEOPLE in ROLE_CAPS.get(a.role, ())]
    if len(people_assignments) == len(assignments):
        people_org_ids, people_unit_ids = org_ids, unit_ids
    else:
        people_org_ids, people_unit_ids = _expand(people_assignments)
    return Scope(
        is_global=False,
        roles=roles,
        caps=caps,
        org_ids=org_ids,
        unit_ids=unit_ids,
        people_org_ids=people_org_ids,
        people_unit_ids=people_unit_ids,
        person_id=user.person_id,
    )


def scope_for(user) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False):
        return EMPTY
    cached = getattr(user, "_tongxin_scope", None)
    if cached is None:
        cached = compute_scope(user)
        user._tongxin_scope = cached
    return cached


def forget_scope(user) -> None:
    if hasattr(user, "_tongxin_scope"):
        del user._tongxin_scope
