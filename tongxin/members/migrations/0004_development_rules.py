from django.db import migrations

BASIS = "《中国共产党发展党员工作细则》"
RULES = [
    ("min_age", "递交申请时年满", 18, "years", BASIS + "第五条"),
    ("talk_within", "收到申请书后派人谈话的期限", 1, "months", BASIS + "第七条：一个月内"),
    ("activist_review", "对入党积极分子的考察间隔", 6, "months", BASIS + "第十三条：每半年进行一次考察"),
    ("activist_min", "积极分子培养教育至少", 12, "months", BASIS + "第十四条：一年以上"),
    ("training_hours", "发展对象集中培训至少", 24, "hours", BASIS + "第十八条：不少于3天（或24学时）"),
    ("approval_within", "支部大会讨论后上级党委审批期限", 3, "months", BASIS + "第三十一条：三个月内"),
    ("probation", "预备期", 12, "months", BASIS + "第三十六条：一年"),
]


def add(apps, schema_editor):
    Rule = apps.get_model("members", "DevelopmentRule")
    for code, label, value, unit, basis in RULES:
        Rule.objects.get_or_create(code=code, defaults={"label": label, "value": value, "unit": unit, "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("members", "0003_development")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
