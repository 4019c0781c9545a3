"""Whether an internal link in a guide leads somewhere: a live page id, or a path the site serves."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, Site


def link_exists(link: str) -> bool:
    if link.startswith("page:"):
        return Page.objects.filter(pk=int(link[5:]), live=True).exists()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return False
    request = RequestFactory().get(link)
    request.user = AnonymousUser()
    try:
        page, args, kwargs = site.root_page.specific.route(request, [part for part in link.split("/") if part])
        # Routable pages (the atlas) decide inside their views whether a point exists: ask them.
        response = page.serve(request, *args, **kwargs)
    except Http404:
        return False
    return response.status_code < 400
