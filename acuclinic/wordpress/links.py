"""Old WordPress addresses keep working: each becomes a permanent redirect (Wagtail's redirects app).

WordPress answers a post at several addresses: its permalink (/acupuncture-for-sciatica/ or
/2023/05/acupuncture-for-sciatica/ ...), the plain form /?p=123 (pages /?page_id=12) and category
archives /category/acupoints/. Wagtail's RedirectMiddleware only looks for a redirect when a request ends
in a 404, and /?p=123 never does: it is the home page with a query string. ``OldQueryLinkMiddleware``
answers those few query forms before the page is served.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django import http
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from .wxr import Item

QUERY_KEYS = ("p", "page_id", "cat", "attachment_id")


def _path(url: str, base: str) -> str | None:
    parts = urlsplit(url)
    if not url or (parts.netloc and base and parts.netloc != urlsplit(base).netloc):
        return None
    base_path = urlsplit(base).path.rstrip("/")
    path = parts.path
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :] or "/"
    return path + (f"?{parts.query}" if parts.query else "")


def old_paths(item: Item, base: str) -> list[str]:
    """Every address WordPress answered this post or page at."""
    paths = [_path(item.link, base), _path(item.guid, base)]
    paths.append(f"/?page_id={item.wp_id}" if item.post_type == "page" else f"/?p={item.wp_id}")
    if item.post_type == "post" and item.slug:
        paths.append(f"/{item.slug}/")
        try:
            day = dt.datetime.strptime(item.date, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            day = None
        if day:
            paths += [f"/{day:%Y/%m}/{item.slug}/", f"/{day:%Y/%m/%d}/{item.slug}/", f"/{day:%Y}/{item.slug}/"]
    return list(dict.fromkeys(p for p in paths if p and p != "/"))


class Redirects:
    """The site's redirects, read once; new ones are written together at the end of the import."""

    def __init__(self, site, report):
        self.site, self.report = site, report
        self.existing = {
            r.old_path: r for r in Redirect.objects.filter(site=site).only("id", "old_path", "redirect_page_id")
        }
        self.new: dict[str, Redirect] = {}
        self.root = site.root_page.url_path

    def add(self, old_path: str, page) -> None:
        """A 301 from ``old_path`` to ``page``, unless the page now lives at that very address."""
        normalised = Redirect.normalise_path(old_path)
        if normalised == Redirect.normalise_path(page.url_path[len(self.root) - 1 :]) or normalised in self.new:
            return
        found = self.existing.get(normalised)
        if found is None:
            self.new[normalised] = Redirect(site=self.site, old_path=normalised, redirect_page=page, is_permanent=True)
            self.report.count("redirects", "created")
        elif found.redirect_page_id != page.pk:
            found.redirect_page, found.redirect_link, found.is_permanent = page, "", True
            found.save()
            self.report.count("redirects", "updated")
        else:
            self.report.count("redirects", "unchanged")

    def save(self) -> None:
        Redirect.objects.bulk_create(self.new.values())
        self.new.clear()


class OldQueryLinkMiddleware:
    """/?p=123, /?page_id=12, /?cat=3: WordPress's plain links, redirected before the home page answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD") and any(k in request.GET for k in QUERY_KEYS):
            found = get_redirect(request, Redirect.normalise_path(request.get_full_path(), decode_unicode=False))
            if found is not None and found.link:
                return http.HttpResponsePermanentRedirect(found.link)
        return self.get_response(request)
