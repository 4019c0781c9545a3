"""A guide goes live only with content that passes the atlas checks, whichever way it is published.

Wagtail makes a revision live by ``Page.publish()`` (bulk publish, workflow approval, scheduled
publishing, the create view, imports) or by running ``PublishPageRevisionAction`` itself (the edit
view, the admin API), and a copy made with "publish copies" is written live without any publish.
``ConditionGuidePage`` refuses in both places (see its ``publish()`` and ``save()``); this module holds
what they share: the checks on a page's content, the error they raise, and how the admin shows it.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acuclinic.clinic.clock import clinic_today

from .checks import Finding, check_guide, errors
from .drafts import draft_from_page
from .links import link_exists

logger = logging.getLogger("acuclinic.guides")

# Fields whose errors Django and the admin API can show beside the field; the rest go to the page as a whole.
_FIELDS = {"points", "faq", "references", "reviewer", "reviewed_on", "body"}


class GuideNotPublishable(ValidationError):
    """Publishing was refused: the content has errors. Nothing was made live.

    A ValidationError (with the messages by field) so that Wagtail's admin API answers 400 with them;
    not a PermissionDenied, which the admin would turn into "you do not have permission".
    """

    def __init__(self, page, findings: list[Finding]):
        self.page_id = page.pk
        self.title = page.title
        self.findings = findings
        by_field: dict[str, list[str]] = {}
        for finding in findings:
            by_field.setdefault(finding.field if finding.field in _FIELDS else NON_FIELD_ERRORS, []).append(
                finding.message
            )
        super().__init__(by_field)

    @property
    def summary(self) -> str:
        return _("“%(title)s” was not published: it does not pass the atlas checks.") % {"title": self.title}


def publishing_errors(page) -> list[Finding]:
    """The errors that keep this content (a page, or a revision as a page) from going live."""
    # The review interval only decides a warning (review_stale), so the site's policy is not needed here.
    return errors(check_guide(draft_from_page(page), today=clinic_today(), link_exists=link_exists))


def refuse_unless_publishable(page) -> None:
    if found := publishing_errors(page):
        logger.warning(
            "Publishing refused: guide %s (page %s): %s", page.slug, page.pk, ", ".join(f.check for f in found)
        )
        raise GuideNotPublishable(page, found)


def report_refusal(request, refusal: GuideNotPublishable) -> None:
    """One message per guide: which guide, and every error to fix before it can go live."""
    messages.error(request, " ".join([refusal.summary, *(f.message for f in refusal.findings)]))


class RefusedPublishingMiddleware:
    """Turns a refused publish anywhere in a request into messages and a redirect, never a 500.

    Paths that can check first do (the edit form, bulk publish, copy); this answers the ones that
    cannot, such as "Approve and publish" from the dashboard, whose transaction Wagtail has already
    rolled back (the task stays in progress) by the time the error arrives here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, GuideNotPublishable):
            return None
        from wagtail.admin.utils import get_valid_next_url_from_request

        report_refusal(request, exception)
        target = get_valid_next_url_from_request(request) or (
            reverse("wagtailadmin_pages:edit", args=[exception.page_id])
            if exception.page_id
            else reverse("wagtailadmin_home")
        )
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # The workflow action modal follows a "success" step's redirect, where the messages show.
            return JsonResponse({"step": "success", "redirect": target})
        return redirect(target)


def withhold_scheduled_guides(*, dry_run: bool = False) -> list[tuple[object, list[Finding]]]:
    """Take guide revisions that are due to go live but fail the checks off the schedule.

    Run by ``publish_scheduled`` before Wagtail publishes what is due: Wagtail's loop would stop at the
    first refusal and retry it on every run, holding back every other page's scheduled publishing.
    The page keeps what it had (its live version, or its draft); its history says why.
    """
    from wagtail.log_actions import log
    from wagtail.models import Revision

    from .models import ConditionGuidePage

    withheld = []
    due = Revision.objects.filter(
        approved_go_live_at__lt=timezone.now(), content_type__in=[_content_type(ConditionGuidePage)]
    ).order_by("approved_go_live_at")
    for revision in due:
        page = revision.as_object()
        found = publishing_errors(page)
        if not found:
            continue
        withheld.append((page, found))
        if dry_run:
            continue
        go_live_at = revision.approved_go_live_at
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        log(
            instance=page,
            action="acuclinic_guides.scheduled_publish_refused",
            revision=revision,
            data={
                "go_live_at": go_live_at.isoformat(),
                "checks": [f.check for f in found],
                "messages": [f.message for f in found],
            },
        )
        # Guides hold no patient data; the slug and the checks' names say enough to find the problem.
        logger.warning(
            "Scheduled publishing refused: guide %s (page %s, revision %s): %s",
            page.slug,
            page.pk,
            revision.pk,
            ", ".join(f.check for f in found),
        )
        _tell_the_author(revision, page, go_live_at, found)
    return withheld


def _tell_the_author(revision, page, go_live_at, found: list[Finding]) -> None:
    """Whoever wrote the scheduled version hears by email that it did not go live, and why."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    author = revision.user
    if author is None or not author.email:
        return
    context = {
        "page": page,
        "go_live_at": timezone.localtime(go_live_at),
        "problems": [f.message for f in found],
        "edit_url": settings.BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    try:
        send_mail(
            subject=f"Not published: {page.title}"[:150],
            message=render_to_string("guides/email/scheduled_publish_refused.txt", context),
            from_email=None,
            recipient_list=[author.email],
        )
    except OSError:  # the mail server is down: the history entry and the log line still say it
        logger.warning("Could not email the author of guide %s about its refused publishing", page.slug)


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)
