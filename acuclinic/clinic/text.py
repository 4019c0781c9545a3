"""Pure: make text a person typed safe to store, show, log, mail and put in a calendar.

Names and messages arrive from forms and the JSON API. Invisible characters in them (NUL, ANSI escape
sequences, CR/LF, zero-width spaces, bidirectional overrides, lone surrogates) are never what the
person meant to show, and some of them are dangerous downstream: a CR/LF forges an email header or a
log line, an escape sequence repaints a terminal, an RTL override disguises a name. One function per
kind of text, shared by booking and discussion, so every path into the database cleans the same way.
No Django import: tested with hypothesis on its own.
"""

from __future__ import annotations

import re
import unicodedata

# ECMA-48 escape sequences (CSI ... final byte, OSC ... BEL/ST, and two-byte escapes): removed whole,
# so no "[31m" residue remains once ESC itself is gone.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")

# Joiners shape some scripts (Persian ZWNJ, emoji ZWJ sequences): kept between visible characters only.
_JOINERS = {"\u200c", "\u200d"}

# Any run of white space (including the controls that act as it) becomes one ordinary space in a name.
_SPACE_LIKE = {"\t", "\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}


def _is_invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Cc controls, Cf format characters (zero-width spaces, bidi embeddings, overrides and isolates,
    # the BOM, soft hyphen), Cs lone surrogates (cannot even be encoded to UTF-8), Zl/Zp separators.
    return category in {"Cc", "Cf", "Cs", "Zl", "Zp"} and ch not in _JOINERS


def remove_invisible(value: str, *, keep_newlines: bool = False) -> str:
    """``value`` in NFC with escape sequences, control and format characters removed.

    White-space controls become a space (or stay a newline when ``keep_newlines``; CR LF and CR become
    LF). Joiners (ZWNJ, ZWJ) survive only between two visible characters.
    """
    text = _ANSI.sub("", str(value))
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for ch in text:
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif ch in _SPACE_LIKE:
            out.append(" ")
        elif not _is_invisible(ch):
            out.append(ch)
    cleaned = "".join(out)
    # A joiner at an edge or next to a space or another joiner joins nothing.
    cleaned = re.sub(r"(?<![^\s\u200c\u200d])[\u200c\u200d]+|[\u200c\u200d]+(?![^\s\u200c\u200d])", "", cleaned)
    return unicodedata.normalize("NFC", cleaned)


def has_visible(value: str) -> bool:
    """True if ``value`` shows anything: a character that is neither space, control nor format."""
    return any(unicodedata.category(ch)[0] not in "ZC" for ch in value)


def clean_person_name(value: str, *, max_length: int = 120) -> str:
    """A person's name as it will be stored: NFC, one line, no invisible characters, single spaces.

    Raises :class:`ValueError` (with a message fit to show) when nothing visible is left, or when the
    name is longer than ``max_length`` once cleaned.
    """
    name = " ".join(remove_invisible(value).split())
    if not has_visible(name):
        raise ValueError("Enter your name (letters we can show, not only spaces or invisible characters).")
    if len(name) > max_length:
        raise ValueError(f"Keep the name to at most {max_length} characters.")
    return name


def clean_message(value: str, *, max_length: int | None = None) -> str:
    """Free text (notes, a comment): invisible characters removed, line breaks kept; may be empty.

    Raises :class:`ValueError` when longer than ``max_length`` once cleaned.
    """
    lines = [line.rstrip() for line in remove_invisible(value, keep_newlines=True).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if max_length is not None and len(text) > max_length:
        raise ValueError(f"Keep the text to at most {max_length} characters.")
    return text


def one_line(value: str) -> str:
    """Any stored text made safe for a log line, an email header or a calendar title: no control left."""
    return " ".join(remove_invisible(value).split())
