"""Existing organisations get the default checklists, their initiatives the checklist of
the phase they are in; published status reports become immutable in the database."""

from django.db import migrations


def install_checklists(apps, schema_editor):
    from django.utils import translation

    from gevinst.portfolio import defaults

    Organisation = apps.get_model("core", "Organisation")
    Phase = apps.get_model("portfolio", "Phase")
    Template = apps.get_model("portfolio", "ChecklistTemplateItem")
    Initiative = apps.get_model("portfolio", "Initiative")
    Item = apps.get_model("portfolio", "ChecklistItem")
    for org in Organisation.objects.all():
        with translation.override(defaults.LANGUAGE_BY_COUNTRY.get(org.country, "en")):
            for phase in Phase._base_manager.filter(organisation=org):
                spec = defaults.BY_KEY.get(phase.key)
                if phase.description == "" and spec is not None:
                    phase.description = str(spec.description)
                    phase.is_work_in_progress = spec.work_in_progress
                    phase.save(update_fields=["description", "is_work_in_progress"])
                if spec is None or Template._base_manager.filter(phase=phase).exists():
                    continue
                Template._base_manager.bulk_create(
                    Template(organisation=org, phase=phase, text=str(item.text),
                             guidance=str(item.guidance), is_mandatory=item.mandatory,
                             order=order)
                    for order, item in enumerate(spec.checklist, start=1))
        templates = {}
        for t in Template._base_manager.filter(organisation=org).order_by("order", "pk"):
            templates.setdefault(t.phase_id, []).append(t)
        have = set(Item._base_manager.filter(organisation=org)
                   .values_list("initiative_id", "phase_id"))
        Item._base_manager.bulk_create(
            (Item(organisation=org, initiative_id=i.pk, phase_id=i.phase_id, template_item=t,
                  text=t.text, guidance=t.guidance, is_mandatory=t.is_mandatory,
                  order=t.order)
             for i in Initiative._base_manager.filter(organisation=org)
             if (i.pk, i.phase_id) not in have
             for t in templates.get(i.phase_id, [])),
            batch_size=500)


def install_trigger(apps, schema_editor):
    from gevinst.portfolio.models.reports import install_immutability_triggers

    install_immutability_triggers(schema_editor)


def drop_trigger(apps, schema_editor):
    from gevinst.portfolio.models.reports import drop_immutability_triggers

    drop_immutability_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0003_governance"),
        ("core", "0002_historicalorganisation_status_report_cadence_and_more"),
    ]

    operations = [
        migrations.RunPython(install_checklists, migrations.RunPython.noop),
        migrations.RunPython(install_trigger, drop_trigger),
    ]
