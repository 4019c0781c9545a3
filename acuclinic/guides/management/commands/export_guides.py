from pathlib import Path

from django.core.management.base import BaseCommand

from acuclinic.guides.importing import export_guide
from acuclinic.guides.models import ConditionGuidePage


class Command(BaseCommand):
    help = "Write every condition guide to DIR/<slug>.md (Markdown with YAML front matter)."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        count = 0
        for page in ConditionGuidePage.objects.order_by("slug"):
            (target / f"{page.slug}.md").write_text(export_guide(page), encoding="utf-8")
            count += 1
        self.stdout.write(f"exported {count} guides to {target}")
