from django.db import migrations


def create(apps, schema_editor):
    from tongxin.community.rules import DEFAULT_CATEGORIES

    AppealCategory = apps.get_model("community", "AppealCategory")
    for position, (code, name, days, hours) in enumerate(DEFAULT_CATEGORIES):
        AppealCategory.objects.get_or_create(
            code=code, defaults={"name": name, "limit_working_days": days, "limit_hours": hours, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
