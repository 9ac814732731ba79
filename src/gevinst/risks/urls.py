"""Pages of the risk and opportunity register (under /o/<org>/)."""

from gevinst.risks.views import appetite, exports, heatmap, register

# Fixed paths (exports, heat map, appetite) before the <risk> pages.
org_urlpatterns = [*exports.urlpatterns, *heatmap.urlpatterns, *appetite.urlpatterns,
                   *register.urlpatterns]
