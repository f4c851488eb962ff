"""Spreadsheets in and out (openpyxl): one header style, streaming writes, tolerant cell reading."""

import datetime
import io
import re

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="C00000")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def build_workbook(
    title: str,
    headers: list[str],
    rows,
    *,
    widths: list[int] | None = None,
    notes: list[str] | None = None,
    text_columns: tuple[int, ...] = (),
    text_rows: int = 0,
) -> bytes:
    """One sheet with a styled header. `text_columns` (1-based) are formatted as text for
    `text_rows` rows, so an ID number typed into a template stays 18 characters."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for i, _ in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=i)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1] if widths else 16
    for row in rows:
        ws.append(list(row))
    for column in text_columns:
        for row in range(2, text_rows + 2):
            ws.cell(row=row, column=column).number_format = "@"
    ws.freeze_panes = "A2"
    if notes:
        info = wb.create_sheet("填写说明")
        for line in notes:
            info.append([line])
        info.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


class SheetError(Exception):
    """The file is not a readable .xlsx at all."""


def read_rows(fileobj, *, max_rows: int):
    """(header, [(excel_row_number, [cell values as str])]) of the first sheet; blank rows skipped."""
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise SheetError("无法读取文件，请上传由模板填写的 .xlsx 文件。") from exc
    ws = wb.worksheets[0]
    rows_iter = ws.iter_rows(values_only=True)
    header = next(rows_iter, None)
    if header is None:
        raise SheetError("文件是空的。")
    header = [cell_text(h) for h in header]
    rows = []
    for number, values in enumerate(rows_iter, start=2):
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        rows.append((number, texts))
        if len(rows) > max_rows:
            raise SheetError(f"一次最多导入{max_rows}行，请分批导入。")
    wb.close()
    return header, rows


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(text: str) -> datetime.date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
