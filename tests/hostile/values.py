"""The hostile values: what an outside test typed into this site, and the classics of the genre.

Each has a label, so a failure names the value without printing 10,000 characters. ``TEXT`` goes into
every query parameter, path segment and form field as text; ``JSON`` adds values of the wrong JSON
type for API bodies.
"""

from __future__ import annotations

TEXT: list[tuple[str, str]] = [
    ("fresh marker", "<!--fresh:comment_stamp:a:1-->"),
    ("non-ASCII signature", "abc.\u00e9"),
    ("quote", 'a"b'),
    ("NUL", "\x00"),
    ("NUL inside", "a\x00b"),
    ("percent-00 typed", "%00"),
    ("superscript two", "\u00b2"),
    ("Arabic-Indic digits", "\u0661\u0662"),
    ("dotted", "a.b"),
    ("protocol-relative", "//evil.example"),
    ("huge integer", "99999999999999999999999"),
    ("past int64", "9223372036854775808"),
    ("negative", "-1"),
    ("huge negative", "-99999999999999999999999"),
    ("zero", "0"),
    ("float overflow", "1e309"),
    ("last date", "9999-12-31"),
    ("day before last", "9999-12-30"),
    ("first date", "0001-01-01"),
    ("far date", "99999-01-01"),
    ("last instant", "9999-12-31T10:00:00-05:00"),
    ("first instant", "0001-01-01T00:00:00+14:00"),
    ("CRLF", "a\r\nSet-Cookie: x=1"),
    ("ANSI escape", "\x1b[31mred\x1b[0m\x1b[2J"),
    ("RTL override", "\u202egnp.exe"),
    ("zero-width only", "\u200b\u200d\ufeff"),
    ("lone surrogate", "\ud800"),
    ("10k characters", "x" * 10_000),
    ("dot-dot-slash", "../../etc/passwd"),
    ("dot-dot", ".."),
    ("emoji", "\U0001f4a9\U0001f469\u200d\U0001f4bb"),
    ("markup", "<script>alert(1)</script>"),
    ("empty", ""),
    ("spaces", "   "),
]

JSON: list[tuple[str, object]] = [
    ("JSON null", None),
    ("JSON true", True),
    ("JSON huge integer", 99999999999999999999999),
    ("JSON negative", -1),
    ("JSON float", 1.5),
    ("JSON list", ["a"]),
    ("JSON object", {"a": 1}),
]
