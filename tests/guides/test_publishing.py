"""A guide whose content fails the atlas checks never goes live, whichever way it is published.

The wrong location used throughout is the one in the outside report (issue 10, fault 0): BL57 "on the back
of the thigh just below the gluteal fold". BL57 lies on the back of the lower leg, below the calf.
Each path into the live site is tried: the edit form's publishing buttons, bulk publish, workflow approval
(from the dashboard and from the editor), scheduled publishing, revert-and-publish, copy-and-publish,
Wagtail's admin API, ``Revision.publish()`` and the publish action themselves, import and the demo loader.
"""

import datetime as dt
import io
import json
import logging
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from acuclinic.guides import demo as guides_demo
from acuclinic.guides.importing import export_guide
from acuclinic.guides.models import ConditionGuidePage
from acuclinic.guides.publishing import GuideNotPublishable
from tests.factories import StaffFactory
from tests.guides.test_admin import form_data

WRONG = "on the back of the thigh just below the gluteal fold"
RIGHT = "on the back of the lower leg, in the hollow below the calf"
URL = "/acupoints/acupuncture-for-sciatica/"


# Helpers: the content of a guide with BL57 placed somewhere, as a draft, as a live row, or as the edit form.


def bl57_at(page, location):
    """``page`` (changed in place) with BL57 described at ``location``."""
    blocks = []
    for block in page.points:
        value = dict(block.value)
        if value["point"] is not None and value["point"].code == "BL57":
            value["location"] = location
        blocks.append(("point", value))
    page.points = blocks
    return page


def save_draft(page, location, user=None):
    """A new latest revision (a draft, as Save draft makes) with BL57 at ``location``."""
    latest = page.get_latest_revision_as_object()
    return bl57_at(latest, location).save_revision(user=user)


def make_live_row_wrong(page):
    """The live row as a publish that bypassed the checks (before this guard existed) left it."""
    stream = bl57_at(ConditionGuidePage.objects.get(pk=page.pk), WRONG).points
    ConditionGuidePage.objects.filter(pk=page.pk).update(points=stream)


def live_bl57(page) -> str:
    page = ConditionGuidePage.objects.get(pk=page.pk)
    return next(b.value["location"] for b in page.points if b.value["point"].code == "BL57")


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def edit_data(page, location, **actions):
    data = form_data(page, bl57_location=location, publish=False)
    del data["action-save"]
    data.update(actions or {"action-save": "1"})
    return data


@pytest.fixture
def editor(client, db):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def workflow(clinic_site):
    """One-step moderation over the whole site, as a clinic would set it up."""
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    flow = Workflow.objects.create(name="Guide review")
    task = GroupApprovalTask.objects.create(name="Clinical review")
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=flow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=clinic_site["home"].get_parent(), defaults={"workflow": flow})
    return flow


def submit_then_edit(editor, page, *, later_location):
    """Submit the valid guide for moderation, then save a draft with BL57 moved to ``later_location``."""
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert editor.post(edit, edit_data(page, RIGHT, **{"action-submit": "1"})).status_code == 302
    assert editor.post(edit, edit_data(page, later_location)).status_code == 302
    editor.get(reverse("wagtailadmin_home"))  # shows (and so clears) the messages of those two saves
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    return state.current_task_state


# The model: every Revision.publish() and the publish action itself refuse, before anything changes.


def test_publishing_a_revision_with_a_wrong_location_is_refused_and_changes_nothing(sciatica):
    revision = save_draft(sciatica, WRONG)
    before = ConditionGuidePage.objects.values().get(pk=sciatica.pk)
    with pytest.raises(GuideNotPublishable) as refused:
        revision.publish()
    assert [f.check for f in refused.value.findings] == ["location_region"]
    assert "back of the lower leg" in refused.value.message_dict["points"][0]
    assert ConditionGuidePage.objects.values().get(pk=sciatica.pk) == before
    assert live_bl57(sciatica).startswith("On the back of the lower leg")


