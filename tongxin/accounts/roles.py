"""Roles and what each may do. A role is always held over an organisation subtree (see scope.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    ORG_OFFICER = "org_officer", _("局组织委员")
    BRANCH_SECRETARY = "branch_secretary", _("支部书记")
    PARTY_MEMBER = "party_member", _("党员")
    BUSINESS_STAFF = "business_staff", _("业务科室人员")
    TOWNSHIP_REVIEWER = "township_reviewer", _("乡镇（街道）审核员")
    COMMUNITY_WORKER = "community_worker", _("社区工作者")


class Cap(models.TextChoices):
    VIEW_PEOPLE = "view_people", "查看人员"
    MANAGE_PEOPLE = "manage_people", "登记和修改人员"
    VIEW_FULL_ID = "view_full_id", "查看完整身份证号"
    MANAGE_ORGS = "manage_orgs", "管理党组织"
    MANAGE_UNITS = "manage_units", "管理行政单位"
    IMPORT = "import", "批量导入"
    EXPORT = "export", "导出"
    MANAGE_CALENDAR = "manage_calendar", "维护节假日"
    MANAGE_ACCOUNTS = "manage_accounts", "管理账号"
    VIEW_CASES = "view_cases", "查看救助和福利业务"
    MANAGE_CASES = "manage_cases", "登记家庭、受理和入户调查"
    REVIEW_CASES = "review_cases", "乡镇审核、公示、不予批准"
    CONFIRM_CASES = "confirm_cases", "县级确认"
    MANAGE_PAYMENTS = "manage_payments", "救助金发放"
    MANAGE_WELFARE = "manage_welfare", "福利机构、能力评估、儿童福利"


ROLE_CAPS: dict[str, set[str]] = {
    Role.SYSTEM_ADMIN: set(Cap.values),
    Role.ORG_OFFICER: {Cap.VIEW_PEOPLE, Cap.MANAGE_PEOPLE, Cap.VIEW_FULL_ID, Cap.MANAGE_ORGS, Cap.IMPORT, Cap.EXPORT},
    Role.BRANCH_SECRETARY: {Cap.VIEW_PEOPLE, Cap.MANAGE_PEOPLE, Cap.IMPORT, Cap.EXPORT},
    Role.PARTY_MEMBER: set(),
    Role.BUSINESS_STAFF: {
        Cap.VIEW_PEOPLE,
        Cap.MANAGE_PEOPLE,
        Cap.VIEW_FULL_ID,
        Cap.IMPORT,
        Cap.EXPORT,
        Cap.VIEW_CASES,
        Cap.MANAGE_CASES,
        Cap.REVIEW_CASES,
        Cap.CONFIRM_CASES,
        Cap.MANAGE_PAYMENTS,
        Cap.MANAGE_WELFARE,
    },
    Role.TOWNSHIP_REVIEWER: {
        Cap.VIEW_PEOPLE,
        Cap.VIEW_FULL_ID,
        Cap.EXPORT,
        Cap.VIEW_CASES,
        Cap.MANAGE_CASES,
        Cap.REVIEW_CASES,
    },
    Role.COMMUNITY_WORKER: {
        Cap.VIEW_PEOPLE,
        Cap.MANAGE_PEOPLE,
        Cap.IMPORT,
        Cap.EXPORT,
        Cap.VIEW_CASES,
        Cap.MANAGE_CASES,
        Cap.MANAGE_WELFARE,
    },
}

# The tree a role is normally held over (the assignment form suggests it; either is accepted).
ROLE_TREE = {
    Role.SYSTEM_ADMIN: "unit",
    Role.ORG_OFFICER: "party",
    Role.BRANCH_SECRETARY: "party",
    Role.PARTY_MEMBER: "party",
    Role.BUSINESS_STAFF: "unit",
    Role.TOWNSHIP_REVIEWER: "unit",
    Role.COMMUNITY_WORKER: "unit",
}
