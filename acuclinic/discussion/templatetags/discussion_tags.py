"""``{% guide_comments page %}``: the comments under a guide and the "Leave a Reply" form."""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from acuclinic.clinic.content_cache import cached
from acuclinic.clinic.page_cache import fresh_marker

from .. import services, threads
from ..forms import STAMP, CommentForm
from ..ids import plain_id
from ..models import GuideComment
from ..pending import pending_ids
from ..text import public_name

register = template.Library()


def _number(value: str | None) -> int:
    """A comment page number from ``?cpage=``; anything else is page 1 (past the last page is the last)."""
    number = plain_id(value)
    return number if number and number < 100_000 else 1


@register.simple_tag
def comment_count(guide) -> int:
    return threads.comment_page(guide, 1).count if guide.pk else 0


@register.simple_tag(takes_context=True)
def guide_comments(context, guide) -> str:
    """The comments section. For the usual visitor (anonymous, nothing awaiting moderation, not resending a
    form) it is the same HTML for everyone, so it is rendered once per content version and page of comments;
    the form's timestamp is a marker filled in on each response (clinic/page_cache.py)."""
    request = context["request"]
    if not guide.pk or context.get("is_preview"):
        return ""
    number = _number(request.GET.get("cpage"))
    form = getattr(request, "comment_form", None)
    pending = pending_ids(request)
    signed_in = request.user.is_authenticated
    if form is not None:
        replying_to = _reply_target(guide, form.data.get("reply_to", ""))
    else:
        replying_to = _reply_target(guide, request.GET.get("replytocom", ""))

    def render() -> str:
        return render_to_string(
            "discussion/comments.html",
            _section(request, guide, number=number, form=form, pending=pending, replying_to=replying_to),
            request=request if signed_in else None,  # the CSRF token needs the request
        )

    if form is None and not pending and not signed_in:
        return cached(f"comments-html:{guide.pk}:{number}:{replying_to.pk if replying_to else 0}", render)
    return render()


def _reply_target(guide, value: str) -> GuideComment | None:
    pk = plain_id(value)
    return GuideComment.objects.on(guide).approved().filter(pk=pk).first() if pk else None


def _section(request, guide, *, number, form, pending, replying_to) -> dict:
    page = threads.with_own_pending(threads.comment_page(guide, number), guide, pending)
    is_open = services.is_open(guide, site=Site.find_for_request(request) or guide.get_site())
    if form is None and is_open:
        initial = {"reply_to": replying_to.pk if replying_to else 0}
        if request.user.is_authenticated:
            initial.update(name=services.display_name(request.user), email=request.user.email)
        form = CommentForm(guide, initial=initial)
    meta = ContentType.objects.get_for_model(type(guide))
    content_type = f"{meta.app_label}.{meta.model}"
    return {
        "guide_url": guide.get_url(request),
        "comments": page,
        "is_open": is_open,
        "form": form,
        "notice": getattr(request, "comment_notice", ""),
        "replying_to": replying_to,
        "replying_to_name": public_name(replying_to.user_name) if replying_to else "",
        # After a refused post the browser shows the answer at the form, with its notice, not at the top of the guide.
        "action": reverse("discussion:post") + "#comments",
        "content_type": content_type,
        "object_pk": guide.pk,
        "stamp": fresh_marker(STAMP, f"{content_type}:{guide.pk}"),
        "signed_in": request.user.is_authenticated,
    }
