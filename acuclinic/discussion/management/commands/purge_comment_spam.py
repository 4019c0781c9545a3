from django.core.management.base import BaseCommand

from acuclinic.discussion.services import purge_spam


class Command(BaseCommand):
    help = "Delete comments marked as spam more than --days ago (with their email and IP addresses)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        self.stdout.write(f"deleted {purge_spam(older_than_days=days)} spam comments")
