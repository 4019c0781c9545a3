from django.core.management.base import BaseCommand

from acuclinic.atlas import demo as atlas_demo
from acuclinic.booking import demo as booking_demo
from acuclinic.clinic import demo as clinic_demo
from acuclinic.discussion import demo as discussion_demo
from acuclinic.guides import demo as guides_demo
from acuclinic.practice import demo as practice_demo

# Each app contributes one idempotent loader; they run in this order (later ones build on earlier).
LOADERS = [
    clinic_demo.load,
    atlas_demo.load,
    booking_demo.load,
    guides_demo.load,
    discussion_demo.load,
    practice_demo.load,
]


class Command(BaseCommand):
    help = "Load the demo clinic (idempotent: running it twice changes nothing the second time)."

    def handle(self, *args, **options):
        for loader in LOADERS:
            loader(self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
