from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "acuclinic.guides"
    label = "guides"
    verbose_name = "Condition guides"
