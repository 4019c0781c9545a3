"""A guide's points drawn on the figures, numbered as in its list."""

import re


def test_the_points_in_the_guide_are_drawn_numbered_as_listed(client, sciatica):
    html = client.get(sciatica.url).content.decode()
    listed = [item.value["point"].code for item in sciatica.points]
    figures = html.split("<h3>The points in this guide</h3>")[1].split('<p class="muted">Your practitioner')[0]
    for n, code in enumerate(listed, start=1):
        if code == "Ashi":
            continue
        link = re.search(rf'<a href="/acupoints/{code.lower()}/"><title>[^<]*</title>(.*?)</a>', figures, re.S)
        assert link, code
        assert f">{n}</text>" in link.group(1), (code, n)
    assert "<svg" in figures and 'role="group"' in figures


def test_ashi_is_explained_not_drawn(client, sciatica):
    html = client.get(sciatica.url).content.decode()
    listed = [item.value["point"].code for item in sciatica.points]
    if "Ashi" in listed:
        assert "Ashi points have no fixed place, so they are not drawn" in html
        assert '<a href="/acupoints/ashi/"><title>' not in html


def test_a_guide_page_stays_light(client, sciatica):
    import gzip

    content = client.get(sciatica.url).content
    assert len(gzip.compress(content)) <= 60_000
