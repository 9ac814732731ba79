from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gevinst.core.models import Organisation, Role
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import do_add_member, do_create_organisation, do_create_user


class Command(BaseCommand):
    help = "Create an organisation with the default phase model (and optionally its admin)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--kind", default=Organisation.Kind.MUNICIPALITY,
                            choices=Organisation.Kind.values)
        parser.add_argument("--country", default="NO", choices=Organisation.Country.values)
        parser.add_argument("--currency", default="NOK", choices=Organisation.Currency.values)
        parser.add_argument("--size", type=int)
        parser.add_argument("--admin-email", help="make this person (created if new) admin")
        parser.add_argument("--admin-password", help="password for a newly created admin")

    def handle(self, *args, **o):
        try:
            org = do_create_organisation(actor=None, name=o["name"], slug=o["slug"],
                                         kind=o["kind"], country=o["country"],
                                         currency=o["currency"], size=o["size"])
            if o["admin_email"]:
                from gevinst.core.models import User

                user = User.objects.filter(email__iexact=o["admin_email"]).first()
                if user is None:
                    user = do_create_user(email=o["admin_email"], password=o["admin_password"])
                with tenant_scope(org):
                    do_add_member(actor=None, organisation=org, user=user, role=Role.ADMIN)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Created {org.name} at /o/{org.slug}/")
