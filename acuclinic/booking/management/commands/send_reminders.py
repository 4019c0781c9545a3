from django.core.management.base import BaseCommand

from acuclinic.booking.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Email a reminder for every appointment starting within the reminder window (never twice)."

    def handle(self, *args, **options):
        self.stdout.write(f"sent {send_due_reminders()} reminders")
