from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    CARE_HOME = "care_home", _("养老机构")
    SERVICE_CENTRE = "service_centre", _("综合养老服务中心")
    HAPPINESS_HOME = "happiness_home", _("农村幸福院")
    DAY_CARE = "day_care", _("日间照料中心")
    CANTEEN = "canteen", _("老年食堂")
    CHILD_WELFARE = "child_welfare", _("儿童福利机构")


class AssessmentKind(models.TextChoices):
    ABILITY = "ability", _("老年人能力评估")
    NEEDS = "needs", _("服务需求评估")


# Daily-living items (Barthel index, as used by MZ/T 039-2013 日常生活活动) and their allowed scores.
ADL_ITEMS = [
    ("feeding", _("进食"), (0, 5, 10)),
    ("bathing", _("洗澡"), (0, 5)),
    ("grooming", _("修饰"), (0, 5)),
    ("dressing", _("穿衣"), (0, 5, 10)),
    ("bowels", _("大便控制"), (0, 5, 10)),
    ("bladder", _("小便控制"), (0, 5, 10)),
    ("toilet", _("如厕"), (0, 5, 10)),
    ("transfer", _("床椅转移"), (0, 5, 10, 15)),
    ("walking", _("平地行走"), (0, 5, 10, 15)),
    ("stairs", _("上下楼梯"), (0, 5, 10)),
]

# (lowest total, level, label): 100 能力完好, 65–95 轻度受损, 45–60 中度受损, ≤40 重度受损.
ABILITY_LEVELS = [
    (100, 0, _("能力完好")),
    (65, 1, _("轻度受损")),
    (45, 2, _("中度受损")),
    (0, 3, _("重度受损")),
]

NEEDS = [
    ("meals", _("助餐")), ("bathing", _("助浴")), ("cleaning", _("助洁")), ("emergency", _("助急")),
    ("medical", _("助医")), ("nursing", _("护理")), ("company", _("精神慰藉")), ("rehab", _("康复")),
]  # fmt: skip


class CaseStatus(models.TextChoices):
    OPEN = "open", _("跟踪中")
    CLOSED = "closed", _("已结案")


class CaseEntryKind(models.TextChoices):
    ACTION = "action", _("帮扶措施")
    FOLLOW_UP = "follow_up", _("跟踪回访")
