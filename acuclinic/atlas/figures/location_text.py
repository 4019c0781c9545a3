"""Read the cun distances a location text states ("3 cun below the umbilicus").

Used to prove that each placement reproduces its text, and to link location texts that
use cun to the page explaining how cun are measured. Pure: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CUN_RE = re.compile(
    r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s+cun\b(?P<rest>(?:[^;:.()]|\.(?=\d))*)",
    re.IGNORECASE,
)
# Direction words by axis. "Behind" and "in front of" name either axis (on the top of the head
# behind is down the figure, on the side of the leg it is across), so they say nothing here.
VERTICAL = ("above", "below", "superior", "inferior", "proximal", "distal", "higher", "lower", "within")
ACROSS = ("lateral", "medial", "to the side", "from the midline", "out from", "ulnar side", "radial side")
# Asides about other points or other books ("(ST30 lies ... 2 cun from the midline)", "(older
# textbooks give 5 cun)") state distances that are not this point's.
ASIDE_RE = re.compile(r"\((?:[A-Z]{2}\d{1,2} lies|[^)]*\b(?:older|some) text)[^)]*\)")
CODE_RE = re.compile(r"\b(?:LU|LI|ST|SP|HT|SI|BL|KI|PC|TE|GB|LR|GV|CV)\d{1,2}\b|\bEX-(?:HN|CA|B|UE|LE)\d{1,2}\b")


@dataclass(frozen=True, slots=True)
class CunStatement:
    """``cun`` stated in the text; ``axis`` is "vertical", "across" or "" when the words do not say."""

    cun: float
    axis: str
    words: str
    codes: tuple[str, ...]


def cun_statements(text: str) -> list[CunStatement]:
    """Every "N cun …" in ``text``, with the axis its direction words imply and the point codes it names."""
    out = []
    for match in CUN_RE.finditer(ASIDE_RE.sub("", " ".join(text.split()))):
        rest = match["rest"].strip().lower()
        out.append(CunStatement(float(match["n"]), _axis(rest), rest, tuple(CODE_RE.findall(match["rest"]))))
    return out


def _axis(rest: str) -> str:
    """The axis of the first direction word right after the distance ("above the medial end" is vertical)."""
    head = " " + " ".join(rest.split()[:4])
    found = []
    for axis, words in (("vertical", VERTICAL), ("across", ACROSS)):
        for word in words:
            at = head.find(" " + word)
            if at != -1:
                found.append((at, -len(word), axis))
    return min(found)[2] if found else ""


def uses_cun(text: str) -> bool:
    return bool(CUN_RE.search(text))
