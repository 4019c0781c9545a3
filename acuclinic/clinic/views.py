from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 otherwise; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def brand_css(request):
    """The accent colour from Settings › Clinic as CSS custom properties (no inline style under the CSP).

    Linked only when a colour is set, with the content version in its address, so it can be cached for
    a year: a new colour is a new address.
    """
    from . import colours
    from .context_processors import clinic_for

    clinic = clinic_for(request)
    css = ""
    try:  # parsed again here, so only a #rrggbb value can ever reach the stylesheet
        accent = colours.normalise_hex(clinic.accent_colour)
    except ValueError:
        accent = ""
    if accent:
        hover = "#{:02x}{:02x}{:02x}".format(*colours.darken(colours.parse_hex(accent)))
        css = f":root{{--brand:{accent};--brand-dark:{hover}}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
