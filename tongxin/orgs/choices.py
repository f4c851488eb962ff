from django.db import models


class PartyOrgKind(models.TextChoices):
    COMMITTEE = "committee", "党委"
    LEADING_GROUP = "leading_group", "党组"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    JOINT_BRANCH = "joint_branch", "联合党支部"
    TEMPORARY_BRANCH = "temporary_branch", "临时党支部"
    GROUP = "group", "党小组"


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
    BUREAU = "bureau", "局"
    SECTION = "section", "科室"
    INSTITUTION = "institution", "事业单位"
    TOWNSHIP = "township", "乡镇/街道"
    COMMUNITY = "community", "社区"
    VILLAGE = "village", "村"


UNIT_PARENT_KINDS = {
    UnitKind.BUREAU: {None, UnitKind.BUREAU},
    UnitKind.SECTION: {UnitKind.BUREAU, UnitKind.INSTITUTION},
    UnitKind.INSTITUTION: {None, UnitKind.BUREAU},
    UnitKind.TOWNSHIP: {None, UnitKind.BUREAU},
    UnitKind.COMMUNITY: {UnitKind.TOWNSHIP},
    UnitKind.VILLAGE: {UnitKind.TOWNSHIP},
}
