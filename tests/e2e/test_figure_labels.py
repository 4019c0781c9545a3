"""Each view's contact sheet, rendered by Chromium: no label overlaps another label or a point."""

import pytest

from acuclinic.atlas.figures.positions import default_atlas

pytestmark = pytest.mark.django_db(transaction=True)

# The rendered boxes of every label and dot, in CSS pixels at the figure's display size.
MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    labels: [...document.querySelectorAll('text.figure-label')].map((t) => [t.textContent, box(t)]),
    dots: [...document.querySelectorAll('a > circle')].map((c) => [c.parentElement.getAttribute('href'), box(c)]),
  };
}"""


def overlap(a, b, slack=0.5):
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def test_no_two_labels_overlap_on_any_contact_sheet(page, atlas_page):
    # One test for all views: the live server's database is set up once.
    page.set_viewport_size({"width": 1280, "height": 1000})
    for view in sorted(default_atlas().views):
        check_sheet(page, view)


def check_sheet(page, view):
    page.goto(f"/acupoints/figures/{view}.svg")
    found = page.evaluate(MEASURE)
    labels, dots = found["labels"], found["dots"]
    assert len(labels) == len(default_atlas().on_view(view))
    clashes = [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlap(a[1], b[1])]
    assert clashes == [], f"overlapping labels on {view}: {clashes}"
    covered = [
        (label[0], href) for label in labels for href, dot in dots
        if overlap(label[1], dot, slack=1.0) and not href.endswith(f"/{label[0].lower()}/")
    ]  # fmt: skip
    assert covered == [], f"labels covering another point on {view}: {covered}"
