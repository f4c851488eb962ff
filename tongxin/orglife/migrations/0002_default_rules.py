from django.db import migrations

from tongxin.orglife.rules import ensure_default_meeting_rules


def add_rules(apps, schema_editor):
    ensure_default_meeting_rules(apps.get_model("orglife", "MeetingRule"))


class Migration(migrations.Migration):
    dependencies = [("orglife", "0001_initial")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
