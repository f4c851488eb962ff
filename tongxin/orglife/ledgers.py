"""The eight ledgers (台账) of a branch for a period, as .xlsx and .docx in one official layout.

Each ledger is a title, columns and rows built from the records with a constant number of queries;
the two renderers lay the same table out for Excel and for Word (A4 landscape, 宋体, ruled table).
"""

import datetime
import io
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from tongxin.core.idcard import mask_id_number
from tongxin.core.tree import subtree_ids_sql
from tongxin.members.models import DuesBill, Member
from tongxin.orglife.choices import MeetingKind
from tongxin.orglife.models import Attendance, Evaluation, Meeting, StudyRecord, StudySession
from tongxin.orgs.models import PartyOrg


@dataclass
class Ledger:
    code: str
    title: str
    columns: list[str]
    widths: list[int]
    rows: list[list]


def _members(org):
    return Member.objects.in_subtree_of(subtree_ids_sql(PartyOrg, [org.pk])).select_related("person", "group")


def _meetings(org, start, end, kinds):
    tz = timezone.get_current_timezone()
    lo = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    hi = datetime.datetime.combine(end, datetime.time.max, tzinfo=tz)
    absent = Prefetch(
        "attendance", queryset=Attendance.objects.filter(present=False).select_related("person"), to_attr="absentees"
    )
    return (
        Meeting.objects.filter(
            org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), kind__in=kinds, held_at__gte=lo, held_at__lte=hi
        )
        .select_related("org")
        .prefetch_related(absent)
        .order_by("held_at")
    )


def _absent_text(meeting) -> str:
    return "；".join(f"{a.person.name}（{a.absence_reason}）" for a in meeting.absentees)


def roster(org, start, end, *, full_ids):
    rows = []
    for i, m in enumerate(_members(org).order_by("person__name_pinyin"), start=1):
        p = m.person
        rows.append([
            i, p.name, p.get_gender_display(), p.birth_date.isoformat(),
            p.id_number if full_ids else mask_id_number(p.id_number), m.joined_on.isoformat(),
            m.get_status_display(), m.group.name if m.group else "", m.get_situation_display(), p.phone,
        ])  # fmt: skip
    return Ledger("roster", "党员花名册", ["序号", "姓名", "性别", "出生日期", "身份证号", "入党日期", "类别", "党小组", "状态", "联系电话"],
                  [6, 10, 6, 12, 22, 12, 10, 14, 8, 14], rows)  # fmt: skip


def three_meetings(org, start, end, **_):
    kinds = [MeetingKind.BRANCH_ASSEMBLY, MeetingKind.COMMITTEE, MeetingKind.GROUP, MeetingKind.LECTURE]
    rows = [
        [
            timezone.localtime(m.held_at).strftime("%Y-%m-%d %H:%M"),
            m.get_kind_display(),
            m.org.name,
            m.place,
            m.topic,
            m.expected_count,
            m.present_count,
            _absent_text(m),
            "是" if m.quorum_met else "否",
            m.get_status_display(),
        ]  # fmt: skip
        for m in _meetings(org, start, end, kinds)
    ]
    return Ledger("three_meetings", "“三会一课”记录", ["时间", "类型", "组织", "地点", "内容", "应到", "实到", "缺席及原因", "达到法定人数", "审核"],
                  [16, 12, 16, 12, 28, 6, 6, 28, 8, 10], rows)  # fmt: skip


def theme_days(org, start, end, **_):
    rows = [
        [
            timezone.localtime(m.held_at).strftime("%Y-%m-%d"),
            m.org.name,
            m.place,
            m.topic,
            m.expected_count,
            m.present_count,
            _absent_text(m),
            m.minutes[:200],
        ]
        for m in _meetings(org, start, end, [MeetingKind.THEME_DAY])
    ]
    return Ledger("theme_days", "主题党日活动记录", ["日期", "组织", "地点", "主题", "应到", "实到", "缺席及原因", "活动情况"],
                  [12, 16, 12, 28, 6, 6, 26, 40], rows)  # fmt: skip


def dues(org, start, end, **_):
    bills = (
        DuesBill.objects.filter(
            org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), month__gte=start.replace(day=1), month__lte=end
        )
        .select_related("member__person")
        .prefetch_related("payments")
        .order_by("month", "member__person__name_pinyin")
    )
    rows = []
    for b in bills:
        payments = list(b.payments.all())
        rows.append([
            b.month.strftime("%Y-%m"), b.member.person.name, b.get_category_display(), str(b.base),
            f"{b.rate * 100:.1f}%" if b.rate else "定额", str(b.amount), str(b.paid_amount),
            "、".join(p.paid_on.isoformat() for p in payments), "、".join(p.get_method_display() for p in payments),
            "是" if any(p.is_back_payment for p in payments) else "",
        ])  # fmt: skip
    return Ledger("dues", "党费收缴台账", ["月份", "姓名", "类别", "计算基数", "比例", "应交", "已交", "交纳日期", "方式", "补缴"],
                  [9, 10, 10, 11, 8, 9, 9, 14, 10, 6], rows)  # fmt: skip


