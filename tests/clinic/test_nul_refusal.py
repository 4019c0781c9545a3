"""%00 in a web address is a 400 with a message before any view runs (PostgreSQL refuses NUL in queries)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/book/%00/", "/acupoints/%00/", "/acupoints/gb%0030/", "/%00/", "/book/calendar/a%00b.ics",
            "/search/?q=%00", "/book/?service=a%00", "/acupoints/?x%00=1"],
)  # fmt: skip
def test_a_nul_in_the_address_is_a_bad_request(client, clinic_site, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_the_api_answers_in_its_own_error_model(client, clinic_site):
    response = client.get("/api/v1/points", {"q": "\x00"})
    assert response.status_code < 500
    assert "detail" in response.json() or "items" in response.json()


def test_addresses_without_nul_are_untouched(client, clinic_site):
    assert client.get("/acupoints/gb30/").status_code == 200
    assert client.get("/search/", {"q": "huantiao"}).status_code == 200
