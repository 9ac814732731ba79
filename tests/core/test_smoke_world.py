from gevinst.core.models import Membership
from gevinst.core.scoping import unscoped
from gevinst.portfolio.models import Initiative


def test_world_has_two_organisations_with_every_role(org, other_org):
    with unscoped():
        assert Membership.objects.filter(organisation=org).count() == 5
        assert Membership.objects.filter(organisation=other_org).count() == 5
        assert Initiative.objects.filter(organisation=other_org).count() == 3
