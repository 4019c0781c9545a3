from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """The clinic's public face built from its own records: team, services and the conditions it treats."""

    name = "acuclinic.practice"
    label = "practice"
    verbose_name = "Practice"

    def ready(self):
        from . import freshness

        freshness.connect()
