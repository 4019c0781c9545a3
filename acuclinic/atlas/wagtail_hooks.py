from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Point


class DataFilePointPolicy(ModelPermissionPolicy):
    """Points come from the data files: editors may annotate them, never add or delete them."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PointViewSet(SnippetViewSet):
    model = Point
    icon = "crosshairs"
    menu_label = _("Acupoints")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["code", "pinyin", "english", "meridian", "region"]
    list_filter = ["meridian", "region"]
    list_per_page = 50
    ordering = ["sort_order"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel(name, read_only=True)
                for name in ("code", "pinyin", "hanzi", "english", "region", "location", "needling", "cautions")
            ],
            heading=_("From the atlas data files (read-only)"),
        ),
        MultiFieldPanel([FieldPanel("clinic_note"), FieldPanel("image")], heading=_("The clinic's additions")),
    ]


register_permission_policy(Point, DataFilePointPolicy(Point))
register_snippet(PointViewSet)
