from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "acuclinic.clinic"
    label = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from . import content_cache

        content_cache.connect()
