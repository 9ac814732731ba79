"""Install the shipped default maturity model as version 1 of ``gevinst-default``.

Later releases that change the default model ship a migration like this one that installs
the changed file as the next version (unless the operator installed the same content)."""

from django.db import migrations


def install(apps, schema_editor):
    from gevinst.maturity import modeldata

    MaturityModel = apps.get_model("maturity", "MaturityModel")
    Version = apps.get_model("maturity", "MaturityModelVersion")
    source = modeldata.read_default()
    content = modeldata.parse(source)
    model, _ = MaturityModel.objects.get_or_create(key=content["key"])
    if Version.objects.filter(model=model).exists():
        return
    Version.objects.create(model=model, number=1, content=content, source=source,
                           digest=modeldata.digest(content), note="Gevinst default model")


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
