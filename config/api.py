"""The JSON API at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from ninja import NinjaAPI
from ninja.security import django_auth

from tongxin.accounts.api import router as auth_router
from tongxin.assistance.api import households_router
from tongxin.assistance.api import router as assistance_router
from tongxin.community.api import appeals_router, charity_router
from tongxin.core.api import router as calendar_router
from tongxin.core.api_base import BearerAuth, install_error_handlers
from tongxin.imports.api import router as imports_router
from tongxin.members.api import dues_router
from tongxin.members.api import router as members_router
from tongxin.orglife.api import router as meetings_router
from tongxin.orgs.api import orgs_router, units_router
from tongxin.people.api import router as people_router

api = NinjaAPI(
    title="同心 Tongxin API",
    version="1",
    description=(
        "民政党建与业务融合平台的接口。调用方先用 POST /api/v1/auth/token 换取令牌，"
        "之后在请求头中携带 `Authorization: Bearer <令牌>`。所有错误都是同一种形状："
        '`{"errors": [{"field": ..., "code": ..., "message": ...}]}`。'
        "超出调用者权限范围的对象一律返回 404。"
    ),
    auth=[BearerAuth(), django_auth],
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/auth", auth_router)
api.add_router("/people", people_router)
api.add_router("/orgs", orgs_router)
api.add_router("/units", units_router)
api.add_router("/calendar", calendar_router)
api.add_router("/imports", imports_router)
api.add_router("/members", members_router)
api.add_router("/dues", dues_router)
api.add_router("/meetings", meetings_router)
api.add_router("/households", households_router)
api.add_router("/assistance", assistance_router)
api.add_router("/appeals", appeals_router)
api.add_router("/charity", charity_router)
