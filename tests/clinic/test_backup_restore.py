"""docs/deploy/backup.sh and restore.sh, as the README tells a clinic to run them: back up a started site with
an edited page and an uploaded image, restore into a fresh database and media folder, and find the same site.

Runs on the database the suite runs on: PostgreSQL (pg_dump, pg_restore) when DATABASE_URL names one, else
SQLite (its backup API through the sqlite3 tool). Everything happens in subprocesses on databases of its
own, as on a server; the suite's test database is not touched."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy"
HOST = "harbour-clinic.example"
SH = shutil.which("sh") or "/bin/sh"

# What a visitor and the admin would see, printed as JSON by `manage.py shell -c` on either database.
LOOK = f"""
import hashlib, json, re
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page
from acuclinic.atlas.models import Point
c = Client(HTTP_HOST="{HOST}")
pages = {{}}
for path in ("/", "/acupoints/gb30/", "/about/", "/book/", "/sitemap.xml"):
    r = c.get(path, secure=True)
    body = r.content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    pages[path] = [r.status_code, title and title.group(1).strip(), sorted(re.findall(r"<loc>([^<]+)</loc>", body))]
image = get_image_model().objects.get(title="Front door")
print(json.dumps({{
    "pages": pages,
    "about": "Forty years on Quay Street" in c.get("/about/", secure=True).content.decode(),
    "image": hashlib.sha256(image.file.open("rb").read()).hexdigest(),
    "tree": list(Page.objects.order_by("path").values_list("url_path", "live")),
    "points": Point.objects.count(),
}}))
"""

EDIT = """
import io
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection
from acuclinic.clinic.illustrations import landscape
from acuclinic.clinic.models import ContentPage
about = ContentPage.objects.get(slug="about")
about.body = [("text", "<p>Forty years on Quay Street.</p>")]
about.save_revision().publish()
get_image_model()(title="Front door", file=ImageFile(io.BytesIO(landscape()), name="front-door.png"),
                  collection=Collection.get_first_root_node()).save()
"""


def run(argv, env, **kwargs):
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{argv[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def manage(env, *args):
    return run([sys.executable, "manage.py", *args], env)


@pytest.fixture
def databases(tmp_path):
    """Two empty databases of the suite's kind: the site's, and the one a restore goes into."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("PostgreSQL run without pg_dump and pg_restore on PATH (apt-get install postgresql-client)")
    names = [f"acuclinic_backup_{uuid.uuid4().hex[:8]}_{kind}" for kind in ("site", "restored")]
    auth = f"{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
    base = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
    with psycopg.connect(base + "postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base + names[0], base + names[1]
    finally:
        with psycopg.connect(base + "postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(tmp_path, database_url, name):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    folder = tmp_path / name
    env.update(
        DATABASE_URL=database_url,
        ACUCLINIC_VAR_DIR=str(folder),
        MEDIA_ROOT=str(folder / "media"),
        ALLOWED_HOSTS=f"{HOST},testserver",
        CACHE_URL="dummy://",
        PYTHONPATH=str(ROOT),
        PYTHON=sys.executable,
        ACUCLINIC_ADMIN_PASSWORD="a long Clinic passphrase 7",
    )
    return env


def test_a_backup_restores_into_a_fresh_database_with_the_same_site(tmp_path, databases):
    site_url, restored_url = databases
    site = environment(tmp_path, site_url, "site")
    manage(site, "migrate", "--no-input", "-v0")
    manage(site, "start_clinic", "--no-input", "--name=Harbour Acupuncture", "--phone=020 7946 0018",
           "--country=GB", "--address=1 Quay Street", "--time-zone=Europe/London", f"--url=https://{HOST}",
           "--admin-username=owner", "--admin-email=owner@harbour-clinic.example")  # fmt: skip
    manage(site, "shell", "-c", EDIT)
    before = json.loads(manage(site, "shell", "-c", LOOK).strip().splitlines()[-1])
    assert before["pages"]["/"][0] == 200 and before["pages"]["/acupoints/gb30/"][0] == 200
    assert before["about"] and before["pages"]["/about/"][0] == 200 and before["points"] > 400
    assert f"https://{HOST}/about/" in before["pages"]["/sitemap.xml"][2]

    backups = tmp_path / "backups"
    made = Path(run([SH, str(DEPLOY / "backup.sh"), str(backups)], site).strip())
    assert made.parent == backups and {p.name for p in made.iterdir()} >= {"media.tar.gz", "SHA256SUMS"}
    assert oct(made.stat().st_mode & 0o777) == "0o700"  # patients' bookings: readable by the owner only

    restored = environment(tmp_path, restored_url, "restored")
    assert not Path(restored["MEDIA_ROOT"]).exists()
    run([SH, str(DEPLOY / "restore.sh"), str(made)], restored)
    manage(restored, "migrate", "--no-input", "-v0")  # as the README says; nothing to apply
    after = json.loads(manage(restored, "shell", "-c", LOOK).strip().splitlines()[-1])
    assert after == before


def test_restore_refuses_a_backup_that_does_not_match_its_checksums(tmp_path, databases):
    site_url, restored_url = databases
    site = environment(tmp_path, site_url, "site")
    Path(site["MEDIA_ROOT"]).mkdir(parents=True)  # an empty site: the checksums, not the data, are on trial
    made = Path(run([SH, str(DEPLOY / "backup.sh"), str(tmp_path / "backups")], site).strip())
    with (made / "media.tar.gz").open("ab") as damaged:
        damaged.write(b"\0")
    result = subprocess.run([SH, str(DEPLOY / "restore.sh"), str(made)], cwd=ROOT,
                            env=environment(tmp_path, restored_url, "restored"), capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode != 0 and "media.tar.gz: FAILED" in result.stdout + result.stderr
