from django.contrib import admin
from django.urls import include, path

from gevinst.api.urls import api
from gevinst.benefits import urls as benefit_urls
from gevinst.core import urls as core_urls
from gevinst.ideas import urls as idea_urls
from gevinst.maturity import urls as maturity_urls
from gevinst.objectives import urls as objective_urls
from gevinst.portfolio import urls as portfolio_urls
from gevinst.risks import urls as risk_urls

org_patterns = (core_urls.org_urlpatterns + portfolio_urls.org_urlpatterns
                + benefit_urls.org_urlpatterns + objective_urls.org_urlpatterns
                + risk_urls.org_urlpatterns + idea_urls.org_urlpatterns
                + maturity_urls.org_urlpatterns)

urlpatterns = [
    path("", include(core_urls.urlpatterns)),
    path("", include(maturity_urls.urlpatterns)),
    path("o/<slug:org_slug>/", include(org_patterns)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
