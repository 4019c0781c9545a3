"""Site search: exact code or name first; pinyin without tones and Chinese characters both work."""

import re

import pytest

from acuclinic.atlas.search import search_points


def result_links(html: str) -> list[str]:
    results = re.search(r'<ol class="search-results">(.*?)</ol>', html, re.S)
    return re.findall(r'<a href="([^"]+)">', results.group(1)) if results else []


@pytest.mark.parametrize(
    ("query", "first"),
    [("huantiao", "GB30"), ("Huántiào", "GB30"), ("环跳", "GB30"), ("環跳", "GB30"), ("gb30", "GB30"),
     ("ST 36", "ST36"), ("zusanli", "ST36"), ("Chengshan", "BL57"), ("UB40", "BL40")],
)  # fmt: skip
def test_search_ranks_the_exact_code_or_name_first(client, atlas_page, query, first):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert result_links(response.content.decode())[0] == f"/acupoints/{first.lower()}/"
    assert search_points(query)[0].code == first


def test_words_find_points_by_their_location(atlas_page):
    codes = [p.code for p in search_points("popliteal")]
    assert "BL40" in codes


def test_search_finds_pages_too(client, atlas_page):
    assert "/acupoints/" in result_links(client.get("/search/", {"q": "Acupoints"}).content.decode())


def test_empty_and_hostile_queries_are_handled(client, atlas_page):
    assert client.get("/search/").status_code == 200
    response = client.get("/search/", {"q": "<script>alert(1)</script>" * 10})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert client.post("/search/", {"q": "x"}).status_code == 405
