from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .checks import ERROR, check_guide, months_before
from .drafts import draft_from_page
from .links import link_exists
from .models import ConditionGuidePage, GuideSettings, Reviewer


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = _("Reviewers")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "credential"]


register_snippet(ReviewerViewSet)


def _report_findings(request, page):
    """After a save, show the editor what the checks found (errors already blocked a publish)."""
    if not isinstance(page.specific, ConditionGuidePage):
        return
    guide = page.specific.get_latest_revision_as_object()
    interval = GuideSettings.for_request(request).review_interval_months
    for finding in check_guide(
        draft_from_page(guide), today=timezone.localdate(), review_interval_months=interval, link_exists=link_exists
    ):
        level = messages.ERROR if finding.severity == ERROR else messages.WARNING
        prefix = _("Must be fixed before publishing: ") if finding.severity == ERROR else _("Warning: ")
        messages.add_message(request, level, f"{prefix}{finding.message}")


hooks.register("after_create_page", _report_findings)
hooks.register("after_edit_page", _report_findings)


class GuidesDueForReviewPanel(Component):
    name = "guides_due_for_review"
    order = 90
    template_name = "guides/admin/due_for_review_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        interval = GuideSettings.for_request(self.request).review_interval_months
        cutoff = months_before(timezone.localdate(), interval)
        due = ConditionGuidePage.objects.filter(reviewed_on__lt=cutoff) | ConditionGuidePage.objects.filter(
            reviewed_on__isnull=True
        )
        return {"guides": due.order_by("reviewed_on").select_related("reviewer"), "interval": interval}

    def render_html(self, parent_context=None):
        if not self.get_context_data()["guides"].exists():
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_due_for_review_panel(request, panels):
    panels.append(GuidesDueForReviewPanel(request))
