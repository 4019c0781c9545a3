"""Content-Security-Policy and Permissions-Policy on every response; the public pages need no inline code."""

import re

import pytest

from tests.factories import StaffFactory

GUIDE = "/acupoints/acupuncture-for-sciatica/"
PUBLIC_PAGES = ["/", "/acupoints/", "/acupoints/gb30/", GUIDE, "/book/", "/search/?q=gb30"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_allow_only_the_sites_own_files_and_no_inline_code(client, sciatica, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    html = response.content.decode()
    # Every script is a file of the site's own, or data (JSON-LD) the browser never runs.
    inline = [m for m in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>", html) if "application/ld+json" not in m[1]]
    assert not inline, [m[0] for m in inline]
    assert not re.search(r"\sstyle=|\son[a-z]+=", html)


def test_a_page_from_the_cache_carries_the_same_headers(client, sciatica):
    first = client.get(GUIDE)
    cached = client.get(GUIDE)
    assert cached["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy"):
        assert cached[header] == first[header]


def test_permissions_policy_turns_off_the_features_the_site_never_uses(client, clinic_site):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_the_admin_adds_inline_code_only_for_itself_and_still_no_other_host(client, clinic_site):
    client.force_login(StaffFactory())
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"]
    assert not any("http" in value or value == "*" for values in policy.values() for value in values)
    client.logout()
    assert directives(client.get("/"))["script-src"] == ["'self'"]


def test_api_responses_and_the_docs_carry_a_policy(client, clinic_site):
    assert directives(client.get("/api/v1/services"))["default-src"] == ["'self'"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()
    assert directives(docs)["script-src"] == ["'self'"]
