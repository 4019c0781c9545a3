from django.core.management.base import BaseCommand, CommandError

from acuclinic.guides.importing import guide_files, import_guide
from acuclinic.guides.markdown import GuideFileError


class Command(BaseCommand):
    help = "Create or update condition guides from Markdown files with YAML front matter (by slug)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        parser.add_argument("--publish", action="store_true", help="Publish each guide whose checks pass.")

    def handle(self, *args, paths, publish, **options):
        failed = False
        for path in guide_files(paths):
            try:
                result = import_guide(path, publish=publish)
            except GuideFileError as exc:
                self.stderr.write(f"error: {exc} (nothing written)")
                failed = True
                continue
            state = "published" if result.published else "draft"
            if result.action == "skipped":
                self.stderr.write(f"{path.name}: not imported (unknown point)")
            else:
                self.stdout.write(f"{path.name}: {result.action} {result.slug} ({state})")
            for finding in result.findings:
                self.stdout.write(f"  {finding.severity}: [{finding.check}] {finding.message}")
            failed |= result.has_errors
        if failed:
            raise CommandError("some guides have errors (see above)")
