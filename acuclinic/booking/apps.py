from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "acuclinic.booking"
    label = "booking"
    verbose_name = "Booking"

    def ready(self):
        # The texts deployment check, and the waitlist's watch on hours that add free time.
        from . import checks, waitlist_signals  # noqa: F401
