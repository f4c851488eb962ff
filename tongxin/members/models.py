"""Party membership: a Person in one Party organisation (the foundation's part; issue-level
detail — development, dues, transfers — builds on this)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.models import TimeStampedModel
from tongxin.members.choices import MemberStatus


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        from tongxin.accounts.scope import scope_for

        scope = scope_for(user)
        if scope.is_global:
            return self
        return self.filter(org_id__in=scope.people_org_ids)

    def in_subtree_of(self, org_ids_sql):
        """Members whose branch or Party group lies in the given subtree (a subquery of ids)."""
        return self.filter(models.Q(org_id__in=org_ids_sql) | models.Q(group_id__in=org_ids_sql))


class Member(TimeStampedModel):
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        related_name="membership",
        on_delete=models.PROTECT,
        error_messages={"unique": "此人已是党员。"},
    )
    org = models.ForeignKey(
        "orgs.PartyOrg", verbose_name=_("所在党组织"), related_name="members", on_delete=models.PROTECT
    )
    group = models.ForeignKey(
        "orgs.PartyOrg",
        verbose_name=_("所在党小组"),
        null=True,
        blank=True,
        related_name="group_members",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(_("党员类别"), max_length=20, choices=MemberStatus.choices)
    joined_on = models.DateField(_("入党日期"))

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("党员")
        indexes = [models.Index(fields=["org", "status"])]

    def __str__(self):
        return f"{self.person} ({self.org})"
