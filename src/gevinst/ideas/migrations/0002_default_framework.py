"""Every existing organisation gets the default scoring framework (five criteria, weight 1)
and the default priority bands. New organisations get them from do_create_organisation."""

from django.db import migrations

KEYS = ["strategic", "qualitative", "economic", "need", "risk"]


def install(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    Criterion = apps.get_model("ideas", "ScoringCriterion")
    Settings = apps.get_model("ideas", "IdeaSettings")
    for org in Organisation.objects.all():
        if not Criterion._base_manager.filter(organisation=org).exists():
            Criterion._base_manager.bulk_create(
                [Criterion(organisation=org, key=key, order=i) for i, key in enumerate(KEYS)])
        if not Settings._base_manager.filter(organisation=org).exists():
            Settings._base_manager.create(organisation=org)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
