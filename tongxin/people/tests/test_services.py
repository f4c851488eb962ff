import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from tongxin.core.errors import Conflict
from tongxin.core.idcard import make_id_number
from tongxin.people import selectors, services
from tongxin.people.models import Person

pytestmark = pytest.mark.django_db
ZSF = make_id_number("371621", datetime.date(1960, 5, 4), 131)


def test_create_derives_gender_birth_date_and_search_keys(users, world):
    person = services.person_create(actor=users["worker"], name="张三丰", id_number=ZSF.lower(), phone="138 0013 8000")
    assert (person.gender, person.birth_date) == ("male", datetime.date(1960, 5, 4))
    assert (person.name_pinyin, person.name_initials) == ("zhangsanfeng", "zsf")
    assert person.phone == "13800138000"
    assert person.unit == world.community  # the worker's own unit by default


def test_every_bad_field_is_reported_at_once_and_nothing_is_saved(users):
    with pytest.raises(ValidationError) as info:
        services.person_create(actor=users["worker"], name="", id_number="123", phone="02088888888", address="路" * 201)
    errors = {f: [e.code for e in errs] for f, errs in info.value.error_dict.items()}
    assert errors == {
        "name": ["required"],
        "id_number": ["id_length"],
        "phone": ["phone_invalid"],
        "address": ["max_length"],
    }
    assert Person.objects.count() == 1  # only the fixture member


def test_the_same_id_twice_is_a_conflict_with_a_clear_message(users):
    services.person_create(actor=users["worker"], name="张三丰", id_number=ZSF)
    with pytest.raises(Conflict) as info:
        services.person_create(actor=users["staff"], name="张三", id_number=ZSF)
    assert info.value.error_dict["id_number"][0].message == "该身份证号已登记，同一人不能重复登记。"
    assert Person.objects.filter(id_number=ZSF).count() == 1


def test_roles_without_the_capability_cannot_register(users):
    with pytest.raises(PermissionDenied):
        services.person_create(actor=users["member"], name="张三丰", id_number=ZSF)
    with pytest.raises(PermissionDenied):
        services.person_create(actor=users["reviewer"], name="张三丰", id_number=ZSF)


def test_unit_outside_scope_is_refused(users, world):
    with pytest.raises(ValidationError) as info:
        services.person_create(actor=users["worker"], name="张三丰", id_number=ZSF, unit_id=world.other_community.pk)
    assert info.value.error_dict["unit_id"][0].code == "not_found"


def test_update_is_audited_with_before_and_after(users):
    person = services.person_create(actor=users["worker"], name="张三丰", id_number=ZSF)
    from auditlog.context import set_actor

    with set_actor(users["worker"]):
        services.person_update(
            actor=users["worker"], person=person, name="张三峰", id_number=ZSF, address="乐安大街1号"
        )
    entry = LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.changes["name"] == ["张三丰", "张三峰"]
    assert entry.actor == users["worker"]
    person.refresh_from_db()
    assert person.name_initials == "zsf"


class TestSearch:
    @pytest.fixture
    def people(self, users, world):
        make = lambda name, seq: services.person_create(  # noqa: E731
            actor=users["worker"], name=name, id_number=make_id_number("371621", datetime.date(1970, 1, 1), seq)
        )
        return {"zsf": make("张三丰", 123), "ls": make("李四", 456), "zsan": make("张三", 789)}

    def names(self, user, q):
        return sorted(p.name for p in selectors.person_list(user=user, q=q))

    def test_initials(self, users, people):
        assert self.names(users["worker"], "zsf") == ["张三丰"]
        assert self.names(users["worker"], "ZS") == ["张三", "张三丰"]

    def test_full_pinyin_prefix(self, users, people):
        assert self.names(users["worker"], "zhangsan") == ["张三", "张三丰"]
        assert self.names(users["worker"], "zhang san feng") == ["张三丰"]

    def test_chinese_name_substring(self, users, people):
        assert self.names(users["worker"], "三丰") == ["张三丰"]

    def test_last_digits_of_the_id(self, users, people):
        tail = people["ls"].id_number[-4:]
        assert self.names(users["worker"], tail) == ["李四"]
        assert self.names(users["worker"], people["zsf"].id_number) == ["张三丰"]

    def test_search_never_leaves_the_scope(self, users, people):
        assert self.names(users["secretary"], "zsf") == []
        assert self.names(users["admin"], "zsf") == ["张三丰"]

    def test_special_characters_are_harmless(self, users, people):
        assert self.names(users["worker"], "%") == []
        assert self.names(users["worker"], "_") == []
        assert self.names(users["worker"], "' or 1=1 --") == []


def test_get_for_user_is_404_outside_scope(users, world):
    from django.http import Http404

    outsider = world.person(world.other_community)
    with pytest.raises(Http404):
        selectors.person_get_for_user(users["worker"], outsider.pk)
    with pytest.raises(Http404):
        selectors.person_get_for_user(users["worker"], 10**30)
    assert selectors.person_get_for_user(users["staff"], outsider.pk) == outsider


def test_full_id_numbers_only_for_roles_that_need_them_and_audited(users, world):
    person = world.person(world.community)
    masked = selectors.id_number_for(users["worker"], [person])
    assert masked[person.pk] == person.id_number[:4] + "*" * 10 + person.id_number[-4:]
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    full = selectors.id_number_for(users["staff"], [person])
    assert full[person.pk] == person.id_number
    access = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert (access.actor, access.object_id, access.changes_text) == (users["staff"], person.pk, "查看完整身份证号")
