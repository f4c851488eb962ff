from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyOrgKind(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    LEADING_GROUP = "leading_group", _("党组")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")
    JOINT_BRANCH = "joint_branch", _("联合党支部")
    TEMPORARY_BRANCH = "temporary_branch", _("临时党支部")
    GROUP = "group", _("党小组")


BRANCH_KINDS = {PartyOrgKind.BRANCH, PartyOrgKind.JOINT_BRANCH, PartyOrgKind.TEMPORARY_BRANCH}

# Which kinds may stand directly under which (None = may be a root).
PARTY_PARENT_KINDS = {
    PartyOrgKind.COMMITTEE: {None, PartyOrgKind.COMMITTEE, PartyOrgKind.LEADING_GROUP},
    PartyOrgKind.LEADING_GROUP: {None, PartyOrgKind.COMMITTEE},
    PartyOrgKind.GENERAL_BRANCH: {None, PartyOrgKind.COMMITTEE, PartyOrgKind.LEADING_GROUP},
    PartyOrgKind.BRANCH: {None, PartyOrgKind.COMMITTEE, PartyOrgKind.LEADING_GROUP, PartyOrgKind.GENERAL_BRANCH},
    PartyOrgKind.JOINT_BRANCH: {None, PartyOrgKind.COMMITTEE, PartyOrgKind.LEADING_GROUP, PartyOrgKind.GENERAL_BRANCH},
    PartyOrgKind.TEMPORARY_BRANCH: {
        None, PartyOrgKind.COMMITTEE, PartyOrgKind.LEADING_GROUP, PartyOrgKind.GENERAL_BRANCH,
    },
    PartyOrgKind.GROUP: {PartyOrgKind.BRANCH, PartyOrgKind.JOINT_BRANCH, PartyOrgKind.TEMPORARY_BRANCH},
}  # fmt: skip


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("局")
    SECTION = "section", _("科室")
    INSTITUTION = "institution", _("事业单位")
    TOWNSHIP = "township", _("乡镇/街道")
    COMMUNITY = "community", _("社区")
    VILLAGE = "village", _("村")


UNIT_PARENT_KINDS = {
    UnitKind.BUREAU: {None, UnitKind.BUREAU},
    UnitKind.SECTION: {UnitKind.BUREAU, UnitKind.INSTITUTION},
    UnitKind.INSTITUTION: {None, UnitKind.BUREAU},
    UnitKind.TOWNSHIP: {None, UnitKind.BUREAU},
    UnitKind.COMMUNITY: {UnitKind.TOWNSHIP},
    UnitKind.VILLAGE: {UnitKind.TOWNSHIP},
}
