"""Pages imported from the real WordPress export pass axe-core and fit the screen, like every other page."""

import pytest

from tests.wordpress.conftest import ABOUT, EXPORT, UPLOADS, WINTER, page_for

from .test_public_pages import check

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "dark")])
def test_imported_pages_pass_axe(
    browser, live_server, clinic_site, axe, serve_media, settings, tmp_path, width, scheme
):
    from wagtail.models import Collection

    from acuclinic.wordpress.services import import_wordpress

    if Collection.get_first_root_node() is None:  # a browser test before this one flushed the tables
        Collection.add_root(name="Root")
    settings.MEDIA_ROOT = tmp_path / "media"
    import_wordpress(EXPORT, uploads=UPLOADS, guides_category="Acupoints")
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900},
                                  color_scheme=scheme)  # fmt: skip
    page = serve_media(context.new_page())
    problems: list[str] = []
    about, winter = page_for(ABOUT), page_for(WINTER)
    for name, path in [("imported-page", about.url), ("news", winter.get_parent().url), ("imported-post", winter.url)]:
        assert page.goto(path).status == 200, path
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        page.wait_for_load_state("networkidle")
        check(page, axe, name, width, tmp_path, problems)
    assert problems == []
