from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    name = "acuclinic.wordpress"
    label = "wordpress"
    verbose_name = _("WordPress import")
