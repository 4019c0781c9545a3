"""The demo on another address: emailed links, the site's hostname and port, the sitemap and robots.txt follow it."""

import io
import re
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Site

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_passes_its_address_to_every_step():
    result = subprocess.run(
        [shutil.which("make") or "/usr/bin/make", "-n", "demo", "PORT=8600"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    steps = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert {re.search(r"manage\.py (\w+)", line)[1] for line in steps} >= {"migrate", "load_demo", "runserver"}
    for line in steps:
        assert "BASE_URL=http://127.0.0.1:8600 " in line, line
    assert any("--url http://127.0.0.1:8600/admin/" in line for line in steps)


def test_load_demo_points_the_site_at_base_url_and_the_sitemap_follows(db, client, settings):
    settings.BASE_URL = "http://127.0.0.1:8600"
    call_command("load_demo", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8600, "http://127.0.0.1:8600")

    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(url.startswith("http://127.0.0.1:8600/") for url in locations), locations[:3]
    assert "http://127.0.0.1:8600/acupoints/acupuncture-for-sciatica/" in locations

    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8600/sitemap.xml" in robots.content.decode().splitlines()


def test_a_production_address_gives_https_urls(db, client, settings):
    settings.BASE_URL = "https://clinic.example"
    call_command("load_demo", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("clinic.example", 443, "https://clinic.example")


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_from_secret_links(client, clinic_site):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /book/manage/", "Disallow: /book/calendar/"} <= set(lines)
    sitemap = [line for line in lines if line.startswith("Sitemap: ")]
    assert len(sitemap) == 1 and re.fullmatch(r"Sitemap: https?://[^/]+/sitemap\.xml", sitemap[0])
    assert client.post("/robots.txt").status_code == 405
