from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "gevinst.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        # Every write of idea data marks the topic "ideas" (cached statistics follow).
        from gevinst.ideas import signals

        signals.connect()