def test_scheduling_a_revision_with_a_wrong_location_is_refused(sciatica):
    latest = bl57_at(sciatica.get_latest_revision_as_object(), WRONG)
    latest.go_live_at = timezone.now() + dt.timedelta(days=1)
    revision = latest.save_revision()
    with pytest.raises(GuideNotPublishable):
        revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_the_publish_action_run_directly_is_refused_too(sciatica):
    # Wagtail's edit view and admin API run the action without Page.publish(); the row's save refuses.
    revision = save_draft(sciatica, WRONG)
    with pytest.raises(GuideNotPublishable):
        PublishPageRevisionAction(revision).execute(skip_permission_checks=True)
    assert live_bl57(sciatica).startswith("On the back of the lower leg")


def test_a_guide_created_live_with_errors_is_kept_as_a_draft(sciatica):
    page = ConditionGuidePage(title="Guide without review", slug="no-review", condition="X", summary="Y")
    sciatica.get_parent().add_child(instance=page)  # Wagtail's default: live=True
    page = ConditionGuidePage.objects.get(pk=page.pk)
    assert not page.live and page.has_unpublished_changes and page.live_revision is None


def test_a_valid_revision_still_publishes(sciatica):
    save_draft(sciatica, RIGHT).publish()
    assert live_bl57(sciatica) == RIGHT


# The edit form: errors block every publishing button; Save draft and Request changes stay open.


@pytest.mark.parametrize(
    "action",
    [
        {"action-publish": "1"},
        {"action-publish": "1", "go_live_at": "2099-01-01 09:00"},  # schedule
        {"action-submit": "1"},
    ],
    ids=["publish", "schedule", "submit"],
)
def test_every_publishing_button_in_the_editor_is_blocked_by_errors(editor, sciatica, workflow, action):
    edit = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    response = editor.post(edit, edit_data(sciatica, WRONG, **action))
    assert response.status_code == 200
    assert "points" in response.context["form"].errors
    assert not WorkflowState.objects.filter(object_id=str(sciatica.pk)).exists()
    assert not Revision.objects.filter(object_id=str(sciatica.pk)).exclude(approved_go_live_at=None).exists()
    assert live_bl57(sciatica).startswith("On the back of the lower leg")


