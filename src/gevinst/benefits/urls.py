"""Benefits realisation pages, mounted under /o/<org_slug>/.

Fixed paths (benefits/mine/, benefits/dashboard/, ...) come before the patterns with a
benefit reference, so the order of the lists below matters.
"""

from gevinst.benefits.views import exports, measures, plan, register

org_urlpatterns = (exports.urlpatterns + measures.urlpatterns + plan.urlpatterns
                   + register.urlpatterns)
