import json

from django.core.management.base import BaseCommand

from acuclinic.guides.checks import ERROR, INFO, WARNING
from acuclinic.guides.importing import check_all_guides


class Command(BaseCommand):
    help = "Check every condition guide against the atlas and the review policy; exit 1 on any error."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, format, **options):
        findings = check_all_guides()
        if format == "json":
            self.stdout.write(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
        else:
            for f in findings:
                self.stdout.write(f"{f.guide}: {f.severity}: [{f.check}]{' ' + f.point if f.point else ''} {f.message}")
            errors = sum(f.severity == ERROR for f in findings)
            warnings = sum(f.severity == WARNING for f in findings)
            partly = [f for f in findings if f.severity == INFO and f.checked is not None]
            # Locations without a note were read in full; each note says how much of its location was checked.
            self.stdout.write(f"locations read in part: {len(partly)} (each note gives the share checked)")
            self.stdout.write(f"{errors} errors, {warnings} warnings")
        if any(f.severity == ERROR for f in findings):
            raise SystemExit(1)
