"""Editors annotate points in the admin; the points themselves come only from the data files."""

import pytest
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


def test_read_only_cautions_are_a_list_not_a_python_repr(client, atlas_page):
    client.force_login(StaffFactory())
    point = Point.objects.get(code="GB30")
    html = client.get(reverse("wagtailsnippets_atlas_point:edit", args=[point.pk])).content.decode()
    assert f"<li>{point.cautions[0]}</li>" in html.replace("&#x27;", "'")
    assert "[&#x27;" not in html and "['" not in html


@pytest.mark.parametrize("query", ["GB30", "gb-30", "环跳", "環跳", "Huantiao", "Huántiào"])
def test_the_point_chooser_finds_points_by_code_and_chinese(client, atlas_page, query):
    client.force_login(StaffFactory())
    response = client.get(reverse("wagtailsnippetchoosers_atlas_point:choose_results"), {"q": query})
    assert response.status_code == 200
    assert "GB30" in response.content.decode()
