"""The clinic's moderation queue in the Wagtail admin: the list of reader comments by status and guide, the
approve / spam / delete actions on one comment or a selection, and the staff reply page.

These pages sit behind the admin login (mounted through ``register_admin_urls``) and each asks for
django-contrib-comments' own ``can_moderate`` permission, which the "Moderators" group holds: an editor
of guides may use the admin without seeing readers' email and IP addresses. What a moderation does to a
comment is decided in ``services.py``; these views parse a form, call one service and redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from acuclinic.guides.models import ConditionGuidePage

from . import services
from .models import GuideComment, Status

MODERATE_COMMENTS = "django_comments.can_moderate"
ALL = "all"
PER_PAGE = 50


# Forms ------------------------------------------------------------------------------------------------


def guides_with_comments():
    # object_pk is text (a comment may belong to any model), so the page id is cast to text, not the reverse.
    guide_type = ContentType.objects.get_for_model(ConditionGuidePage)
    has_comments = GuideComment.objects.filter(
        content_type=guide_type, object_pk=Cast(OuterRef("pk"), output_field=CharField())
    )
    return ConditionGuidePage.objects.filter(Exists(has_comments)).order_by("title")


# In the order of the queue's tabs: what needs a moderator first.
STATUSES = [
    (Status.PENDING.value, Status.PENDING.label),
    (Status.APPROVED.value, Status.APPROVED.label),
    (Status.SPAM.value, Status.SPAM.label),
    (ALL, _("All")),
]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    guide = forms.ModelChoiceField(
        ConditionGuidePage.objects.none(), label=_("Guide"), required=False, empty_label=_("All guides")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = guides_with_comments()


class CommentIdsField(forms.Field):
    """The ticked comments' ids. An id whose comment is gone (deleted with its thread meanwhile) is dropped
    by the query that loads the rest, not refused, so a moderator's selection is never lost to a colleague."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return sorted({int(pk) for pk in value or []})
        except (TypeError, ValueError):
            raise ValidationError(_("The selection was not understood; please try again."), code="invalid") from None


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("spam", _("Mark as spam")), ("delete", _("Delete"))]
    )
    comments = CommentIdsField(required=False)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published at once under the comment, with the clinic's badge."),
    )


# The queue's rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    comment: GuideComment
    guide: ConditionGuidePage | None  # None once the guide is deleted
    url: str  # the comment on the live guide, or "" when the guide is not published


def rows(page: Page, request) -> list[Row]:
    found = []
    for comment in page:
        guide = comment.content_object  # prefetched: one query for the page's guides
        guide_url = guide.get_url(request) if guide is not None else None
        found.append(Row(comment, guide, f"{guide_url}#comment-{comment.pk}" if guide_url else ""))
    return found


def status_counts(comments) -> dict[str, int]:
    """Comments per status, in one query."""
    return comments.aggregate(
        **{
            Status.APPROVED.value: Count("pk", filter=Q(is_public=True, is_removed=False)),
            Status.PENDING.value: Count("pk", filter=Q(is_public=False, is_removed=False)),
            Status.SPAM.value: Count("pk", filter=Q(is_removed=True)),
            ALL: Count("pk"),
        }
    )


# Actions ----------------------------------------------------------------------------------------------


def _approve(comments, user) -> str:
    count = services.approve(comments, by=user)
    return ngettext("%(count)d comment approved.", "%(count)d comments approved.", count) % {"count": count}


def _spam(comments, user) -> str:
    count = services.mark_spam(comments, by=user)
    return ngettext("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count) % {"count": count}


def _delete(comments, user) -> str:
    count = services.delete(comments)  # the selection and the replies in its threads
    return ngettext(
        "%(count)d comment deleted (replies go with the comment they answer).",
        "%(count)d comments deleted (replies go with the comment they answer).",
        count,
    ) % {"count": count}


ACTIONS: dict[str, Callable[[list[GuideComment], object], str]] = {
    "approve": _approve,
    "spam": _spam,
    "delete": _delete,
}


# Views ------------------------------------------------------------------------------------------------


class NotAModeratorView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "discussion/admin/not_a_moderator.html"
    page_title = _("Comments")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(), status=403)


class ModeratorRequiredMixin(PermissionRequiredMixin):
    permission_required = MODERATE_COMMENTS

    def handle_no_permission(self):
        # Wagtail's admin turns PermissionDenied into a redirect to the dashboard. A moderator's email
        # links here; an account that may not moderate should be told so on this URL, with a 403.
        return NotAModeratorView.as_view()(self.request)

    def queue_url(self) -> str:
        # Back to the list the moderator came from (its status, guide and page), else the default queue.
        next_url = get_valid_next_url_from_request(self.request)
        return next_url if next_url.startswith(reverse("discussion_admin:queue")) else reverse("discussion_admin:queue")


class QueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "discussion/admin/queue.html"
    page_title = _("Comments")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @property
    def header_buttons(self):
        if not self.request.user.has_perm("discussion.view_blockedterm"):
            return []
        url = reverse("wagtailsnippets_discussion_blockedterm:list")
        return [HeaderButton(gettext("Comment blocklist"), url=url, icon_name="cross")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Always bound, so an empty query string means "the defaults"; an unknown guide is shown as an error.
        form = QueueFilterForm(self.request.GET)
        form.is_valid()
        status = form.cleaned_data.get("status") or Status.PENDING
        guide = form.cleaned_data.get("guide")
        comments = GuideComment.objects.all()
        if guide is not None:
            comments = comments.on(guide)
        counts = status_counts(comments)
        if status != ALL:
            comments = comments.with_status(status)
        paginator = Paginator(comments.order_by("-submit_date", "-pk").prefetch_related("content_object"), PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            form=form,
            status=status,
            guide=guide,
            tabs=[(value, label, counts[value]) for value, label in STATUSES],
            page=page,
            rows=rows(page, self.request),
            next_url=self.request.get_full_path(),
        )
        return context


class ModerateView(ModeratorRequiredMixin, View):
    """Approve, mark as spam or delete: the ticked comments, or the one comment named in the URL."""

    http_method_names = ["post"]

    def post(self, request, pk=None):
        form = ModerationForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("The action was not understood; nothing was changed."))
            return redirect(self.queue_url())
        ids = [pk] if pk is not None else form.cleaned_data["comments"]
        comments = list(GuideComment.objects.filter(pk__in=ids))
        if not comments:
            if pk is not None:
                messages.warning(request, gettext("That comment was deleted meanwhile."))
            else:
                messages.warning(request, gettext("No comments were selected; nothing was changed."))
            return redirect(self.queue_url())
        messages.success(request, ACTIONS[form.cleaned_data["action"]](comments, request.user))
        return redirect(self.queue_url())


class ReplyView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Answer a comment as the clinic. Answering a pending comment approves it (services.reply_as_staff)."""

    form_class = ReplyForm
    template_name = "discussion/admin/reply.html"
    page_title = _("Reply")
    header_icon = "comment"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.parent = get_object_or_404(GuideComment, pk=kwargs["pk"])
        if self.parent.content_object is None:
            raise Http404  # the guide was deleted: there is nowhere to publish a reply

    def get_page_subtitle(self):
        return self.parent.user_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.queue_url(), "label": gettext("Comments")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(parent=self.parent, guide=self.parent.content_object, next_url=self.queue_url())
        return context

    def form_valid(self, form):
        try:
            services.reply_as_staff(self.parent, user=self.request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, gettext("Your reply to %(name)s is published.") % {"name": self.parent.user_name}
        )
        return redirect(self.queue_url())
