"""The site's search backend: Wagtail's database backend, with the words of every query made safe first.

The database backends copy the words of a query into the database's full-text query language as they
are: a quote mark ends SQLite's FTS5 string early (a syntax error), PostgreSQL refuses NUL, and a lone
surrogate cannot even be encoded. Every search goes through the backend (the site search, the points
API, the admin's listings), so the words are cleaned here, once, and no caller can forget to.
"""

from __future__ import annotations

import functools

from modelsearch.backends import database
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText, SearchQuery

from .text import one_line


def search_words(text: str) -> str:
    """``text`` as words the index can hold: NFC, single spaces, no control, format or surrogate character,
    and no quote mark (which the index's tokenizer treats as a space anyway)."""
    return " ".join(one_line(text).replace('"', " ").split())


def clean_query(query: str | SearchQuery) -> str | SearchQuery | None:
    """The same query with every string in it passed through ``search_words``; parts left with no words
    are dropped, and None means nothing is left to search for."""
    if isinstance(query, str):
        return search_words(query) or None
    if isinstance(query, PlainText):
        words = search_words(query.query_string)
        return PlainText(words, operator=query.operator, boost=query.boost) if words else None
    if isinstance(query, Phrase):
        words = search_words(query.query_string)
        return Phrase(words) if words else None
    if isinstance(query, Fuzzy):
        words = search_words(query.query_string)
        return Fuzzy(words, operator=query.operator, unaccent=query.unaccent) if words else None
    if isinstance(query, (And, Or)):
        parts = [part for part in map(clean_query, query.subqueries) if part is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        part = clean_query(query.subquery)
        return Not(part) if part is not None else None
    if isinstance(query, Boost):
        part = clean_query(query.subquery)
        return Boost(part, query.boost) if part is not None else None
    return query  # MatchAll and the like carry no text


class _CleanQueries:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        cleaned = clean_query(query)
        # An empty string is the base backend's own "no query": empty results.
        return super()._search(query_compiler_class, "" if cleaned is None else cleaned, model_or_queryset, **kwargs)


@functools.cache
def _cleaning(backend_class: type) -> type:
    return type(backend_class.__name__, (_CleanQueries, backend_class), {"__module__": __name__})


def SearchBackend(params):  # named as Wagtail looks it up in a backend module
    """The database backend Wagtail would choose for this database (SQLite FTS5, PostgreSQL, …), cleaning queries."""
    return _cleaning(type(database.SearchBackend(params)))(params)
