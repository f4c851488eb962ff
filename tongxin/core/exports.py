"""Exports of lists to .xlsx: masked ID numbers unless the role needs them, every export recorded."""

from django.utils import timezone

from tongxin.core.excel import build_workbook, xlsx_response
from tongxin.core.models import ExportRecord
from tongxin.core.phone import mask_mobile
from tongxin.people.selectors import may_see_full_id

EXPORT_MAX_ROWS = 100_000


def export_people(user, queryset, *, query: str = ""):
    full = may_see_full_id(user)
    rows = []
    for p in queryset.select_related("unit")[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
        rows.append(
            [
                p.name,
                p.get_gender_display(),
                p.birth_date.isoformat(),
                p.id_number if full else p.masked_id_number,
                p.phone if full else mask_mobile(p.phone),
                p.address,
                p.unit.name if p.unit_id else "",
            ]
        )
    ExportRecord.objects.create(
        actor=user, what="人员名单", query=query[:300], row_count=len(rows), full_id_numbers=full
    )
    content = build_workbook(
        "人员名单",
        ["姓名", "性别", "出生日期", "身份证号", "手机号码", "住址", "登记单位"],
        rows,
        widths=[12, 6, 12, 22, 14, 36, 20],
    )
    return xlsx_response(f"人员名单-{timezone.localdate():%Y%m%d}.xlsx", content)


def export_members(user, members, *, title: str):
    full = may_see_full_id(user)
    rows = [
        [
            m.person.name,
            m.person.get_gender_display(),
            m.person.birth_date.isoformat(),
            m.person.id_number if full else m.person.masked_id_number,
            m.org.name,
            m.get_status_display(),
            m.joined_on.isoformat(),
        ]
        for m in members
    ]
    ExportRecord.objects.create(actor=user, what=f"党员名单：{title}"[:100], row_count=len(rows), full_id_numbers=full)
    content = build_workbook(
        "党员名单",
        ["姓名", "性别", "出生日期", "身份证号", "所在党组织", "党员类别", "入党日期"],
        rows,
        widths=[12, 6, 12, 22, 28, 10, 12],
    )
    return xlsx_response(f"党员名单-{title}-{timezone.localdate():%Y%m%d}.xlsx", content)


def export_tree(user, nodes, *, title: str, counts: dict, count_label: str, with_unit: bool):
    headers = ["名称", "类型", "层级", "上级"] + (["所在单位"] if with_unit else ["行政区划代码"]) + [count_label]
    names = {n.pk: n.name for n in nodes}
    rows = []
    for n in nodes:
        extra = (n.unit.name if n.unit_id else "") if with_unit else n.region_code
        rows.append(
            [n.name, n.get_kind_display(), n.tree_depth + 1, names.get(n.parent_id, ""), extra, counts.get(n.pk, 0)]
        )
    ExportRecord.objects.create(actor=user, what=title, row_count=len(rows), full_id_numbers=False)
    content = build_workbook(title, headers, rows, widths=[32, 12, 6, 28, 24, 10])
    return xlsx_response(f"{title}-{timezone.localdate():%Y%m%d}.xlsx", content)
