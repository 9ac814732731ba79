"""Pages of digital maturity: the survey link (outside /o/) and the organisation's
assessments (under /o/<org>/maturity/)."""

from gevinst.maturity.views import campaigns, respond, results

urlpatterns = [*respond.urlpatterns]
# Fixed paths (new/, model/) come before the <campaign> pages.
org_urlpatterns = [*campaigns.urlpatterns, *results.urlpatterns]
