"""The default frequency rules (《中国共产党支部工作条例（试行）》 and local practice).

The data migration writes them into MeetingRule; administrators edit them there afterwards.
"""

BASIS = "《中国共产党支部工作条例（试行）》"
DEFAULT_MEETING_RULES = [
    ("branch_assembly", "branch", "quarter", BASIS + "：支部党员大会一般每季度召开1次"),
    ("committee", "branch_with_committee", "month", BASIS + "：支部委员会会议一般每月召开1次"),
    ("group", "group", "month", BASIS + "：党小组会一般每月召开1次"),
    ("lecture", "branch", "quarter", "本地规定：党课每季度至少1次"),
    ("theme_day", "branch", "month", "主题党日每月固定1天开展"),
    ("org_life", "branch", "year", BASIS + "：组织生活会一般每年召开1次"),
    ("member_evaluation", "branch", "year", BASIS + "：民主评议党员一般每年开展1次"),
    ("heart_talk", "branch", "year", BASIS + "：谈心谈话每年至少开展1次"),
]


def ensure_default_meeting_rules(rule_model=None) -> int:
    """Create any default rule that is missing (existing rows are left as administrators set them)."""
    if rule_model is None:
        from tongxin.orglife.models import MeetingRule as rule_model
    made = 0
    for kind, applies_to, period, basis in DEFAULT_MEETING_RULES:
        _, created = rule_model.objects.get_or_create(
            kind=kind, defaults={"applies_to": applies_to, "period": period, "required_count": 1, "basis": basis}
        )
        made += created
    return made
