from django.conf import settings
from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.defaults import bad_request, page_not_found, permission_denied, server_error

from config.api import api
from tongxin.assistance import views as assistance_views
from tongxin.community import views as community_views
from tongxin.core.errors import single_error
from tongxin.members import views as members_views

admin.site.site_header = "同心 · 系统管理"
admin.site.site_title = "同心系统管理"
admin.site.index_title = "系统管理（仅系统管理员）"


def api_not_found(request, rest=""):
    return JsonResponse(single_error("not_found", "接口不存在。"), status=404)


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("admin/", admin.site.urls),
    path("accounts/", include("tongxin.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("people/", include("tongxin.people.urls")),
    path("imports/", include("tongxin.imports.urls")),
    path("orglife/", include("tongxin.orglife.urls")),
    path("members/", include("tongxin.members.urls")),
    path("assistance/", include("tongxin.assistance.urls")),
    path("welfare/", include("tongxin.welfare.urls")),
    path("community/", include("tongxin.community.urls")),
    path("board/community/<int:unit_id>/", community_views.board_community, name="board_community"),
    path("board/branch/<int:org_id>/", community_views.board_branch, name="board_branch"),
    path("survey/<uuid:token>/", community_views.survey_public, name="survey_public"),
    path("notice/assistance/<int:township_id>/", assistance_views.public_notice, name="assistance_notice"),
    path("notice/dues/<int:org_id>/<int:year>-<int:month>/", members_views.dues_notice, name="dues_notice"),
    path("", include("tongxin.orgs.urls")),
    path("", include("tongxin.core.urls")),
]


def _api_path(request) -> bool:
    return request.path.startswith("/api/")


def handler400(request, exception=None):
    if _api_path(request):
        from django.core.exceptions import RequestDataTooBig

        if isinstance(exception, RequestDataTooBig):
            return JsonResponse(single_error("request_too_large", "请求体太大（上限10 MB）。"), status=413)
        return JsonResponse(single_error("bad_request", "请求无法处理。"), status=400)
    return bad_request(request, exception, template_name="400.html")


def handler404(request, exception=None):
    if _api_path(request):
        return JsonResponse(single_error("not_found", "对象不存在或不在您的权限范围内。"), status=404)
    return page_not_found(request, exception, template_name="404.html")


def handler403(request, exception=None):
    if _api_path(request):
        return JsonResponse(single_error("permission_denied", "没有此项操作的权限。"), status=403)
    return permission_denied(request, exception, template_name="403.html")


def handler500(request):
    if _api_path(request):
        return JsonResponse(single_error("server_error", "服务器内部错误，已记录。"), status=500)
    return server_error(request, template_name="500.html")


if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
