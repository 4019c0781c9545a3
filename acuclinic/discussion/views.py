"""Posting a comment. Thin: check the target and the rate limit, validate, call the service, redirect.

Guide pages come from the page cache, which must not hold a CSRF token, so anonymous posts are exempt
from CSRF and rely instead on django-contrib-comments' signed timestamp (made fresh on every response,
clinic/page_cache.py), its honeypot, a minimum time on the form, a rate limit and moderation. A signed-in
user's post carries their name and the "Clinic" badge, so for them the CSRF check is enforced.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from acuclinic.clinic.ratelimit import allow, client_address
from acuclinic.guides.models import ConditionGuidePage

from . import services
from .forms import CommentForm
from .ids import plain_id
from .pending import remember_pending

GUIDE_TYPE = "guides.conditionguidepage"


@csrf_exempt
@require_POST
def post_comment(request):
    if request.user.is_authenticated:
        return csrf_protect(_post_comment)(request)
    return _post_comment(request)


def _target(data) -> ConditionGuidePage | None:
    pk = plain_id(data.get("object_pk"))
    if data.get("content_type") != GUIDE_TYPE or pk is None:
        return None
    return ConditionGuidePage.objects.live().filter(pk=pk).first()


def _post_comment(request):
    guide = _target(request.POST)
    if guide is None or any(not r.accept_request(request) for r in guide.get_view_restrictions()):
        return HttpResponseBadRequest(
            _("This comment form does not belong to a published guide."), content_type="text/plain"
        )
    form = CommentForm(guide, data=request.POST)
    if not allow(request, "comments", limit=settings.COMMENT_RATE_LIMIT, per_seconds=3600):
        return _show_again(
            request,
            guide,
            form,
            429,
            _(
                "We have received many comments from your connection in the last hour. Your text is kept below: "
                "please send it again later."
            ),
        )
    if not form.is_valid():
        return _show_again(request, guide, form, 400, _security_notice(form))
    data = form.cleaned_data
    try:
        comment = services.post_comment(
            guide=guide,
            name=data["name"],
            email=data["email"],
            url=data["url"],
            text=data["comment"],
            reply_to=data.get("reply_to"),
            user=request.user,
            ip_address=_ip_address(request),
        )
    except ValidationError as error:
        return _show_again(
            request, guide, form, 403 if isinstance(error, services.CommentsClosed) else 400, " ".join(error.messages)
        )
    response = HttpResponseRedirect(f"{guide.get_url(request)}#comment-{comment.pk}", status=303)
    if comment.status != "approved":
        remember_pending(request, response, comment.pk)
    return response


def _ip_address(request) -> str | None:
    # Kept for moderators; a proxy header that is not an address is not the reader's fault.
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def _security_notice(form) -> str:
    if form.has_error("honeypot"):
        return _("Your comment looks automated and was not sent.")
    if form.has_error("timestamp", "too_fast"):
        return form.errors["timestamp"][0]
    if form.has_error("reply_to"):
        return form.errors["reply_to"][0]  # a hidden field: its error has no place beside it
    if form.has_error("timestamp") or form.has_error("security_hash"):
        return _("This form has expired or could not be checked. Your text is kept below: please send it again.")
    return _("Please correct the marked fields; your text is kept below.")


def _show_again(request, guide, form, status: int, notice: str):
    """The guide again, with the reader's form, its errors beside the fields, and a notice above it."""
    request.comment_form = form
    request.comment_notice = notice
    response = guide.serve(request)
    response.status_code = status
    return response
