"""In the Wagtail editor: errors block publishing and sit beside their block; drafts save with a warning."""

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from acuclinic.atlas.models import Point
from acuclinic.guides.models import ConditionGuidePage
from tests.factories import StaffFactory


def form_data(page, *, bl57_location, publish):
    points = {p.code: p.pk for p in Point.objects.filter(code__in=["GB30", "BL57"])}
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "condition": page.condition,
            "summary": page.summary,
            "body": streamfield([("paragraph", rich_text("<p>Some text.</p>"))]),
            "points": streamfield(
                [
                    (
                        "point",
                        {"point": points["GB30"], "name": "Huantiao", "location": "in the buttock", "why": "local"},
                    ),
                    ("point", {"point": points["BL57"], "name": "Chengshan", "location": bl57_location, "why": "calf"}),
                ]
            ),
            "faq": streamfield([("qa", {"question": "Does it hurt?", "answer": "A little."})]),
            "red_flags": streamfield([("flag", "Saddle numbness")]),
            "references": streamfield(
                [
                    (
                        "reference",
                        {
                            "citation": "NICE NG59",
                            "doi": "",
                            "pmid": "",
                            "url": "https://www.nice.org.uk/guidance/ng59",
                        },
                    )
                ]
            ),
            "reviewer": page.reviewer_id,
            "reviewed_on": page.reviewed_on.isoformat(),
            "search_description": "",
            "seo_title": "",
        }
    )
    data["action-publish" if publish else "action-save"] = "1"
    return data


WRONG = "Found in the posterior thigh, just below the gluteal fold"


def test_publishing_a_wrong_location_is_refused_with_the_error_beside_the_point(client, sciatica):
    client.force_login(StaffFactory())
    url = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    response = client.post(url, form_data(sciatica, bl57_location=WRONG, publish=True))
    assert response.status_code == 200  # the form is shown again
    form = response.context["form"]
    assert "points" in form.errors
    block_errors = form.errors.as_data()["points"][0].block_errors
    assert list(block_errors) == [1]  # the second point, BL57
    assert "back of the lower leg" in block_errors[1].block_errors["location"].message
    sciatica.refresh_from_db()
    assert "posterior thigh" not in str(sciatica.points)


def test_saving_a_draft_with_errors_is_allowed_and_warns(client, sciatica):
    client.force_login(StaffFactory())
    url = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    response = client.post(url, form_data(sciatica, bl57_location=WRONG, publish=False))
    assert response.status_code == 302
    latest = ConditionGuidePage.objects.get(pk=sciatica.pk).get_latest_revision_as_object()
    assert WRONG in str(latest.points)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Must be fixed before publishing" in m and "BL57" in m for m in shown)


def test_publishing_a_correct_guide_works(client, sciatica):
    client.force_login(StaffFactory())
    url = reverse("wagtailadmin_pages:edit", args=[sciatica.pk])
    response = client.post(
        url, form_data(sciatica, bl57_location="on the back of the lower leg, below the calf", publish=True)
    )
    assert response.status_code == 302
    sciatica.refresh_from_db()
    assert "below the calf" in str(sciatica.points)


def test_dashboard_lists_guides_due_for_review(client, sciatica):
    client.force_login(StaffFactory())
    assert b"Guides due for review" not in client.get(reverse("wagtailadmin_home")).content
    ConditionGuidePage.objects.filter(pk=sciatica.pk).update(reviewed_on=dt.date(2024, 1, 5))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Guides due for review (1)" in html
    assert "Acupuncture for Sciatica</a>: last reviewed 5 January 2024" in html


def test_reviewers_are_managed_as_snippets(client, sciatica):
    client.force_login(StaffFactory())
    response = client.get(reverse("wagtailsnippets_guides_reviewer:list"))
    assert b"Daniel Okafor" in response.content
