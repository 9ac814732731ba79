"""Pages of ideas from staff (under /o/<org>/ideas/) and the member's own profile."""

from gevinst.ideas.views import (
    attachments,
    board,
    detail,
    exports,
    moderation,
    processing,
    review,
    scoring,
    statistics,
    submit,
)

# Fixed paths (new/, mine/, review/, ...) before the <idea> pages.
org_urlpatterns = [*board.urlpatterns, *submit.urlpatterns, *review.urlpatterns,
                   *moderation.urlpatterns, *statistics.urlpatterns, *scoring.urlpatterns,
                   *exports.urlpatterns, *processing.urlpatterns, *attachments.urlpatterns,
                   *detail.urlpatterns]
