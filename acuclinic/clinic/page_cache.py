"""A whole-page cache for anonymous visitors, keyed by content version (clinic/content_cache.py).

Only responses a view marks as public (``mark_public``) are stored: content pages, never forms,
booking pages or anything with cookies. Visitors with a session (editors, staff) always get a fresh
page. Any content change bumps the version, so a published edit shows on the next request.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse

from .content_cache import TIMEOUT, versioned_key

ATTRIBUTE = "acuclinic_public"


def mark_public(response):
    setattr(response, ATTRIBUTE, True)
    return response


def _key(request) -> str:
    return versioned_key(f"page:{request.get_host()}:{request.get_full_path()}")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
        if eligible:
            stored = cache.get(key := _key(request))
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(content, content_type=content_type)
                response["X-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if (
            eligible
            and getattr(response, ATTRIBUTE, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
            response["X-Cache"] = "miss"
        return response


class CachedSiteMiddleware:
    """Find the request's Wagtail site in the content cache instead of the database.

    Wagtail memoises the site it finds on ``request._wagtail_site``; filling that in first (from a
    cache that expires whenever content, including a Site, changes) saves its per-request query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        from .content_cache import cached

        host, port = request._get_raw_host(), request.get_port()
        try:
            site = cached(f"site:{host}:{port}", lambda: _site_with_root(Site._find_for_request(request)) or "none")
        except DatabaseError:
            pass  # let the view answer (e.g. /healthz reports the database as down)
        else:
            request._wagtail_site = site if site != "none" else None
        return self.get_response(request)


def _site_with_root(site):
    if site is not None:
        site.root_page = site.root_page.specific  # fetched once, travels with the cached site
    return site
