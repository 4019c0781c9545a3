from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from acuclinic.guides.publishing import withhold_scheduled_guides


class Command(WagtailPublishScheduled):
    """Wagtail's publish_scheduled, after taking guides that fail the atlas checks off the schedule."""

    help = "Publish what is scheduled (and unpublish what has expired); guides that fail their checks stay as they are."

    def handle(self, *args, **options):
        for page, findings in withhold_scheduled_guides(dry_run=options["dryrun"]):
            problems = "; ".join(f.message for f in findings)
            self.stderr.write(f"{page.slug}: not published, it does not pass the atlas checks: {problems}")
        super().handle(*args, **options)
