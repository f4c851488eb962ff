"""Reads of Person, always scoped to the caller."""

import re

from django.db.models import Q
from django.http import Http404

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.audit import audit_access
from tongxin.core.idcard import mask_id_number
from tongxin.core.ids import valid_pk
from tongxin.people.models import Person

_DIGITS = re.compile(r"^\d{1,17}[\dXx]?$")
_LETTERS = re.compile(r"^[a-zA-Z][a-zA-Z\s']*$")
SEARCH_MAX = 50


def search_condition(q: str) -> Q | None:
    """Chinese name from its start or from the given name ("张三丰", "张三", "三丰"), pinyin or
    initials ("zhangsan", "zsf"), or the last digits of the ID number ("123X"); a full
    18-character number matches exactly. Every branch is an indexed prefix search."""
    q = (q or "").strip()[:SEARCH_MAX]
    if not q:
        return None
    if _DIGITS.match(q):
        q = q.upper()
        if len(q) == 18:
            return Q(id_number=q)
        return Q(id_reversed__prefix=q[::-1])
    if _LETTERS.match(q):
        key = re.sub(r"[\s']", "", q).lower()
        return Q(name_initials__prefix=key) | Q(name_pinyin__prefix=key)
    return Q(name__prefix=q) | Q(name_tail__prefix=q)


def person_list(*, user, q: str = ""):
    return Person.objects.visible_to(user).search(q).select_related("unit").order_by("name_pinyin", "id")


def person_get_for_user(user, pk) -> Person:
    pk = valid_pk(pk)
    if pk is None:
        raise Http404
    person = Person.objects.visible_to(user).select_related("unit").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def may_see_full_id(user) -> bool:
    return scope_for(user).can(Cap.VIEW_FULL_ID)


def id_number_for(user, people, *, audit: bool = True) -> dict[int, str]:
    """The ID number each person shows to `user`: full (and audited) when the role needs it."""
    people = list(people)
    if may_see_full_id(user):
        if audit:
            audit_access(actor=user, instances=people, what="查看完整身份证号")
        return {p.pk: p.id_number for p in people}
    return {p.pk: mask_id_number(p.id_number) for p in people}


def person_by_id_number(user, value, field: str = "id_number") -> Person:
    """The person with this ID number within the caller's scope, or a field error (forms that pick a
    person by typing the number)."""
    from django.core.exceptions import ValidationError

    from tongxin.core.idcard import normalize_id_number

    number = normalize_id_number(str(value or ""))
    person = Person.objects.visible_to(user).filter(id_number=number).first() if number else None
    if person is None:
        raise ValidationError(
            {field: ValidationError("未找到此身份证号的人员，请先在“人员”中登记。", code="not_found")}
        )
    return person
