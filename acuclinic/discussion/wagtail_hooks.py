"""Reader comments in the Wagtail admin: one "Comments" menu holding the moderation queue and the blocklist,
the ``can_moderate`` permission in the group editor, and a dashboard panel counting comments on hold.
The comment rules are a site setting (models.py)."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import BlockedTerm, GuideComment

# The admin's comment pages: /admin/comments/...
queue_urls = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("moderate/", admin_views.ModerateView.as_view(), name="moderate_selected"),
    path("<int:pk>/moderate/", admin_views.ModerateView.as_view(), name="moderate"),
    path("<int:pk>/reply/", admin_views.ReplyView.as_view(), name="reply"),
]


@hooks.register("register_admin_urls")
def register_queue_urls():
    # Mounted inside the admin, so Wagtail's login and "access admin" check guard every one of them.
    return [path("comments/", include((queue_urls, "discussion_admin"), namespace="discussion_admin"))]


@hooks.register("register_permissions")
def moderation_permission():
    # django-contrib-comments' own permission has no viewset to offer it in the group editor; offer it here.
    return Permission.objects.filter(content_type__app_label="django_comments", codename="can_moderate")


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.MODERATE_COMMENTS)


@hooks.register("register_discussion_menu_item")
def queue_menu_item():
    return QueueMenuItem(_("Moderation queue"), reverse("discussion_admin:queue"), icon_name="comment", order=0)


class BlockedTermViewSet(SnippetViewSet):
    model = BlockedTerm
    icon = "cross"
    menu_label = _("Comment blocklist")
    list_display = ["term", "created_at"]
    search_fields = ["term"]


class CommentsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 250
    # The queue is not a viewset; it joins this menu through this hook (see above).
    submenu_hook = "register_discussion_menu_item"
    items = (BlockedTermViewSet,)


register_snippet(CommentsViewSetGroup)


class CommentsAwaitingApprovalPanel(Component):
    name = "comments_awaiting_approval"
    order = 80
    template_name = "discussion/admin/awaiting_approval_panel.html"

    def __init__(self, request):
        self.request = request

    @cached_property
    def count(self) -> int:
        return GuideComment.objects.pending().count()

    def get_context_data(self, parent_context=None):
        return {"count": self.count, "queue_url": reverse("discussion_admin:queue")}

    def render_html(self, parent_context=None):
        if not self.count:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_awaiting_approval_panel(request, panels):
    if request.user.has_perm(admin_views.MODERATE_COMMENTS):
        panels.append(CommentsAwaitingApprovalPanel(request))
