from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "acuclinic.atlas"
    label = "atlas"
    verbose_name = "Acupoint atlas"
