"""Editors annotate points in the admin; the points themselves come only from the data files."""

from django.urls import reverse

from acuclinic.atlas.models import Point
from tests.factories import StaffFactory


def test_editor_adds_a_clinic_note_and_the_data_stays_read_only(client, atlas_page):
    client.force_login(StaffFactory())
    point = Point.objects.get(code="GB30")
    url = reverse("wagtailsnippets_atlas_point:edit", args=[point.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "clinic_note": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Side-lying works best.", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "image": "",
            "location": "On the thigh.",  # read-only: must be ignored
        },
    )
    assert response.status_code == 302, response.content[:2000]
    point.refresh_from_db()
    assert "Side-lying works best." in point.clinic_note
    assert point.location.startswith("In the buttock")


def test_nobody_can_add_or_delete_points_in_the_admin(client, atlas_page):
    client.force_login(StaffFactory())
    assert client.get(reverse("wagtailsnippets_atlas_point:add")).status_code in (302, 403)
    point = Point.objects.get(code="GB30")
    client.post(reverse("wagtailsnippets_atlas_point:delete", args=[point.pk]))
    assert Point.objects.filter(code="GB30").exists()


def test_points_are_listed_in_the_admin(client, atlas_page):
    client.force_login(StaffFactory())
    response = client.get(reverse("wagtailsnippets_atlas_point:list"), {"q": "huantiao"})
    assert response.status_code == 200
    assert b"GB30" in response.content
