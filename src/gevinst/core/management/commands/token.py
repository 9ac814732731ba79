from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gevinst.core.models import Organisation, User
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import do_create_api_token


class Command(BaseCommand):
    help = "API tokens: `token create --user EMAIL --org SLUG` prints a new token."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it (shown once)")
        create.add_argument("--user", required=True, help="the person's email address")
        create.add_argument("--org", required=True, help="the organisation's short name")
        create.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, **o):
        user = User.objects.filter(email__iexact=o["user"]).first()
        if user is None:
            raise CommandError(f"No person with email {o['user']}")
        org = Organisation.objects.filter(slug=o["org"]).first()
        if org is None:
            raise CommandError(f"No organisation {o['org']}")
        try:
            with tenant_scope(org):
                raw = do_create_api_token(user=user, organisation=org, name=o["name"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(raw)
