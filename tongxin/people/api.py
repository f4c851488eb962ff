from ninja import Query, Router, Schema, Status
from pydantic import Field

from tongxin.core.api_base import ObjectId, StrictSchema, responses
from tongxin.core.phone import mask_mobile
from tongxin.people import selectors, services
from tongxin.people.models import Person

router = Router(tags=["人员"])


class PersonIn(StrictSchema):
    name: str = Field(max_length=50, description="姓名")
    id_number: str = Field(max_length=30, description="18位居民身份证号，末位 x 按 X 保存")
    phone: str | None = Field(default=None, max_length=20, description="大陆手机号")
    address: str | None = Field(default=None, max_length=200, description="住址")
    unit_id: ObjectId | None = Field(default=None, description="登记单位；不填时为调用者权限范围的单位")


class PersonOut(Schema):
    id: int
    name: str
    gender: str = Field(description='"male" 或 "female"，由身份证号推出')
    birth_date: str = Field(description="YYYY-MM-DD，由身份证号推出")
    id_number: str = Field(description="无权查看完整号码时为脱敏号码，如 3701**********123X")
    phone: str
    address: str
    unit_id: int | None
    unit_name: str | None


class PersonList(Schema):
    items: list[PersonOut]
    count: int


class PersonFilter(Schema):
    q: str = Field(default="", max_length=50, description="姓名、拼音全拼或首字母（zsf）、身份证号末几位")
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=10_000_000)


def person_out(person: Person, id_number: str, full: bool) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
        "id_number": id_number,
        "phone": person.phone if full else mask_mobile(person.phone),
        "address": person.address,
        "unit_id": person.unit_id,
        "unit_name": person.unit.name if person.unit_id else None,
    }


def _render(user, people):
    ids = selectors.id_number_for(user, people)
    full = selectors.may_see_full_id(user)
    return [person_out(p, ids[p.pk], full) for p in people]


@router.post("", response=responses({201: PersonOut}, 403, 409), summary="登记人员")
def person_create(request, payload: PersonIn):
    person = services.person_create(actor=request.user, **payload.dict())
    person = Person.objects.select_related("unit").get(pk=person.pk)
    return Status(201, _render(request.user, [person])[0])


@router.get("", response=responses({200: PersonList}), summary="查找人员（姓名、拼音、首字母、身份证号末几位）")
def person_list(request, filters: Query[PersonFilter]):
    qs = selectors.person_list(user=request.user, q=filters.q)
    count = qs.count()
    people = list(qs[filters.offset : filters.offset + filters.limit])
    return {"items": _render(request.user, people), "count": count}


@router.get("/{int:person_id}", response=responses({200: PersonOut}, 404), summary="人员详情")
def person_detail(request, person_id: int):
    person = selectors.person_get_for_user(request.user, person_id)
    return _render(request.user, [person])[0]
