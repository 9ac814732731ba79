"""Pages of digital maturity: the survey link (outside /o/) and the organisation's
assessments (under /o/<org>/maturity/)."""

from gevinst.maturity.views import respond

urlpatterns = [*respond.urlpatterns]
org_urlpatterns: list = []
