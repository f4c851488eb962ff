"""The JSON API's shared parts: authentication, the one error shape, and schema helpers."""

import re
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import ConfigDict, Field

from tongxin.accounts.models import ApiToken
from tongxin.core.errors import Conflict, error_items, errors_body, single_error
from tongxin.core.ids import MAX_ID


class ErrorItem(Schema):
    field: str | None
    code: str
    message: str


class ErrorOut(Schema):
    errors: list[ErrorItem]


ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


class StrictSchema(Schema):
    """Request bodies: unknown fields are refused, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


ERROR_DESCRIPTIONS = {
    400: "请求无法处理",
    401: "未登录或令牌无效",
    403: "没有此项操作的权限",
    404: "对象不存在或不在您的权限范围内",
    409: "与现有数据冲突（重复登记、非法的状态变化）",
    422: "输入有误，逐字段说明",
    429: "登录失败次数过多，账号暂时锁定",
}


def responses(ok: dict, *codes: int, public: bool = False) -> dict:
    """`response=` for an operation: its success schema plus every error status it can return
    (401 unless the operation is `public`, 422 always)."""
    result = dict(ok)
    for code in sorted({422, *codes} | (set() if public else {401})):
        result[code] = ErrorOut
    return result


class BearerAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user  # so auditing and scope see the caller
        return user


_PYDANTIC_MESSAGES = {
    "missing": "此项为必填项。",
    "extra_forbidden": "不允许的字段。",
    "string_too_long": "长度不能超过{max_length}个字符。",
    "string_too_short": "长度不能少于{min_length}个字符。",
    "string_type": "应为文本。",
    "int_type": "应为整数。",
    "int_parsing": "应为整数。",
    "int_from_float": "应为整数。",
    "float_parsing": "应为数字。",
    "decimal_parsing": "应为数字。",
    "bool_type": "应为 true 或 false。",
    "bool_parsing": "应为 true 或 false。",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_from_datetime_inexact": "日期格式应为 YYYY-MM-DD。",
    "date_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_type": "日期格式应为 YYYY-MM-DD。",
    "datetime_parsing": "时间格式应为 ISO 8601，例如 2026-01-31T09:30:00+08:00。",
    "datetime_from_date_parsing": "时间格式应为 ISO 8601，例如 2026-01-31T09:30:00+08:00。",
    "datetime_type": "时间格式应为 ISO 8601。",
    "literal_error": "取值应为：{expected}。",
    "enum": "取值应为：{expected}。",
    "greater_than_equal": "不能小于{ge}。",
    "less_than_equal": "不能大于{le}。",
    "greater_than": "应大于{gt}。",
    "less_than": "应小于{lt}。",
    "model_type": "应为 JSON 对象。",
    "model_attributes_type": "应为 JSON 对象。",
    "dict_type": "应为 JSON 对象。",
    "list_type": "应为列表。",
    "json_invalid": "不是合法的 JSON。",
    "too_long": "列表太长。",
    "int_too_big": "数值太大。",
}
_LOCATION_ROOTS = {"body", "query", "path", "form", "header", "cookie", "payload", "data", "filters"}


def _field_of(loc) -> str | None:
    parts = [str(p) for p in loc if str(p) not in _LOCATION_ROOTS]
    # Drop the schema parameter name ninja puts first for body models (e.g. "payload").
    return ".".join(parts) or None


def pydantic_error_items(errors: list[dict]) -> list[dict]:
    items = []
    for error in errors:
        kind = error.get("type", "value_error")
        template = _PYDANTIC_MESSAGES.get(kind)
        ctx = {k: v for k, v in (error.get("ctx") or {}).items()}
        if template:
            if "expected" in ctx:
                ctx["expected"] = str(ctx["expected"]).replace(" or ", "、").replace("', '", "'、'")
            try:
                message = template.format(**ctx)
            except (KeyError, IndexError):
                message = template
        elif kind == "value_error" and ctx.get("error") is not None:
            message = str(ctx["error"])
        else:
            message = "取值无效。"
        items.append({"field": _field_of(error.get("loc", ())), "code": kind, "message": message})
    return items


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request, status, body):
        return api.create_response(request, body, status=status)

    @api.exception_handler(NinjaValidationError)
    def on_validation(request, exc):
        return respond(request, 422, errors_body(pydantic_error_items(exc.errors)))

    @api.exception_handler(ValidationError)
    def on_django_validation(request, exc):
        status = 409 if isinstance(exc, Conflict) else 422
        return respond(request, status, errors_body(error_items(exc)))

    @api.exception_handler(AuthenticationError)
    def on_auth(request, exc):
        return respond(
            request, 401, single_error("not_authenticated", "请先登录，或在 Authorization 头中提供有效的 Bearer 令牌。")
        )

    @api.exception_handler(PermissionDenied)
    def on_permission(request, exc):
        return respond(request, 403, single_error("permission_denied", str(exc) or "没有此项操作的权限。"))

    @api.exception_handler(Http404)
    def on_404(request, exc):
        return respond(request, 404, single_error("not_found", "对象不存在或不在您的权限范围内。"))

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return respond(request, 422, single_error("malformed_json", "请求体不是合法的 JSON。"))
        code = {400: "bad_request", 401: "not_authenticated", 403: "permission_denied", 404: "not_found"}.get(
            exc.status_code, "error"
        )
        message = ERROR_DESCRIPTIONS.get(exc.status_code) or str(exc)
        if re.search(r"[\u4e00-\u9fff]", str(exc)):
            message = str(exc)
        return respond(request, exc.status_code, single_error(code, message))
