"""Readers' text is escaped; only paragraphs, line breaks and http(s) links survive."""

import re

import pytest

from acuclinic.discussion.text import EMAIL_HIDDEN, comment_html

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<scr<script>ipt>alert(1)</script>",
    "jav&#x09;ascript:alert(1)",
    "<a href='https://ok.example' onmouseover='alert(1)'>x</a>",
    'https://ok.example/"onmouseover="alert(1)',
    "<iframe src=//evil.example></iframe>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]


@pytest.mark.parametrize("payload", XSS)
def test_payloads_are_neutralised(payload):
    html = comment_html(payload)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered and "<svg" not in lowered and "<iframe" not in lowered
    assert 'href="javascript' not in lowered and 'href="data' not in lowered
    # The only tags are the ones we write, with the attributes we write.
    tags = {t.lower() for t in re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html)}
    assert tags <= {"p", "br", "a"}
    for attributes in re.findall(r"<a ([^>]*)>", html):
        names = set(re.findall(r'(\w+)="', attributes))
        assert names <= {"href", "rel"}, attributes


def test_links_are_nofollow_ugc_and_line_breaks_kept():
    html = comment_html("First line\nsecond line\n\nSee https://example.org/guide.")
    assert html == (
        '<p>First line<br>second line</p><p>See <a href="https://example.org/guide" rel="nofollow ugc">'
        "https://example.org/guide</a>.</p>"
    )


def test_email_addresses_in_text_are_hidden():
    html = comment_html("Write to me at maya.chen+clinic@example.org please")
    assert "example.org" not in html and "maya" not in html
    assert EMAIL_HIDDEN in html
    assert "mailto:" not in html
