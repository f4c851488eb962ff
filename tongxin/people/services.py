"""Writes to Person. Every page, API call and import goes through these."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tongxin.accounts.roles import Cap
from tongxin.accounts.scope import scope_for
from tongxin.core.errors import Conflict
from tongxin.core.idcard import birth_date_of, gender_of, validate_id_number
from tongxin.core.permissions import require_cap
from tongxin.core.phone import validate_mobile
from tongxin.core.pinyin import name_keys
from tongxin.orgs.models import Unit
from tongxin.people.models import Person

NAME_MAX = 50
ADDRESS_MAX = 200
DUPLICATE_ID_MESSAGE = "该身份证号已登记，同一人不能重复登记。"


def clean_name(value) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValidationError("请填写姓名。", code="required")
    if len(name) > NAME_MAX:
        raise ValidationError(f"姓名不能超过{NAME_MAX}个字符。", code="max_length")
    if any(ch.isdigit() for ch in name):
        raise ValidationError("姓名不能包含数字。", code="name_invalid")
    return name


def clean_person_fields(*, name, id_number, phone="", address="") -> dict:
    """Validate every field; raise one ValidationError naming each bad field."""
    errors, cleaned = {}, {}
    try:
        cleaned["name"] = clean_name(name)
    except ValidationError as e:
        errors["name"] = e
    try:
        cleaned["id_number"] = validate_id_number(str(id_number or ""))
    except ValidationError as e:
        errors["id_number"] = e
    phone = str(phone or "").strip()
    if phone:
        try:
            cleaned["phone"] = validate_mobile(phone)
        except ValidationError as e:
            errors["phone"] = e
    else:
        cleaned["phone"] = ""
    address = " ".join(str(address or "").split())
    if len(address) > ADDRESS_MAX:
        errors["address"] = ValidationError(f"住址不能超过{ADDRESS_MAX}个字符。", code="max_length")
    cleaned["address"] = address
    if errors:
        raise ValidationError(errors)
    return cleaned


def default_unit_for(user) -> Unit | None:
    """Where a person registered by `user` is filed when no unit is given: the root of the user's
    first unit-scoped role, else the unit of their first Party organisation."""
    for assignment in user.role_assignments.select_related("unit", "party_org__unit").order_by("id"):
        if assignment.unit_id:
            return assignment.unit
        if assignment.party_org_id and assignment.party_org.unit_id:
            return assignment.party_org.unit
    return None


def _resolve_unit(actor, unit_id):
    scope = scope_for(actor)
    if unit_id is None:
        return default_unit_for(actor)
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not scope.covers_unit(unit.pk):
        raise ValidationError({"unit_id": ValidationError("登记单位不存在或不在您的权限范围内。", code="not_found")})
    return unit


def _apply_keys(person: Person) -> None:
    person.gender = gender_of(person.id_number)
    person.birth_date = birth_date_of(person.id_number)
    person.name_pinyin, person.name_initials = name_keys(person.name)
    person.id_reversed = person.id_number[::-1]
    person.name_tail = person.name[1:]


@transaction.atomic
def person_create(*, actor, name, id_number, phone="", address="", unit_id=None) -> Person:
    require_cap(actor, Cap.MANAGE_PEOPLE)
    cleaned = clean_person_fields(name=name, id_number=id_number, phone=phone, address=address)
    unit = _resolve_unit(actor, unit_id)
    if Person.objects.filter(id_number=cleaned["id_number"]).exists():
        raise Conflict({"id_number": ValidationError(DUPLICATE_ID_MESSAGE, code="duplicate")})
    person = Person(unit=unit, **cleaned)
    _apply_keys(person)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:  # a concurrent registration of the same number won the race
        raise Conflict({"id_number": ValidationError(DUPLICATE_ID_MESSAGE, code="duplicate")}) from None
    return person


@transaction.atomic
def person_update(*, actor, person: Person, name, id_number, phone="", address="", unit_id=None) -> Person:
    require_cap(actor, Cap.MANAGE_PEOPLE)
    person = Person.objects.select_for_update().get(pk=person.pk)
    cleaned = clean_person_fields(name=name, id_number=id_number, phone=phone, address=address)
    unit = person.unit if unit_id is None else _resolve_unit(actor, unit_id)
    if Person.objects.filter(id_number=cleaned["id_number"]).exclude(pk=person.pk).exists():
        raise Conflict({"id_number": ValidationError(DUPLICATE_ID_MESSAGE, code="duplicate")})
    for field, value in cleaned.items():
        setattr(person, field, value)
    person.unit = unit
    _apply_keys(person)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise Conflict({"id_number": ValidationError(DUPLICATE_ID_MESSAGE, code="duplicate")}) from None
    return person


def person_build(*, name, id_number, phone, address, unit) -> Person:
    """An unsaved Person with its derived fields, for bulk imports and generated data."""
    person = Person(name=name, id_number=id_number, phone=phone, address=address, unit=unit)
    _apply_keys(person)
    return person
