from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "gevinst.risks"
    label = "risks"
    verbose_name = _("Risks and opportunities")

    def ready(self):
        # The risks' sections of the daily follow-up digest (risks due for review, overdue
        # and soon due actions), sent with the benefits' in one email per person and day.
        from gevinst.risks import followup, signals

        followup.register()
        signals.connect()
