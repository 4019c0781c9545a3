from django.core.management.base import BaseCommand, CommandError

from acuclinic.atlas.loading import load_atlas
from acuclinic.atlas.schema import AtlasDataError


class Command(BaseCommand):
    help = "Load the acupoint atlas from acuclinic/atlas/data (idempotent; keeps clinic notes and images)."

    def handle(self, *args, **options):
        try:
            report = load_atlas(stdout=self.stdout)
        except AtlasDataError as exc:
            raise CommandError(f"atlas data is invalid:\n{exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"atlas: {report.total} points ({report.created} new, {report.updated} updated, "
                f"{report.unchanged} unchanged)"
            )
        )
