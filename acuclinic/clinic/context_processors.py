from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .content_cache import cached, content_version
from .models import ClinicSettings


def clinic_for(request) -> ClinicSettings:
    site = Site.find_for_request(request)
    site_id = site.pk if site else 0

    def build():
        clinic = ClinicSettings.for_site(site) if site else ClinicSettings()
        clinic.hours  # noqa: B018 - evaluate the cached property so the hours travel with the object
        clinic.logo  # noqa: B018 - and the logo (or None), so the header asks the database nothing
        return clinic

    return cached(f"clinic:{site_id}", build)


def clinic(request):
    """``clinic`` (the site's ClinicSettings with its hours) and ``content_version``, both cached."""
    return {
        "clinic": SimpleLazyObject(lambda: clinic_for(request)),
        "content_version": SimpleLazyObject(content_version),
    }
