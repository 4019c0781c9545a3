from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "acuclinic.clinic"
    label = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from . import checks, content_cache, login_throttle  # noqa: F401 (checks registers the deployment checks)

        content_cache.connect()
        login_throttle.connect()
