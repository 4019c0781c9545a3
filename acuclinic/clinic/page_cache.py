"""A whole-page cache for anonymous visitors, keyed by content version (clinic/content_cache.py).

Only responses a view marks as public (``mark_public``) are stored: content pages, never forms,
booking pages or anything with cookies. Visitors with a session (editors, staff) or another personal
cookie always get a fresh page. Any content change bumps the version, so a published edit shows on
the next request.

A cached page may still carry a few bytes that must be new on every response, such as the signed
timestamp of a comment form: the template writes a marker (``fresh_marker``) and this middleware fills
it in on every HTML response, cached or not, with the function registered under its name.

User text can contain anything, a marker's text included, so a marker carries an HMAC (keyed by
``SECRET_KEY``) of its name and argument: only markers our own code wrote are filled, and only for the
object it named. Responses other than HTML (JSON, calendars, feeds) are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

from .content_cache import TIMEOUT, versioned_key

ATTRIBUTE = "acuclinic_public"
FRESH = re.compile(rb"<!--fresh:([a-z_]+):([\w.:-]*):([0-9a-f]{32})-->")
_SALT = "acuclinic.clinic.page_cache.fresh"
_fillers: dict[str, Callable[[str], str]] = {}
# Cookies that make a response personal (besides the session): requests carrying one skip the cache.
personal_cookies: set[str] = set()


def _signature(name: str, argument: str) -> str:
    return salted_hmac(_SALT, f"{name}:{argument}", algorithm="sha256").hexdigest()[:32]


def fresh_marker(name: str, argument: str) -> str:
    """The marker a template writes where ``register_fresh``'s filler for ``name`` must go."""
    return f"<!--fresh:{name}:{argument}:{_signature(name, argument)}-->"


def register_fresh(name: str, fill: Callable[[str], str]) -> None:
    """``fill(argument)`` returns the HTML that replaces ``fresh_marker(name, argument)`` in each response."""
    _fillers[name] = fill


def fill_fresh(content: bytes, content_type: str = "text/html") -> bytes:
    """Fill the markers our templates wrote into an HTML body; anything else, a forged marker included, stays."""
    if b"<!--fresh:" not in content or not content_type.startswith("text/html"):
        return content

    def fill(match: re.Match) -> bytes:
        name, argument = match[1].decode(), match[2].decode()
        filler = _fillers.get(name)
        if filler is None or not constant_time_compare(match[3].decode(), _signature(name, argument)):
            return match[0]
        return filler(argument).encode()

    return FRESH.sub(fill, content)


def mark_public(response):
    setattr(response, ATTRIBUTE, True)
    return response


def _key(request) -> str:
    # The scheme too: a page rendered for http:// carries http:// links (canonical, JSON-LD).
    return versioned_key(f"page:{request.scheme}://{request.get_host()}{request.get_full_path()}")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = (
            getattr(settings, "PAGE_CACHE", True)
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not personal_cookies.intersection(request.COOKIES)
        )
        if eligible:
            stored = cache.get(key := _key(request))
            if stored is not None:
                content, content_type = stored
                response = HttpResponse(fill_fresh(content, content_type), content_type=content_type)
                response["X-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if response.streaming:
            return response
        if eligible and getattr(response, ATTRIBUTE, False) and response.status_code == 200 and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
            response["X-Cache"] = "miss"
        if (filled := fill_fresh(response.content, response.get("Content-Type", ""))) is not response.content:
            response.content = filled
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