def test_approve_and_publish_in_the_editor_is_blocked_by_errors(editor, sciatica, workflow):
    task_state = submit_then_edit(editor, sciatica, later_location=RIGHT)
    edit = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    data = edit_data(sciatica, WRONG, **{"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = editor.post(edit, data)
    assert response.status_code == 200
    assert "points" in response.context["form"].errors
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert live_bl57(sciatica).startswith("On the back of the lower leg")


def test_restarting_the_workflow_with_errors_is_blocked(editor, sciatica, workflow):
    task_state = submit_then_edit(editor, sciatica, later_location=RIGHT)
    edit = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    response = editor.post(edit, edit_data(sciatica, WRONG, **{"action-restart-workflow": "1"}))
    assert response.status_code == 200
    assert "points" in response.context["form"].errors
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS  # not cancelled and restarted


def test_requesting_changes_on_a_guide_with_errors_is_allowed(editor, sciatica, workflow):
    task_state = submit_then_edit(editor, sciatica, later_location=WRONG)
    edit = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    data = edit_data(sciatica, WRONG, **{"action-workflow-action": "1", "workflow-action-name": "reject"})
    assert editor.post(edit, data).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED


def test_reverting_to_an_old_revision_with_errors_and_publishing_it_is_refused(editor, sciatica):
    old = save_draft(sciatica, WRONG)
    save_draft(sciatica, RIGHT)
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[sciatica.pk, old.pk])
    assert WRONG in editor.get(revert).content.decode()  # the form shows the old version
    response = editor.post(revert, edit_data(sciatica, WRONG, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "points" in response.context["form"].errors
    assert live_bl57(sciatica).startswith("On the back of the lower leg")


# Fault 0 (a): Pages › Acupoints › tick › Publish › "Yes, publish".


def bulk_publish(editor, pages, *, include_descendants=False):
    ids = "&".join(f"id={p.pk}" for p in pages)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?{ids}&next=/admin/pages/"
    return editor.post(url, {"include_descendants": "on"} if include_descendants else {})


def test_bulk_publishing_a_guide_whose_draft_has_errors_is_refused_with_a_message(editor, sciatica):
    save_draft(sciatica, WRONG)
    heel = ConditionGuidePage.objects.get(slug="acupuncture-for-plantar-heel-pain")
    save_draft(heel, RIGHT)  # a valid change selected with it
    response = bulk_publish(editor, [sciatica, heel])
    assert response.status_code == 302
    messages = shown(response)
    assert messages[0].startswith(
        "“Acupuncture for Sciatica” was not published: it does not pass the atlas checks. BL57"
    )
    assert "back of the lower leg" in messages[0]
    assert "Nothing was published." in messages and not any("has been published" in m for m in messages)
    assert live_bl57(sciatica).startswith("On the back of the lower leg")
    assert live_bl57(heel) != RIGHT  # nothing else changed either
    assert WRONG not in editor.get(URL).content.decode()


def test_bulk_publishing_the_atlas_with_its_draft_guides_refuses_the_wrong_one(editor, sciatica, atlas_page):
    sciatica.unpublish()
    save_draft(sciatica, WRONG)
    response = bulk_publish(editor, [atlas_page], include_descendants=True)
    assert response.status_code == 302
    assert "Nothing was published." in shown(response)
    assert not ConditionGuidePage.objects.get(pk=sciatica.pk).live


def test_bulk_publishing_valid_guides_works(editor, sciatica):
    save_draft(sciatica, RIGHT)
    response = bulk_publish(editor, [sciatica])
    assert any(m.startswith("1 page has been published") for m in shown(response))
    assert live_bl57(sciatica) == RIGHT


# Fault 0 (b): submitted valid, edited wrong, then More actions › Approve and Publish.


def test_approving_a_guide_edited_after_submission_is_refused_and_the_task_stays_open(editor, sciatica, workflow):
    task_state = submit_then_edit(editor, sciatica, later_location=WRONG)
    url = reverse("wagtailadmin_pages:workflow_action", args=[sciatica.pk, "approve", task_state.pk])
    response = editor.post(url, {"comment": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    messages = shown(response)
    assert len(messages) == 1
    assert messages[0].startswith(
        "“Acupuncture for Sciatica” was not published: it does not pass the atlas checks. BL57"
    )
    assert not any("updated" in m or "approved" in m for m in messages)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live_bl57(sciatica).startswith("On the back of the lower leg")
    assert WRONG not in editor.get(URL).content.decode()
    # The editor can still request changes.
    reject = reverse("wagtailadmin_pages:workflow_action", args=[sciatica.pk, "reject", task_state.pk])
    assert editor.post(reject, {"comment": "BL57 is on the calf"}).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED


def test_approving_from_the_modal_answers_the_modal_with_a_redirect(editor, sciatica, workflow):
    task_state = submit_then_edit(editor, sciatica, later_location=WRONG)
    url = reverse("wagtailadmin_pages:workflow_action", args=[sciatica.pk, "approve", task_state.pk])
    response = editor.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    assert response.json() == {"step": "success", "redirect": reverse("wagtailadmin_pages:edit", args=[sciatica.pk])}
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_approving_a_valid_guide_publishes_it(editor, sciatica, workflow):
    task_state = submit_then_edit(editor, sciatica, later_location=RIGHT)
    url = reverse("wagtailadmin_pages:workflow_action", args=[sciatica.pk, "approve", task_state.pk])
    assert editor.post(url, {"comment": ""}).status_code == 302
    assert live_bl57(sciatica) == RIGHT


# Scheduled publishing.


def schedule(revision, when):
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=when)


def test_publish_scheduled_withholds_a_guide_with_errors_and_publishes_the_rest(sciatica, caplog, mailoutbox):
    # Scheduled before the checks ran at scheduling time (or before a later change made it fail).
    author = StaffFactory(email="editor@clinic.example")
    wrong = save_draft(sciatica, WRONG, user=author)
    schedule(wrong, timezone.now() - dt.timedelta(minutes=5))
    heel = ConditionGuidePage.objects.get(slug="acupuncture-for-plantar-heel-pain")
    fine = save_draft(heel, RIGHT)
    schedule(fine, timezone.now() - dt.timedelta(minutes=1))
    with caplog.at_level(logging.WARNING, logger="acuclinic.guides"):
        call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    assert live_bl57(sciatica).startswith("On the back of the lower leg")
    assert live_bl57(heel) == RIGHT  # the loop went on
    wrong.refresh_from_db()
    assert wrong.approved_go_live_at is None  # off the schedule; the page keeps its live version
    entry = PageLogEntry.objects.get(page=sciatica, action="acuclinic_guides.scheduled_publish_refused")
    assert entry.revision_id == wrong.pk and entry.data["checks"] == ["location_region"]
    assert "Not published at the scheduled time" in entry.message
    [record] = [r for r in caplog.records if "Scheduled publishing refused" in r.getMessage()]
    assert "acupuncture-for-sciatica" in record.getMessage() and WRONG not in record.getMessage()
    [mail] = mailoutbox
    assert mail.to == ["editor@clinic.example"] and mail.subject == "Not published: Acupuncture for Sciatica"
    assert "back of the lower leg" in mail.body
    assert f"/admin/pages/{sciatica.pk}/edit/" in mail.body
    # The next run has nothing left to refuse.
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    assert PageLogEntry.objects.filter(action="acuclinic_guides.scheduled_publish_refused").count() == 1


def test_publish_scheduled_dry_run_names_the_guide_and_changes_nothing(sciatica):
    wrong = save_draft(sciatica, WRONG)
    schedule(wrong, timezone.now() - dt.timedelta(minutes=5))
    err = io.StringIO()
    call_command("publish_scheduled", "--dryrun", stdout=io.StringIO(), stderr=err)
    assert "acupuncture-for-sciatica: not published" in err.getvalue()
    wrong.refresh_from_db()
    assert wrong.approved_go_live_at is not None


def test_a_draft_guide_scheduled_with_errors_stays_a_draft(sciatica):
    sciatica.unpublish()
    wrong = save_draft(sciatica, WRONG)
    schedule(wrong, timezone.now() - dt.timedelta(minutes=5))
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    page = ConditionGuidePage.objects.get(pk=sciatica.pk)
    assert not page.live and page.status_string == "draft"


# Copy with "publish copies".


def copy_guide(editor, page, slug, *, publish):
    data = {"new_title": "Copied guide", "new_slug": slug, "new_parent_page": page.get_parent().pk}
    if publish:
        data["publish_copies"] = "on"
    return editor.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def test_copy_and_publish_of_a_guide_with_errors_creates_a_draft_and_says_why(editor, sciatica):
    make_live_row_wrong(sciatica)  # live since before the checks guarded every path
    response = copy_guide(editor, sciatica, "copied-guide", publish=True)
    assert response.status_code == 302
    copy = ConditionGuidePage.objects.get(slug="copied-guide")
    assert not copy.live and copy.live_revision is None and copy.first_published_at is None
    assert copy.has_unpublished_changes
    messages = shown(response)
    assert (
        "“Copied guide” was copied as a draft, not published: it does not pass the atlas checks. BL57" in messages[-1]
    )
    assert editor.get("/acupoints/copied-guide/").status_code == 404
    assert not PageLogEntry.objects.filter(page=copy, action="wagtail.publish").exists()


def test_copying_a_guide_with_errors_in_code_keeps_the_copy_a_draft(sciatica):
    make_live_row_wrong(sciatica)
    page = ConditionGuidePage.objects.get(pk=sciatica.pk)
    copy = page.copy(update_attrs={"slug": "copied-in-code", "title": "Copied in code"}, keep_live=True)
    assert not ConditionGuidePage.objects.get(pk=copy.pk).live


def test_copy_and_publish_of_a_valid_guide_is_live(editor, sciatica):
    copy_guide(editor, sciatica, "copied-valid", publish=True)
    assert ConditionGuidePage.objects.get(slug="copied-valid").live


# Wagtail's admin API (the page explorer's JSON API).


def test_the_admin_api_publish_action_refuses_with_a_400_and_changes_nothing(editor, sciatica):
    scheduled = save_draft(sciatica, RIGHT)
    schedule(scheduled, timezone.now() + dt.timedelta(days=3))
    save_draft(sciatica, WRONG)
    url = reverse("wagtailadmin_api:pages:action", args=[sciatica.pk, "publish"])
    response = editor.post(url, "{}", content_type="application/json")
    assert response.status_code == 400
    assert "back of the lower leg" in response.json()["points"][0]
    assert live_bl57(sciatica).startswith("On the back of the lower leg")
    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is not None  # the valid version is still scheduled


def test_the_admin_api_copy_action_keeps_a_copy_with_errors_a_draft(editor, sciatica):
    make_live_row_wrong(sciatica)
    url = reverse("wagtailadmin_api:pages:action", args=[sciatica.pk, "copy"])
    response = editor.post(url, json.dumps({"slug": "api-copy", "keep_live": True}), content_type="application/json")
    assert response.status_code == 201
    assert not ConditionGuidePage.objects.get(slug="api-copy").live


# Import and the demo loader.


def wrong_guide_file(page, tmp_path, *, slug=None):
    text = export_guide(page)
    text = text.replace(live_bl57(page), WRONG, 1)
    if slug:
        text = text.replace(f"slug: {page.slug}", f"slug: {slug}", 1)
    path = tmp_path / f"{slug or page.slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_guides_with_publish_keeps_a_wrong_location_a_draft(sciatica, tmp_path):
    path = wrong_guide_file(sciatica, tmp_path)
    with pytest.raises(CommandError):
        call_command("import_guides", str(path), "--publish", stdout=io.StringIO())
    assert live_bl57(sciatica).startswith("On the back of the lower leg")
    assert WRONG in str(ConditionGuidePage.objects.get(pk=sciatica.pk).get_latest_revision_as_object().points)


def test_the_demo_loader_refuses_a_guide_with_a_wrong_location(sciatica, tmp_path, monkeypatch):
    wrong_guide_file(sciatica, tmp_path, slug="acupuncture-for-sciatica-again")
    monkeypatch.setattr(guides_demo, "CONTENT_DIR", tmp_path)
    with pytest.raises(RuntimeError, match="did not pass its checks"):
        guides_demo.load(io.StringIO())
    assert not ConditionGuidePage.objects.get(slug="acupuncture-for-sciatica-again").live


def test_creating_a_guide_with_publish_is_refused_and_save_draft_creates_it(editor, sciatica, atlas_page):
    new = SimpleNamespace(
        title="Acupuncture for Calf Cramps",
        slug="acupuncture-for-calf-cramps",
        condition="Calf cramps",
        summary="How we use acupuncture for calf cramps.",
        reviewer_id=sciatica.reviewer_id,
        reviewed_on=sciatica.reviewed_on,
    )
    add = reverse("wagtailadmin_pages:add", args=("guides", "conditionguidepage", atlas_page.pk))
    response = editor.post(add, edit_data(new, WRONG, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "points" in response.context["form"].errors
    assert not ConditionGuidePage.objects.filter(slug=new.slug).exists()
    assert editor.post(add, edit_data(new, WRONG)).status_code == 302
    assert not ConditionGuidePage.objects.get(slug=new.slug).live
