from django.http import HttpRequest
from ninja import Router, Schema
from wagtail.models import Site

from .api_errors import responses
from .models import ClinicSettings

router = Router(tags=["clinic"])


class OpeningHoursOut(Schema):
    day: str
    opens: str
    closes: str


class ClinicOut(Schema):
    name: str
    phone: str
    phone_display: str
    email: str
    address: list[str]
    country: str
    opening_hours: list[OpeningHoursOut]


@router.get(
    "/clinic", response=responses({200: ClinicOut}), summary="The clinic's name, contact details and opening hours"
)
def clinic(request: HttpRequest):
    settings = ClinicSettings.for_site(Site.find_for_request(request))
    return {
        "name": settings.name,
        "phone": settings.phone,
        "phone_display": settings.phone_display,
        "email": settings.email,
        "address": settings.address_lines,
        "country": settings.country,
        "opening_hours": [
            {"day": h.get_weekday_display(), "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}"}
            for h in settings.hours
        ],
    }
