"""The shared cleaning of names and free text (acuclinic/clinic/text.py), with hostile inputs."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acuclinic.clinic.text import clean_message, clean_person_name, one_line, remove_invisible

INVISIBLE_ONLY = [
    "",
    " ",
    "\x00",
    "\x00\x00",
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width characters, word joiner, BOM
    "\u202e",  # right-to-left override
    "\r\n",
    "\x1b[31m\x1b[0m",  # ANSI colour on, off
    "\t\x0b\x0c",
    "\ud800",  # a lone surrogate (JSON can carry one)
    "\u2028\u2029",
    "\xad",  # soft hyphen
]


@pytest.mark.parametrize("value", INVISIBLE_ONLY)
def test_a_name_with_nothing_visible_is_refused(value):
    with pytest.raises(ValueError, match="name"):
        clean_person_name(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Alex Patient", "Alex Patient"),
        ("  Alex   Patient ", "Alex Patient"),
        ("Al\x00ex", "Alex"),
        ("\x1b[31mAlex\x1b[0m", "Alex"),
        ("\x1b]0;pwned\x07Alex", "Alex"),
        ("Alex\r\nBcc: victim@example.com", "Alex Bcc: victim@example.com"),
        ("\u202eAlex", "Alex"),
        ("Al\u200bex", "Alex"),
        ("Zo\u0065\u0301", "Zo\u00e9"),  # decomposed é composed (NFC)
        ("Nguyễn Thị", "Nguyễn Thị"),
        ("王小明", "王小明"),
        ("\u0645\u06cc\u200c\u0631\u0648\u06cc", "\u0645\u06cc\u200c\u0631\u0648\u06cc"),  # Persian ZWNJ kept
        ("\u200dAlex\u200d", "Alex"),  # joiners at the edges join nothing
        ("O'Brien-Smith", "O'Brien-Smith"),
    ],
)
def test_names_are_cleaned(value, expected):
    assert clean_person_name(value) == expected


def test_a_name_longer_than_allowed_once_cleaned_is_refused():
    assert clean_person_name("a" * 120 + "\u200b" * 50) == "a" * 120
    with pytest.raises(ValueError, match="120"):
        clean_person_name("a" * 121)


def test_messages_keep_line_breaks_but_lose_controls():
    assert clean_message("Line one\r\nLine\x00 two\r\x1b[2Jthree  \n\n\n\n\nend") == "Line one\nLine two\nthree\n\nend"
    assert clean_message("\u200b\x00") == ""


def test_one_line_leaves_no_control_for_logs_headers_or_calendars():
    assert one_line("Alex\r\nX-Injected: 1\x1b[31m") == "Alex X-Injected: 1"


@given(st.text())
def test_nothing_invisible_survives(value):
    for cleaned in (remove_invisible(value), remove_invisible(value, keep_newlines=True)):
        assert cleaned == unicodedata.normalize("NFC", cleaned)
        for ch in cleaned:
            category = unicodedata.category(ch)
            assert category not in {"Cc", "Cs", "Zl", "Zp"} or ch == "\n"
            assert category != "Cf" or ch in "\u200c\u200d"
        cleaned.encode("utf-8")  # no lone surrogate left


@given(st.text())
def test_a_clean_name_is_one_visible_line_and_stable(value):
    try:
        name = clean_person_name(value)
    except ValueError:
        return
    assert name == name.strip() and "\n" not in name and "  " not in name
    assert clean_person_name(name) == name
