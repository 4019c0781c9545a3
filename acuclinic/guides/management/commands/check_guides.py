import json

from django.core.management.base import BaseCommand

from acuclinic.guides.checks import ERROR
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
            self.stdout.write(f"{errors} errors, {len(findings) - errors} warnings")
        if any(f.severity == ERROR for f in findings):
            raise SystemExit(1)
