from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "gevinst.benefits"
    label = "benefits"
    verbose_name = _("Benefits realisation")

    def ready(self) -> None:
        from gevinst.benefits import signals

        signals.connect()
