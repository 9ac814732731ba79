from django.core.management.base import BaseCommand

from gevinst.demo.loader import DEMO_PASSWORD, PEOPLE, load_demo


class Command(BaseCommand):
    help = "Load the demo organisations Fjordby kommune and Åsdal kommune (safe to repeat)."

    def handle(self, *args, **options):
        loaded, peers = load_demo()
        for org, created in loaded:
            state = "loaded" if created else "already there, kept as it is"
            self.stdout.write(f"{org.name} (/o/{org.slug}/): {state}")
        new = sum(created for _org, created in peers)
        self.stdout.write(f"{len(peers)} peer municipalities for Fjordby's maturity benchmark "
                          f"({new} loaded now; nobody signs in to them): "
                          + ", ".join(org.name for org, _created in peers))
        self.stdout.write("")
        self.stdout.write("Log in at http://127.0.0.1:8000/ as one of:")
        for local, _title in PEOPLE.values():
            self.stdout.write(f"  {local}@fjordby.example   (also {local}@asdal.example)")
        self.stdout.write(f"Password for all demo people: {DEMO_PASSWORD}")
