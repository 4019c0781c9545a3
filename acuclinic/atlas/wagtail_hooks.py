from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import codes
from .models import Point


class ListPanel(FieldPanel):
    """A read-only list field (the cautions) shown as a list, not as Python's repr of it."""

    read_only_output_template_name = "atlas/admin/read_only_list.html"


class PointSearchForm(SearchFilterMixin, BaseFilterForm):
    """The chooser's search: any code or name codes.py understands ("GB30", "环跳", "UB40") first;
    anything else goes to Wagtail's autocomplete as before ("Huanti…")."""

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        exact = codes.resolve(query).codes if query else ()
        if exact:
            self.is_searching, self.search_query = True, query
            return objects.filter(code__in=exact)
        return super().filter(objects)


class PointChooseView(ChooseView):
    filter_form_class = PointSearchForm


class PointChooseResultsView(ChooseResultsView):
    filter_form_class = PointSearchForm


class PointChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PointChooseView
    choose_results_view_class = PointChooseResultsView


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
    chooser_viewset_class = PointChooserViewSet
    panels = [
        MultiFieldPanel(
            [
                *(
                    FieldPanel(name, read_only=True)
                    for name in ("code", "pinyin", "hanzi", "english", "region", "location", "needling")
                ),
                ListPanel("cautions", read_only=True),
            ],
            heading=_("From the atlas data files (read-only)"),
        ),
        MultiFieldPanel([FieldPanel("clinic_note"), FieldPanel("image")], heading=_("The clinic's additions")),
    ]


register_permission_policy(Point, DataFilePointPolicy(Point))
register_snippet(PointViewSet)
