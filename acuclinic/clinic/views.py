from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import database_busy


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query and can take a write, 503 otherwise; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        state = database_busy.write_state()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    if state != "ok":
        response = JsonResponse({"status": "unavailable", "database": state}, status=503)
        response["Retry-After"] = str(database_busy.RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


# Crawlers may read everything public; the admin, secret links, searches and form endpoints are not content.
ROBOTS_DISALLOW = ["/admin/", "/book/manage/", "/book/calendar/", "/api/", "/search/", "/comments/"]


@require_safe
def robots_txt(request):
    """robots.txt naming the sitemap by its absolute URL, on the same root as the sitemap's own entries."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "",
        f"Sitemap: {root}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
