import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from ..jsonld import medical_clinic

register = template.Library()

# Inside <script>, "<", ">" and "&" could close the element or start markup; JSON allows \u escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> str:
    """Render ``data`` as a ``<script type="application/ld+json">`` element, safe inside HTML."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def clinic_json_ld(context) -> str:
    request = context["request"]
    clinic = context["clinic"]
    return json_ld(medical_clinic(clinic, request.build_absolute_uri("/")))


@register.simple_tag(takes_context=True)
def money(context, amount) -> str:
    """A price in the clinic's currency (Settings › Clinic), written the way the site's language writes it."""
    from ..formats import money as format_money

    clinic = context["clinic"]
    return format_money(amount, clinic.currency or "CAD", clinic.country)


@register.filter
def time_zone_name(zone: str) -> str:
    """``America/Toronto`` as patients say it: "Eastern Time"."""
    from ..formats import time_zone_name as name

    return name(zone)
