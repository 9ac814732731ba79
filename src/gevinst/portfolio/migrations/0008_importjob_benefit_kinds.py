"""Two more kinds of Excel import: benefits and measurements (benefits/imports/)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("portfolio", "0007_list_performance"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="kind",
            field=models.CharField(
                choices=[("initiatives", "Initiatives"), ("money", "Money per year"),
                         ("benefits", "Benefits"), ("measurements", "Measurements")],
                max_length=20, verbose_name="kind"),
        ),
    ]
