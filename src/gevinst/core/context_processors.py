from django.utils.functional import SimpleLazyObject

from gevinst.core import selectors
from gevinst.core.navigation import nav_for


def shell(request):
    """What the page shell needs: the organisation, navigation, the person's organisations."""
    return {
        "org": getattr(request, "organisation", None),
        "membership": getattr(request, "membership", None),
        "nav": nav_for(request),
        "my_memberships": getattr(request, "memberships", None)
        or SimpleLazyObject(lambda: selectors.memberships_of(request.user)),
    }
