"""The clinic's moderation queue in the Wagtail admin: who may see it, what it lists, the approve / spam /
delete actions on one comment or a selection, the staff reply page, the dashboard panel and the blocklist."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu

from acuclinic.discussion import services
from acuclinic.discussion.models import BlockedTerm, GuideComment
from acuclinic.guides.models import ConditionGuidePage
from tests.factories import StaffFactory, UserFactory

QUEUE = reverse("discussion_admin:queue")
BULK = reverse("discussion_admin:moderate_selected")

STATES = {"approved": (True, False), "pending": (False, False), "spam": (False, True)}


def add_comment(guide, name, status="pending", *, minutes_ago=0, text=None):
    """Written directly, so that any state can be set up; readers' posts go through services.post_comment."""
    is_public, is_removed = STATES[status]
    return GuideComment.objects.create(
        content_object=guide, site_id=1, user_name=name, user_email=f"{name.lower()}@example.org",
        comment=text or f"A question from {name}.", submit_date=timezone.now() - dt.timedelta(minutes=minutes_ago),
        ip_address="203.0.113.7", is_public=is_public, is_removed=is_removed,
    )  # fmt: skip


def statuses(*comments):
    return [GuideComment.objects.get(pk=c.pk).status for c in comments]


def admin_user(*perms):
    """A user of the admin with the given extra permissions ("app_label.codename")."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def moderator(client, clinic_site):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def other_guide(sciatica):
    return ConditionGuidePage.objects.exclude(pk=sciatica.pk).order_by("pk").first()


def page_of(client, **params) -> str:
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return response.content.decode()


# Who may moderate -------------------------------------------------------------------------------------


def test_an_editor_without_the_permission_is_refused_with_403(client, sciatica):
    comment = add_comment(sciatica, "Maya")
    client.force_login(admin_user())
    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("discussion_admin:reply", args=[comment.pk])).status_code == 403
    refused = client.post(reverse("discussion_admin:moderate", args=[comment.pk]), {"action": "approve"})
    assert refused.status_code == 403
    assert client.post(BULK, {"action": "delete", "comments": [comment.pk]}).status_code == 403
    assert statuses(comment) == ["pending"]


def test_anonymous_visitors_are_sent_to_the_admin_login(client, clinic_site):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_moderators_and_superusers_may_see_the_queue(client, clinic_site):
    client.force_login(StaffFactory())
    assert client.get(QUEUE).status_code == 200
    client.force_login(admin_user("django_comments.can_moderate"))
    assert client.get(QUEUE).status_code == 200


def test_the_comments_menu_is_shown_to_moderators_only(clinic_site):
    def menu_names(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        found = {}
        for item in admin_menu.menu_items_for_request(request):
            if hasattr(item, "menu"):
                items = sorted(item.menu.menu_items_for_request(request), key=lambda sub: sub.order)
                found[item.name] = [sub.name for sub in items]
        return found

    assert menu_names(StaffFactory())["comments"] == ["moderation-queue", "comment-blocklist"]
    assert "comments" not in menu_names(admin_user())


def test_can_moderate_is_offered_in_the_group_editor(moderator):
    page = moderator.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Can moderate comments" in page


# The list ---------------------------------------------------------------------------------------------


def test_the_queue_lists_pending_comments_newest_first(moderator, sciatica):
    add_comment(sciatica, "Older", minutes_ago=10)
    newer = add_comment(sciatica, "Newer", minutes_ago=1, text="Line one\n<b>line two</b>")
    add_comment(sciatica, "Shown", "approved")
    add_comment(sciatica, "Junk", "spam")

    page = page_of(moderator)
    assert page.index("Newer") < page.index("Older")
    assert "Shown" not in page and "Junk" not in page
    assert "newer@example.org" in page and "203.0.113.7" in page
    assert "Line one<br>&lt;b&gt;line two&lt;/b&gt;" in page
    assert f'{sciatica.url}#comment-{newer.pk}"' in page
    assert "Pending (2)" in page and "Approved (1)" in page and "Spam (1)" in page and "All (4)" in page


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("approved", ["Shown"], ["Waiting", "Junk"]),
        ("spam", ["Junk"], ["Waiting", "Shown"]),
        ("all", ["Waiting", "Shown", "Junk"], []),
    ],
)
def test_the_queue_filters_by_status(moderator, sciatica, status, shown, hidden):
    add_comment(sciatica, "Waiting")
    add_comment(sciatica, "Shown", "approved")
    add_comment(sciatica, "Junk", "spam")
    page = page_of(moderator, status=status)
    assert all(name in page for name in shown)
    assert not any(name in page for name in hidden)


def test_the_queue_filters_by_guide(moderator, sciatica, other_guide):
    add_comment(sciatica, "Sciatic")
    add_comment(other_guide, "Elsewhere")
    page = page_of(moderator, guide=sciatica.pk)
    assert "Sciatic" in page and "Elsewhere" not in page
    assert "Pending (1)" in page
    # Only guides with comments are offered in the guide filter.
    assert f'<option value="{other_guide.pk}"' in page
    silent = ConditionGuidePage.objects.exclude(pk__in=[sciatica.pk, other_guide.pk]).first()
    assert f'<option value="{silent.pk}"' not in page


def test_the_queue_shows_fifty_a_page(moderator, sciatica):
    for n in range(51):
        add_comment(sciatica, f"Reader{n:02d}", minutes_ago=n)
    first = page_of(moderator)
    assert "Reader00" in first and "Reader49" in first and "Reader50" not in first
    assert "Page 1 of 2" in first
    second = page_of(moderator, p=2)
    assert "Reader50" in second and "Reader49" not in second


def test_replies_are_marked(moderator, sciatica):
    parent = add_comment(sciatica, "Maya", "approved")
    services.reply_as_staff(parent, user=StaffFactory(username="clinician"), text="Yes, it does.")
    page = page_of(moderator, status="approved")
    assert "<em>Reply</em>" in page


def test_the_queue_takes_the_same_queries_for_5_or_30_comments(moderator, sciatica, other_guide):
    def queries() -> int:
        moderator.get(QUEUE)  # warm the site and content type caches (saving comments may reset them)
        with CaptureQueriesContext(connection) as captured:
            assert moderator.get(QUEUE, {"status": "all"}).status_code == 200
        return len(captured)

    for n in range(5):
        add_comment(sciatica if n % 2 else other_guide, f"Few{n}")
    few = queries()
    for n in range(25):
        add_comment(sciatica if n % 2 else other_guide, f"Many{n}", "approved" if n % 3 else "pending")
    assert queries() == few


# Moderating -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "status"), [("approve", "approved"), ("spam", "spam")])
def test_a_rows_action_changes_that_comment_only(moderator, sciatica, action, status):
    chosen, other = add_comment(sciatica, "Chosen"), add_comment(sciatica, "Other")
    back = f"{QUEUE}?status=pending&guide={sciatica.pk}"
    response = moderator.post(
        reverse("discussion_admin:moderate", args=[chosen.pk]),
        {"action": action, "next": back, "comments": [other.pk]},  # a ticked row is not the row's own button
    )
    assert response.status_code == 302
    assert response["Location"] == back
    assert statuses(chosen, other) == [status, "pending"]


def test_deleting_a_row_deletes_its_replies(moderator, sciatica):
    parent, other = add_comment(sciatica, "Maya", "approved"), add_comment(sciatica, "Other")
    services.reply_as_staff(parent, user=StaffFactory(username="clinician"), text="Thank you.")
    response = moderator.post(reverse("discussion_admin:moderate", args=[parent.pk]), {"action": "delete"}, follow=True)
    assert list(GuideComment.objects.values_list("pk", flat=True)) == [other.pk]
    assert "2 comments deleted" in response.content.decode()


@pytest.mark.parametrize(("action", "status"), [("approve", "approved"), ("spam", "spam")])
def test_bulk_actions_change_the_selected_comments(moderator, sciatica, action, status):
    first, second, left = add_comment(sciatica, "First"), add_comment(sciatica, "Second"), add_comment(sciatica, "Left")
    response = moderator.post(BULK, {"action": action, "comments": [first.pk, second.pk]}, follow=True)
    assert statuses(first, second, left) == [status, status, "pending"]
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "2 comments" in response.content.decode()


def test_bulk_delete_says_how_many_went(moderator, sciatica):
    first, second, left = add_comment(sciatica, "First"), add_comment(sciatica, "Second"), add_comment(sciatica, "Left")
    response = moderator.post(BULK, {"action": "delete", "comments": [first.pk, second.pk]}, follow=True)
    assert list(GuideComment.objects.values_list("pk", flat=True)) == [left.pk]
    assert "2 comments deleted" in response.content.decode()


def test_an_empty_selection_changes_nothing(moderator, sciatica):
    comment = add_comment(sciatica, "Maya")
    response = moderator.post(BULK, {"action": "delete"}, follow=True)
    assert statuses(comment) == ["pending"]
    assert "No comments were selected" in response.content.decode()


def test_a_redirect_never_leaves_the_queue(moderator, sciatica):
    comment = add_comment(sciatica, "Maya")
    response = moderator.post(BULK, {"action": "approve", "comments": [comment.pk], "next": "https://evil.example/"})
    assert response["Location"] == QUEUE


def test_moderating_needs_a_post(moderator, sciatica):
    comment = add_comment(sciatica, "Maya")
    assert moderator.get(reverse("discussion_admin:moderate", args=[comment.pk])).status_code == 405
    assert statuses(comment) == ["pending"]


# Replying ---------------------------------------------------------------------------------------------


def test_a_reply_is_an_approved_staff_reply_and_approves_its_parent(client, sciatica):
    user = StaffFactory(username="clinician", first_name="Lin", last_name="Wu")
    client.force_login(user)
    parent = services.post_comment(guide=sciatica, name="Maya", email="maya@example.org", text="Will it hurt?")
    assert parent.status == "pending"  # a first comment from this address is held
    url = reverse("discussion_admin:reply", args=[parent.pk])
    back = f"{QUEUE}?status=pending"
    form = client.get(url, {"next": back})
    assert form.status_code == 200 and "Will it hurt?" in form.content.decode()

    response = client.post(url, {"text": "Hardly: most people feel a dull ache.", "next": back}, follow=True)
    assert response.redirect_chain == [(back, 302)]
    assert "Your reply to Maya is published." in response.content.decode()
    reply = GuideComment.objects.get(parent_id=parent.pk, level=1)
    assert (reply.status, reply.user, reply.user_name, reply.thread_id) == ("approved", user, "Lin Wu", parent.pk)
    assert statuses(parent) == ["approved"]


def test_an_empty_reply_is_a_form_error_and_saves_nothing(moderator, sciatica):
    parent = add_comment(sciatica, "Maya")
    response = moderator.post(reverse("discussion_admin:reply", args=[parent.pk]), {"text": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert GuideComment.objects.count() == 1
    assert statuses(parent) == ["pending"]


# Dashboard and blocklist ------------------------------------------------------------------------------


def test_the_dashboard_counts_comments_waiting(moderator, sciatica):
    assert "waiting for approval" not in moderator.get(reverse("wagtailadmin_home")).content.decode()
    add_comment(sciatica, "Maya")
    add_comment(sciatica, "Noor")
    add_comment(sciatica, "Shown", "approved")
    page = moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 comments waiting for approval" in page
    assert f'href="{QUEUE}"' in page


def test_the_dashboard_panel_is_hidden_from_editors(client, sciatica):
    add_comment(sciatica, "Maya")
    client.force_login(admin_user())
    assert "waiting for approval" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_moderators_keep_the_blocklist(moderator):
    namespace = "wagtailsnippets_discussion_blockedterm"
    assert moderator.get(reverse(f"{namespace}:list")).status_code == 200
    response = moderator.post(reverse(f"{namespace}:add"), {"term": "  Cheap-Pills.example "})
    assert response.status_code == 302
    term = BlockedTerm.objects.get()
    assert term.term == "cheap-pills.example"
    assert moderator.get(reverse(f"{namespace}:edit", args=[term.pk])).status_code == 200
    assert "Comment blocklist" in moderator.get(QUEUE).content.decode()
