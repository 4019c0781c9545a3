"""Site search: exact code or name first; pinyin without tones and Chinese characters both work."""

import re
from urllib.parse import quote

import pytest

from acuclinic.atlas.models import Point
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


# Quote marks end the full-text query's strings early (SQLite FTS5), NUL cannot reach PostgreSQL, a lone
# surrogate cannot be encoded: every entry point into search must take them as ordinary words.
HOSTILE_QUERIES = ['a"b', '"', '""', 'gb30 "', '"huantiao', "\x00", "a\x00b", "huan\x00tiao", "\ud800", "a\udfffb",
                   "\u202egb30", "\u200b", "\x1b[31mgb30", "a\r\nb", "'", "\\", "*", "(", "NEAR(a b)", "a OR",
                   "title:x", "a:*", "a&b|!c", "-x", "^a"]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_takes_any_text_as_words(client, atlas_page, query):
    from wagtail.models import Page

    assert isinstance(search_points(query), list)
    assert isinstance(list(Page.objects.live().public().search(query)[:5]), list)
    # A browser sends a lone surrogate as the bytes it would have in UTF-8 (not valid UTF-8 at all).
    q = "q=" + quote(query.encode("utf-8", "surrogatepass"))
    assert client.get(f"/search/?{q}").status_code == 200
    response = client.get(f"/api/v1/points?{q}")
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


@pytest.mark.parametrize("query", ['"a b"', 'huantiao "', "a\x00b", '"\x00"', "'it\"s'"])
def test_the_admin_searches_take_any_text_too(client, atlas_page, query):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    for url in ("/admin/pages/search/", "/admin/snippets/atlas/point/", "/admin/snippets/discussion/blockedterm/"):
        response = client.get(url, {"q": query})
        assert response.status_code == 200, url


@pytest.mark.parametrize(
    ("query", "first"), [('"huantiao"', "GB30"), ("zu\x00sanli", "ST36"), ("\u200bchengshan", "BL57")]
)
def test_hostile_characters_are_dropped_not_the_words(client, atlas_page, query, first):
    assert search_points(query)[0].code == first
    assert client.get("/api/v1/points", {"q": query}).json()["items"][0]["code"] == first


def test_query_objects_are_cleaned_too(atlas_page):
    from modelsearch.query import And, Not, Or, Phrase, PlainText
    from wagtail.search.backends import get_search_backend

    from acuclinic.clinic.search_backend import clean_query

    cleaned = clean_query(And([PlainText('"\x00'), Or([Phrase('gb"30'), Not(PlainText("\u202e"))])]))
    assert repr(cleaned) == "<And <Or <Phrase 'gb 30'>>>"
    assert clean_query(Or([PlainText('""'), Phrase("\x00")])) is None
    backend = get_search_backend()
    found = backend.search(Or([Phrase('jumping "circle'), PlainText('"\x00')]), Point)
    assert [p.code for p in found] == ["GB30"]
    assert list(backend.search(Phrase('"'), Point)) == []
