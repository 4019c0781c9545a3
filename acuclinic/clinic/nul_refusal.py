"""A web address with a NUL character in it is refused with a 400, before any view reads it.

No URL of this site contains NUL, and PostgreSQL refuses it in any text parameter: a slug, token or
page path with ``%00`` in it would reach a query and fail there, in every view that looks one up.
Forms already refuse NUL (Django's fields do); this does the same for the path and the query string.
The JSON API is left to its own validation, which answers in its documented error model.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _


def has_nul(request) -> bool:
    if "\x00" in request.path_info:
        return True
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())


class NulRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/") or not has_nul(request):
            return self.get_response(request)
        detail = _("A web address cannot contain a NUL character (%00).")
        return HttpResponse(detail, status=400, content_type="text/plain; charset=utf-8")
