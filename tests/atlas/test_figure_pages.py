"""The figures on the pages: point, channel, guide, index body map, view pages, contact sheets, cun page."""

import gzip
import re

import pytest

from acuclinic.atlas.figures.positions import default_atlas

ATLAS = default_atlas()


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def svgs(html):
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def test_a_point_page_shows_its_figure_inline_with_a_title_a_description_and_a_text_alternative(client, atlas_page):
    html = html_of(client, "/acupoints/st36/")
    (svg,) = svgs(html)
    # It links to points, so it is a labelled group (an image's links would be hidden from screen readers).
    assert 'role="group"' in svg and 'aria-labelledby="' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "xmlns" not in svg  # inline SVG in HTML needs no namespace (and names no http:// address)
    assert 'data-view="leg_front"' in svg
    assert re.search(r'<a href="/acupoints/st36/"><title>ST36 Zúsānlǐ', svg)  # the point, highlighted
    assert "3 cun" in svg  # its placement's distance from ST35, drawn
    for neighbour in ("st35", "st37"):  # the channel's neighbours, faint and linked
        assert f'<a href="/acupoints/{neighbour}/">' in svg
    assert "<figcaption>ST36 Zúsānlǐ (Leg Three Miles): drawn 3 cun from ST35 toward ST41.</figcaption>" in html
    assert "<script" not in svg and " style=" not in svg  # no JavaScript, no inline styles


def test_a_location_text_that_uses_cun_links_to_the_cun_page(client, atlas_page):
    assert '<a href="/acupoints/cun/">How cun are measured</a>' in html_of(client, "/acupoints/st36/")
    assert '<a href="/acupoints/cun/">' not in html_of(client, "/acupoints/lu9/").split("<dt>Location</dt>")[1][:400]


def test_bilateral_points_say_they_are_drawn_on_one_side(client, atlas_page):
    assert "drawn on one side only" in html_of(client, "/acupoints/st25/")
    assert "drawn on one side only" not in html_of(client, "/acupoints/cv12/")


def test_ashi_has_no_figure(client, atlas_page):
    assert svgs(html_of(client, "/acupoints/ashi/")) == []


@pytest.mark.parametrize("code", ["st36", "bl23", "gb30", "ex-hn15", "ki1"])
def test_a_point_page_stays_light(client, atlas_page, code):
    content = client.get(f"/acupoints/{code}/").content
    assert len(gzip.compress(content)) <= 45_000
    assert len(content) <= 45_000  # even uncompressed


def test_a_channel_page_shows_its_course_with_every_point_numbered_and_linked(client, atlas_page):
    html = html_of(client, "/acupoints/st/")
    course = html.split('id="course-heading"')[1].split('<table class="data-table">')[0]
    for n in range(1, 46):
        assert f'<a href="/acupoints/st{n}/">' in course, n
    views = re.findall(r'data-view="([a-z_]+)"', course)
    assert views[:1] == ["head_front"] and "trunk_front" in views and "foot_top" in views
    assert "<polyline" in course  # the path between consecutive points


def test_the_index_has_a_clickable_body_map_of_every_view(client, atlas_page):
    html = html_of(client, "/acupoints/")
    for name, view in ATLAS.views.items():
        assert f'<a href="/acupoints/figures/{name}/">' in html
        assert f"{view.record.title} ({len(ATLAS.on_view(name))} points)" in html


@pytest.mark.parametrize("name", sorted(ATLAS.views))
def test_each_view_has_a_page_and_a_contact_sheet_of_all_its_points(client, atlas_page, name):
    html = html_of(client, f"/acupoints/figures/{name}/")
    sheet = client.get(f"/acupoints/figures/{name}.svg")
    assert sheet["Content-Type"].startswith("image/svg+xml")
    svg = sheet.content.decode()
    assert svg.startswith("<svg xmlns=") and svg.endswith("</svg>")
    for code in ATLAS.on_view(name):
        assert f'<a href="/acupoints/{code.lower()}/">' in svg
        assert f">{code}</text>" in svg  # labelled with its code
        assert f'<a href="/acupoints/{code.lower()}/">' in html


def test_an_unknown_view_is_a_404(client, atlas_page):
    assert client.get("/acupoints/figures/tail_fin/").status_code == 404
    assert client.get("/acupoints/figures/tail_fin.svg").status_code == 404


def test_the_cun_page_shows_the_whole_table_and_finger_cun_on_figures(client, atlas_page):
    html = html_of(client, "/acupoints/cun/")
    assert "<h1>How to measure cun</h1>" in html
    assert html.count("<tr><td>") == 19  # every row of the standard's table
    assert "From the popliteal crease to the prominence of the lateral malleolus</td><td>16</td>" in html
    assert "the width of the interphalangeal joint of the thumb" in html
    assert len(svgs(html)) == 5 and "9 cun" in html and "12 cun" in html


def test_figures_are_cached_per_content_version_without_extra_queries(
    client, atlas_page, django_assert_max_num_queries
):
    client.get("/acupoints/figures/trunk_front/")
    with django_assert_max_num_queries(8):
        client.get("/acupoints/figures/leg_front/")
