from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "acuclinic.booking"
    label = "booking"
    verbose_name = "Booking"
