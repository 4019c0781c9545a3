import datetime as dt

import pytest

from acuclinic.discussion.moderation import Verdict, blocked_terms_in, count_links, decide, is_closed

BASE = {
    "mode": "first_time",
    "is_staff": False,
    "author_approved_before": True,
    "links": 0,
    "max_links": 2,
    "blocked": False,
}


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, Verdict.APPROVE),
        ({"author_approved_before": False}, Verdict.HOLD),
        ({"links": 2}, Verdict.APPROVE),
        ({"links": 3}, Verdict.HOLD),
        ({"blocked": True}, Verdict.SPAM),
        ({"blocked": True, "links": 5, "author_approved_before": False}, Verdict.SPAM),
        ({"mode": "all"}, Verdict.HOLD),
        ({"mode": "none", "author_approved_before": False}, Verdict.APPROVE),
        ({"mode": "none", "links": 3}, Verdict.HOLD),
        ({"mode": "none", "blocked": True}, Verdict.SPAM),
        (
            {"is_staff": True, "mode": "all", "links": 9, "blocked": True, "author_approved_before": False},
            Verdict.APPROVE,
        ),
    ],
)
def test_decide_follows_wordpress_defaults(changes, verdict):
    assert decide(**{**BASE, **changes}) is verdict


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("No links here, just a question about GB30.", 0),
        ("See https://example.org and http://example.com/x", 2),
        ("www.example.org, ftp://files.example and <a href='x'>y</a>", 3),
        ("HTTPS://EXAMPLE.ORG", 1),
    ],
)
def test_count_links(text, links):
    assert count_links(text) == links


def test_blocked_terms_ignore_case_and_search_every_field():
    assert blocked_terms_in(["Cheap PILLS here", "Bob"], ["pills", "casino"]) == ["pills"]
    assert blocked_terms_in(["hello", "spam@Casino.example"], ["casino.example"]) == ["casino.example"]
    assert blocked_terms_in(["hello"], ["", "casino"]) == []


def test_closed_by_setting_or_age():
    published = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    now = published + dt.timedelta(days=30)
    assert is_closed(comments_open=False, published=published, close_after_days=None, now=now)
    assert not is_closed(comments_open=True, published=published, close_after_days=None, now=now)
    assert not is_closed(comments_open=True, published=published, close_after_days=31, now=now)
    assert is_closed(comments_open=True, published=published, close_after_days=30, now=now)
    assert not is_closed(comments_open=True, published=None, close_after_days=1, now=now)
