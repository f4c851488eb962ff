from tongxin.core.ids import valid_pk
from tongxin.core.tree import subtree_ids_sql
from tongxin.members.models import Member
from tongxin.orgs.models import PartyOrg


def member_list(*, user, org: PartyOrg | None = None):
    qs = Member.objects.visible_to(user).select_related("person", "org", "group")
    if org is not None:
        qs = qs.in_subtree_of(subtree_ids_sql(PartyOrg, [org.pk]))
    return qs.order_by("org__position", "org_id", "person__name_pinyin", "id")


def member_get_for_user(user, pk) -> Member | None:
    pk = valid_pk(pk)
    if pk is None:
        return None
    return Member.objects.visible_to(user).select_related("person", "org", "group").filter(pk=pk).first()
