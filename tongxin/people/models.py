"""Person: one identity record for anyone — member, staff, resident, beneficiary, volunteer."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tongxin.core.idcard import mask_id_number
from tongxin.core.models import TimeStampedModel


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People in the caller's scope (see accounts/scope.py); always the caller's own record."""
        from tongxin.accounts.scope import scope_for
        from tongxin.members.models import Member

        scope = scope_for(user)
        if scope.is_global:
            return self
        condition = Q(pk=scope.person_id) if scope.person_id else Q(pk__in=[])
        if scope.people_unit_ids:
            condition |= Q(unit_id__in=scope.people_unit_ids)
            # 双报到: employed members registered with a residential community are seen there too.
            condition |= Q(
                pk__in=Member.objects.filter(residence_community_id__in=scope.people_unit_ids).values("person_id")
            )
        if scope.people_org_ids:
            condition |= Q(pk__in=Member.objects.filter(org_id__in=scope.people_org_ids).values("person_id"))
        return self.filter(condition)

    def search(self, q: str):
        from tongxin.people.selectors import search_condition

        condition = search_condition(q)
        return self if condition is None else self.filter(condition)


class Person(TimeStampedModel):
    name = models.CharField(_("姓名"), max_length=50)
    id_number = models.CharField(
        "身份证号",
        max_length=18,
        unique=True,
        error_messages={"unique": "该身份证号已登记。"},
    )
    gender = models.CharField(_("性别"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    phone = models.CharField(_("手机号码"), max_length=11, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("登记单位"),
        null=True,
        blank=True,
        related_name="people",
        on_delete=models.PROTECT,
        help_text=_("负责登记和服务此人的单位（社区、乡镇或局属单位）"),
    )
    # Search keys, maintained by the person services.
    name_pinyin = models.CharField(max_length=200, db_index=False, editable=False)
    name_initials = models.CharField(max_length=50, editable=False)
    id_reversed = models.CharField(max_length=18, editable=False)
    name_tail = models.CharField(
        max_length=50, editable=False, default="", help_text=_("姓名去掉第一个字，用于按名字查找")
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("人员")
        ordering = ["name_pinyin", "id"]
        indexes = [
            models.Index(fields=["name_pinyin", "id"], name="person_pinyin_order_idx"),
            models.Index(fields=["name_pinyin"], name="person_pinyin_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name_initials"], name="person_initials_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["id_reversed"], name="person_id_rev_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name"], name="person_name_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name_tail"], name="person_name_tail_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["unit", "name_pinyin"], name="person_unit_pinyin_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)
