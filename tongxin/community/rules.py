"""Default appeal categories and their promised time limits (editable in the administration)."""

DEFAULT_CATEGORIES = [
    # code, name, working days, hours
    ("emergency", "紧急求助", None, 2),
    ("utilities", "水电气暖", None, 24),
    ("consult", "政策咨询", 1, None),
    ("environment", "环境卫生", 3, None),
    ("assistance", "救助帮扶", 5, None),
    ("property", "物业管理", 5, None),
    ("neighbour", "邻里纠纷", 7, None),
    ("facility", "公共设施维修", 10, None),
    ("other", "其他", 5, None),
]


def ensure_default_categories() -> None:
    from tongxin.community.models import AppealCategory

    for position, (code, name, days, hours) in enumerate(DEFAULT_CATEGORIES):
        AppealCategory.objects.get_or_create(
            code=code, defaults={"name": name, "limit_working_days": days, "limit_hours": hours, "position": position}
        )
