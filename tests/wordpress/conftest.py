"""The real WordPress export (tests/fixtures/wordpress, made by bench/wordpress/make_fixture.sh) and its uploads.

The import needs a clinic site tree (a home page, the Acupoints page): the session's base site gives one
here; after ``start_clinic`` the same fixtures work on the tree it builds.
"""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "clinic-export.xml"
UPLOADS = FIXTURES / "uploads"

# The fixture's WordPress ids (see bench/wordpress/fixture-content.php).
SCIATICA, ABOUT, WINTER, SLEEP_DRAFT, STAFF_ROTA, PRIVACY = 4, 7, 8, 9, 10, 3
ROOM_IMAGE, FEES_PDF = 5, 6


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def run_import(clinic_site, media):
    from acuclinic.wordpress.services import import_wordpress

    def run(path=EXPORT, **options):
        options.setdefault("uploads", UPLOADS)
        options.setdefault("guides_category", "Acupoints")
        return import_wordpress(path, **options)

    return run


@pytest.fixture
def imported(run_import):
    return run_import()


def page_for(wp_id):
    from wagtail.models import Page

    from acuclinic.wordpress.models import ImportedItem

    record = ImportedItem.objects.filter(kind="page", wp_id=wp_id).order_by("pk").first()
    return Page.objects.get(pk=record.object_id).specific


def counts() -> dict[str, int]:
    """Rows in every table the import writes to."""
    from django.contrib.auth import get_user_model
    from django_comments_xtd.models import XtdComment
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, PageViewRestriction, Revision

    from acuclinic.guides.models import Reviewer
    from acuclinic.wordpress.models import ImportedItem

    models = [Page, Revision, PageViewRestriction, Redirect, Image, Document, XtdComment, ImportedItem, Reviewer,
              get_user_model()]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def write_variant(tmp_path, name, replace: dict[str, str]) -> Path:
    """A copy of the real export with some text replaced (to make states WordPress never exports, or errors)."""
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