def study(org, start, end, **_):
    records = (
        StudyRecord.objects.filter(org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), on__gte=start, on__lte=end)
        .select_related("person")
        .order_by("on", "id")
    )
    rows = [
        [r.on.isoformat(), r.person.name, r.get_kind_display(), r.title, r.minutes or "", r.audience or ""]
        for r in records
    ]
    sessions = StudySession.objects.filter(
        org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), held_on__gte=start, held_on__lte=end
    ).order_by("held_on")
    rows += [[s.held_on.isoformat(), "集体学习", s.speakers or "", s.topic, s.minutes, ""] for s in sessions]
    rows.sort(key=lambda r: r[0])
    return Ledger(
        "study",
        "学习记录",
        ["日期", "党员", "类别", "学习材料或宣讲题目", "时长（分钟）", "受众（人）"],
        [12, 10, 10, 50, 12, 10],
        rows,
    )


def development(org, start, end, **_):
    from tongxin.members.models import DevelopmentCase

    cases = (
        DevelopmentCase.objects.filter(org_id__in=subtree_ids_sql(PartyOrg, [org.pk]))
        .select_related("person")
        .prefetch_related("steps")
        .order_by("applied_on")
    )
    rows = []
    for c in cases:
        steps = {s.step: s.on for s in c.steps.all()}
        rows.append([
            c.person.name, c.person.get_gender_display(), c.applied_on.isoformat(),
            *(steps[k].isoformat() if k in steps else "" for k in ("first_talk", "activist", "candidate", "training", "probationary", "full")),
            c.get_stage_display(),
        ])  # fmt: skip
    return Ledger("development", "发展党员工作台账",
                  ["姓名", "性别", "递交申请书", "谈话", "列为积极分子", "列为发展对象", "集中培训", "接收为预备党员", "转为正式党员", "当前阶段"],
                  [10, 6, 12, 12, 12, 12, 12, 14, 12, 12], rows)  # fmt: skip


def evaluations(org, start, end, **_):
    items = (
        Evaluation.objects.filter(
            org_id__in=subtree_ids_sql(PartyOrg, [org.pk]), year__gte=start.year, year__lte=end.year
        )
        .select_related("member__person")
        .order_by("year", "member__person__name_pinyin")
    )
    rows = [[e.year, e.member.person.name, e.get_grade_display(), e.note] for e in items]
    return Ledger("evaluations", "民主评议党员台账", ["年度", "姓名", "评议等次", "备注"], [8, 12, 12, 50], rows)


def org_life(org, start, end, **_):
    rows = [
        [
            timezone.localtime(m.held_at).strftime("%Y-%m-%d"),
            m.get_kind_display(),
            m.org.name,
            m.place,
            m.topic,
            m.expected_count,
            m.present_count,
            m.minutes[:300],
        ]
        for m in _meetings(
            org, start, end, [MeetingKind.ORG_LIFE, MeetingKind.MEMBER_EVALUATION, MeetingKind.HEART_TALK]
        )
    ]
    return Ledger("org_life", "组织生活会记录", ["日期", "类型", "组织", "地点", "主题", "应到", "实到", "会议情况"],
                  [12, 12, 16, 12, 28, 6, 6, 50], rows)  # fmt: skip


LEDGERS = {
    "roster": ("党员花名册", roster),
    "three_meetings": ("“三会一课”记录", three_meetings),
    "theme_days": ("主题党日活动记录", theme_days),
    "dues": ("党费收缴台账", dues),
    "study": ("学习记录", study),
    "development": ("发展党员工作台账", development),
    "evaluations": ("民主评议党员台账", evaluations),
    "org_life": ("组织生活会记录", org_life),
}
PERSONAL = {"roster", "dues", "development"}


def build(code, org, start, end, *, full_ids=False) -> Ledger:
    return LEDGERS[code][1](org, start, end, full_ids=full_ids)


def subtitle(org, start, end) -> str:
    return f"党组织：{org.name}　　期间：{start:%Y年%m月%d日}至{end:%Y年%m月%d日}　　制表日期：{timezone.localdate():%Y年%m月%d日}"


def to_xlsx(ledger: Ledger, org, start, end) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = ledger.title[:31].replace("“", "").replace("”", "")
    n = len(ledger.columns)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1, ledger.title).font = Font(name="宋体", size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    ws.cell(2, 1, subtitle(org, start, end)).font = Font(name="宋体", size=10)
    for col, (name, width) in enumerate(zip(ledger.columns, ledger.widths, strict=True), start=1):
        cell = ws.cell(3, col, name)
        cell.font = Font(name="宋体", size=10.5, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, row in enumerate(ledger.rows, start=4):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(r, col, value)
            cell.font = Font(name="宋体", size=10)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cell.border = border
    if not ledger.rows:
        ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=n)
        ws.cell(4, 1, "本期间无记录").alignment = Alignment(horizontal="center")
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "A4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_docx(ledger: Ledger, org, start, end) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(1.8)

    def font(run, size, bold=False, face="宋体"):
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = face
        run._element.rPr.rFonts.set(qn("w:eastAsia"), face)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(title.add_run(ledger.title), 18, bold=True, face="黑体")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(sub.add_run(subtitle(org, start, end)), 10.5)
    table = doc.add_table(rows=1, cols=len(ledger.columns))
    table.style = "Table Grid"
    total = sum(ledger.widths)
    usable = 29.7 - 3.6
    for cell, name, width in zip(table.rows[0].cells, ledger.columns, ledger.widths, strict=True):
        cell.width = Cm(usable * width / total)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font(paragraph.add_run(name), 10.5, bold=True)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = header.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    header.append(repeat)
    for row in ledger.rows or [["本期间无记录"] + [""] * (len(ledger.columns) - 1)]:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, row, ledger.widths, strict=True):
            cell.width = Cm(usable * width / total)
            font(cell.paragraphs[0].add_run("" if value is None else str(value)), 10)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
