from django.urls import reverse
from django.utils.translation import pgettext

from tongxin.accounts.roles import Cap, Role
from tongxin.accounts.scope import scope_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    path = request.path
    items = [("core:home", pgettext("导航", "首页"), "house", True)]
    items.append(("orglife:me", pgettext("导航", "我的"), "person-badge", bool(user.person_id)))
    items.append(("people:list", pgettext("导航", "人员"), "people", scope.can(Cap.VIEW_PEOPLE)))
    items.append(("orgs:list", pgettext("导航", "党组织"), "diagram-3", True))
    items.append(
        ("orglife:meetings", pgettext("导航", "组织生活"), "calendar-check", bool(scope.org_ids) or scope.is_global)
    )
    items.append(
        (
            "members:dues",
            pgettext("导航", "党费"),
            "cash-coin",
            scope.can(Cap.VIEW_PEOPLE) and bool(scope.org_ids or scope.is_global),
        )
    )
    items.append(("assistance:households", pgettext("导航", "社会救助"), "house-heart", scope.can(Cap.VIEW_CASES)))
    items.append(("community:appeals", pgettext("导航", "社区服务"), "chat-heart", scope.can(Cap.VIEW_CASES)))
    items.append(("welfare:institutions", pgettext("导航", "养老与儿童"), "heart-pulse", scope.can(Cap.VIEW_CASES)))
    items.append(("orgs:unit_list", pgettext("导航", "行政单位"), "building", True))
    items.append(("imports:list", pgettext("导航", "数据导入"), "upload", scope.can(Cap.IMPORT)))
    items.append(("core:calendar", pgettext("导航", "工作日历"), "calendar3", True))
    items.append(("core:periodic_runs", pgettext("导航", "定期检查"), "clock-history", scope.is_global))
    nav = []
    for name, label, icon, allowed in items:
        if not allowed:
            continue
        url = reverse(name)
        active = path == url if url == "/" else path.startswith(url)
        nav.append({"url": url, "label": label, "icon": icon, "active": active})
    labels = [str(Role(r).label) for r in sorted(scope.roles) if r in Role.values]
    if user.is_superuser and str(Role.SYSTEM_ADMIN.label) not in labels:
        labels.insert(0, str(Role.SYSTEM_ADMIN.label))
    return {"nav_items": nav, "role_labels": labels, "scope": scope}
