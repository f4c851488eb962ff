"""Two trees: Party organisations (党组织) and administrative units (行政单位). A branch belongs to a unit."""

from decimal import Decimal

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from tongxin.core.models import TimeStampedModel
from tongxin.orgs.choices import PartyOrgKind, UnitKind

region_code_validator = RegexValidator(r"^\d{6}$", "行政区划代码应为6位数字。", code="region_code")


class OrgTreeQuerySet(TreeQuerySet):
    def visible_to(self, user):
        from tongxin.accounts.scope import scope_for

        scope = scope_for(user)
        if scope.is_global:
            return self
        ids = scope.org_ids if self.model is PartyOrg else scope.unit_ids
        return self.filter(pk__in=ids)


class Unit(TreeNode, TimeStampedModel):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True, validators=[region_code_validator])
    position = models.PositiveIntegerField(_("排序"), default=0)

    objects = OrgTreeQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = _("行政单位")
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.name


class PartyOrg(TreeNode, TimeStampedModel):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=PartyOrgKind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        related_name="party_orgs",
        on_delete=models.PROTECT,
    )
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    term_started_on = models.DateField(_("本届任期开始"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("任期（年）"), null=True, blank=True, help_text=_("不填时：村、社区党组织5年，其他3年")
    )
    farmer_dues_amount = models.DecimalField(
        _("农民党员每月党费"), max_digits=4, decimal_places=2, default=Decimal("0.20"),
        help_text=_("0.20至1.00元"),
    )  # fmt: skip

    objects = OrgTreeQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = _("党组织")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(farmer_dues_amount__gte=Decimal("0.20"), farmer_dues_amount__lte=Decimal("1.00")),
                name="party_org_farmer_dues_range",
                violation_error_message=_("农民党员每月党费应在0.20至1.00元之间。"),
            )
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.name


def default_term_years(org: PartyOrg) -> int:
    """村/社区 branches serve 5 years, others 3 (《中国共产党支部工作条例（试行）》)."""
    if org.term_years:
        return org.term_years
    from tongxin.orgs.choices import UnitKind

    return 5 if org.unit is not None and org.unit.kind in (UnitKind.COMMUNITY, UnitKind.VILLAGE) else 3
