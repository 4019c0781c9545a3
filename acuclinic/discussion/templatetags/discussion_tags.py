"""``{% guide_comments page %}``: the comments under a guide and the "Leave a Reply" form."""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from acuclinic.clinic.page_cache import fresh_marker

from .. import services, threads
from ..forms import STAMP, CommentForm
from ..models import GuideComment
from ..pending import pending_ids

register = template.Library()


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100_000 else 1


@register.simple_tag
def comment_count(guide) -> int:
    return threads.comment_page(guide, 1).count if guide.pk else 0


@register.inclusion_tag("discussion/comments.html", takes_context=True)
def guide_comments(context, guide):
    request = context["request"]
    if not guide.pk or context.get("is_preview"):
        return {"hidden": True}
    page = threads.with_own_pending(
        threads.comment_page(guide, _number(request.GET.get("cpage"))), guide, pending_ids(request)
    )
    is_open = services.is_open(guide, site=getattr(request, "_wagtail_site", None) or guide.get_site())
    form = getattr(request, "comment_form", None)
    replying_to = None
    if form is None and is_open:
        reply_to = _number(request.GET.get("replytocom")) if request.GET.get("replytocom") else 0
        if reply_to:
            replying_to = GuideComment.objects.on(guide).approved().filter(pk=reply_to).first()
        initial = {"reply_to": replying_to.pk if replying_to else 0}
        if request.user.is_authenticated:
            initial.update(name=services.display_name(request.user), email=request.user.email)
        form = CommentForm(guide, initial=initial)
    elif form is not None and form.data.get("reply_to", "").isdigit():
        replying_to = GuideComment.objects.on(guide).approved().filter(pk=int(form.data["reply_to"])).first()
    meta = ContentType.objects.get_for_model(type(guide))
    content_type = f"{meta.app_label}.{meta.model}"
    return {
        "request": request,
        "guide_url": guide.get_url(request),
        "comments": page,
        "is_open": is_open,
        "form": form,
        "notice": getattr(request, "comment_notice", ""),
        "replying_to": replying_to,
        "action": reverse("discussion:post"),
        "content_type": content_type,
        "object_pk": guide.pk,
        "stamp": fresh_marker(STAMP, f"{content_type}:{guide.pk}"),
        "signed_in": request.user.is_authenticated,
    }
