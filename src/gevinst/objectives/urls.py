"""Pages of objectives and their KPIs (under /o/<org>/)."""

from gevinst.objectives.views import exports, pages

org_urlpatterns = [*exports.urlpatterns, *pages.urlpatterns]
