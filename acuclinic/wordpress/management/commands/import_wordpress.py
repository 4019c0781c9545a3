"""manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--guides-category NAME]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from acuclinic.wordpress.services import ImportRefused, import_wordpress
from acuclinic.wordpress.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools › Export): pages, posts, comments, media and old links. "
        "Run start_clinic first. Safe to repeat; --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WXR file WordPress exported")
        parser.add_argument("--uploads", help="a copy of the site's wp-content/uploads folder")
        parser.add_argument("--dry-run", action="store_true", help="write nothing; print what would be imported")
        parser.add_argument(
            "--guides-category", metavar="NAME", help="posts in this category become condition guides (e.g. Acupoints)"
        )

    def handle(self, *args, **options):
        try:
            report = import_wordpress(
                options["export"],
                uploads=options["uploads"],
                dry_run=options["dry_run"],
                guides_category=options["guides_category"],
                progress=self._progress if self.stdout.isatty() else None,
            )
        except WXRError as error:
            raise CommandError(f"{options['export']}: {error}. Nothing was imported.") from error
        except ImportRefused as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        if self.stdout.isatty():
            self.stdout.write("")
        self.stdout.write(report.render(), ending="")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} items", ending="")
        self.stdout.flush()
