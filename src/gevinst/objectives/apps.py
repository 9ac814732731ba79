from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "gevinst.objectives"
    label = "objectives"
    verbose_name = _("Objectives")
