"""Fresh markers in cached pages: only the ones our templates wrote are filled, never text a user typed."""

import json

import pytest

from acuclinic.clinic import page_cache

FORGED = "<!--fresh:comment_stamp:a:1-->"
# A forgery in the new shape too: the right layout, a signature the attacker had to guess.
FORGED_SIGNED = "<!--fresh:comment_stamp:guides.conditionguidepage:1:" + "0" * 32 + "-->"
GUIDE = "/acupoints/acupuncture-for-sciatica/"


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    from acuclinic.booking import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def test_a_marker_from_our_code_is_filled_in_html_only():
    marker = page_cache.fresh_marker("comment_stamp", "guides.conditionguidepage:7").encode()
    filled = page_cache.fill_fresh(b"<form>" + marker + b"</form>", "text/html; charset=utf-8")
    assert b'name="security_hash"' in filled and b"<!--fresh:" not in filled
    for content_type in ("application/json", "text/calendar", "application/atom+xml", "text/plain"):
        assert page_cache.fill_fresh(marker, content_type) == marker


@pytest.mark.parametrize("forged", [FORGED, FORGED_SIGNED, "<!--fresh:comment_stamp:auth.user:1:" + "a" * 32 + "-->"])
def test_a_forged_marker_is_left_as_it_is_even_in_html(forged):
    body = f"<p>{forged}</p>".encode()
    assert page_cache.fill_fresh(body, "text/html") == body


def test_a_marker_signed_for_one_object_cannot_be_moved_to_another():
    marker = page_cache.fresh_marker("comment_stamp", "guides.conditionguidepage:7")
    moved = marker.replace("conditionguidepage:7", "conditionguidepage:8").encode()
    assert page_cache.fill_fresh(moved, "text/html") == moved


@pytest.mark.parametrize("forged", [FORGED, FORGED_SIGNED])
def test_availability_echoing_a_marker_in_a_query_parameter_stays_json(client, every_day, slot, forged):
    day = slot.date().isoformat()
    response = client.get("/api/v1/availability", {"service": forged, "start": day, "end": day})
    assert response.status_code < 500
    body = json.loads(response.content)  # the bug: form HTML spliced into the JSON made it invalid
    assert "security_hash" not in response.content.decode()
    assert isinstance(body, dict)


@pytest.mark.parametrize("forged", [FORGED, "<!--fresh:comment_stamp:a:1:" + "f" * 16 + "-->"])
def test_an_approved_comment_named_like_a_marker_keeps_the_comments_api_valid(client, sciatica, forged):
    from acuclinic.discussion import services

    comment = services.post_comment(guide=sciatica, name=forged, email="maya@example.org", text="Thank you.")
    services.approve([comment], by=None)
    response = client.get(f"/api/v1/guides/{sciatica.pk}/comments")
    assert response.status_code == 200
    json.loads(response.content)
    assert b"security_hash" not in response.content

    page = client.get(GUIDE)
    html = page.content.decode()
    assert "&lt;!--fresh:comment_stamp:" in html  # shown escaped, as the reader typed it
    assert html.count('name="security_hash"') == 1  # only the form's own stamp
    cached = client.get(GUIDE)
    assert cached["X-Cache"] == "hit" and cached.content.decode().count('name="security_hash"') == 1


@pytest.mark.parametrize("forged", [FORGED, FORGED_SIGNED])
def test_a_booking_in_a_marker_name_answers_201_with_json(client, every_day, slot, forged):
    data = {
        "service": every_day["service"].slug,
        "practitioner": str(every_day["ann"].pk),
        "start": slot.isoformat(),
        "patient": {
            "name": f"Alex {forged}",
            "email": "alex@example.com",
            "phone": "416 555 0123",
            "new_patient": True,
        },
        "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        "consent": True,
    }
    response = client.post("/api/v1/appointments", json.dumps(data), content_type="application/json")
    assert response.status_code == 201, response.content
    body = json.loads(response.content)
    assert "security_hash" not in response.content.decode()
    assert isinstance(body, dict)


def test_a_search_for_a_marker_shows_it_escaped_and_unfilled(client, sciatica):
    response = client.get("/search/", {"q": FORGED_SIGNED})
    assert response.status_code == 200
    assert b"security_hash" not in response.content
