"""Demo content for the atlas: the data, and the Acupoints page under Home. Idempotent."""

from __future__ import annotations

from django.db import transaction

from acuclinic.clinic.models import HomePage

from .loading import load_atlas
from .models import AtlasIndexPage


@transaction.atomic
def ensure_atlas_page() -> AtlasIndexPage:
    page = AtlasIndexPage.objects.first()
    if page is None:
        home = HomePage.objects.get()
        page = AtlasIndexPage(
            title="Acupoints",
            slug="acupoints",
            show_in_menus=True,
            intro=(
                "Every standard acupuncture point: its code, names, location, how it is needled and what to "
                "watch for. Search by code (GB30), by name with or without tones (Huántiào, huantiao) or in Chinese."
            ),
            search_description="The acupoint atlas: all 361 classical points and the WHO extra points.",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def load(stdout) -> None:
    report = load_atlas(stdout=stdout)
    page = ensure_atlas_page()
    stdout.write(f"atlas: {report.total} points ({report.created} new, {report.updated} updated); page {page.url_path}")
