from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from acuclinic.clinic.clock import clinic_today

from .checks import ERROR, check_guide, months_before
from .drafts import draft_from_page
from .links import link_exists
from .models import ConditionGuidePage, GuideSettings, Reviewer
from .publishing import GuideNotPublishable, publishing_errors, report_refusal


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
        draft_from_page(guide), today=clinic_today(), review_interval_months=interval, link_exists=link_exists
    ):
        level = messages.ERROR if finding.severity == ERROR else messages.WARNING
        prefix = _("Must be fixed before publishing: ") if finding.severity == ERROR else _("Warning: ")
        messages.add_message(request, level, f"{prefix}{finding.message}")


hooks.register("after_create_page", _report_findings)
hooks.register("after_edit_page", _report_findings)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_guides_with_errors(request, action_type, objects, action):
    """Pages › tick › Publish: name every guide that may not go live, and publish nothing.

    Bulk publish publishes each page's latest revision (and, if asked, every draft below it); the
    model would refuse the first guide with errors anyway, but this says which ones, all at once.
    """
    if action_type != "publish" or not issubclass(action.model, Page):
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += page.get_descendants().not_live()
    guides = ConditionGuidePage.objects.filter(pk__in=[p.pk for p in pages])
    refusals = []
    for guide in guides:
        latest = guide.get_latest_revision_as_object()
        if found := publishing_errors(latest):
            refusals.append(GuideNotPublishable(latest, found))
    if not refusals:
        return None
    for refusal in refusals:
        report_refusal(request, refusal)
    messages.error(request, _("Nothing was published."))
    return redirect(action.next_url)


@hooks.register("construct_admin_api")
def check_guides_before_the_admin_api_publishes(router):
    from .admin_api import GuideCheckingPagesAdminAPIViewSet

    router.register_endpoint("pages", GuideCheckingPagesAdminAPIViewSet)


@hooks.register("after_copy_page")
def explain_guide_copies_kept_as_drafts(request, page, new_page):
    """A copy made with "publish copies" whose content fails the checks was created as a draft (see the model)."""
    if not request.POST.get("publish_copies"):
        return
    copies = [new_page.pk, *new_page.get_descendants().values_list("pk", flat=True)]
    for copy in ConditionGuidePage.objects.filter(pk__in=copies):
        if not copy.live and (found := publishing_errors(copy)):
            summary = _("“%(title)s” was copied as a draft, not published: it does not pass the atlas checks.") % {
                "title": copy.title
            }
            messages.warning(request, " ".join([summary, *(f.message for f in found)]))


@hooks.register("register_log_actions")
def register_guide_log_actions(actions):
    @actions.register_action("acuclinic_guides.scheduled_publish_refused")
    class ScheduledPublishRefused(LogFormatter):
        label = _("Scheduled publishing refused")

        def format_message(self, log_entry):
            problems = "; ".join(log_entry.data.get("messages", []))
            return _("Not published at the scheduled time: it does not pass the atlas checks (%(problems)s)") % {
                "problems": problems
            }


class GuidesDueForReviewPanel(Component):
    name = "guides_due_for_review"
    order = 90
    template_name = "guides/admin/due_for_review_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        interval = GuideSettings.for_request(self.request).review_interval_months
        cutoff = months_before(clinic_today(), interval)
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
