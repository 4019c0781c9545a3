"""Parse and normalise acupoint codes and names, whatever spelling a person uses.

``GB30``, ``gb-30``, ``GB 30``, ``Gallbladder 30``, ``Huántiào``, ``huantiao``, ``环跳``, ``環跳``,
``UB40``, ``SJ5``, ``Du20``, ``Ren12``, ``Liv3``, ``EX-HN3``, ``Ashi``... all resolve to the WHO code.

The index is built from the atlas data files (the source of truth), so this module needs no
database: it is pure Python, cheap to build once per process, and usable from the command line,
the page views and the API alike.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .schema import ChannelFile, read_all

# English channel names people write, beyond the WHO name itself (lower case, spaces removed).
EXTRA_CHANNEL_NAMES: dict[str, tuple[str, ...]] = {
    "LU": ("lungs",),
    "LI": ("colon", "largebowel"),
    "BL": ("urinarybladder",),
    "KI": ("kidneys",),
    "PC": ("pericardiumchannel", "circulationsex"),
    "TE": ("tripleburner", "triplewarmer", "tripleheater", "sanjiao", "sanjiaochannel"),
    "GB": ("gallbladder",),
    "GV": ("governing", "governingvessel", "dumai", "governor"),
    "CV": ("conception", "conceptionvessel", "renmai", "directing", "directingvessel"),
}
EXTRA_GROUPS = ("HN", "CA", "B", "UE", "LE")
ASHI = "Ashi"
# Other names in common use, folded and without tones.
ALTERNATIVE_NAMES: dict[str, str] = {
    "ashi": ASHI, "ahshi": ASHI, "ashipoint": ASHI, "ashipoints": ASHI, "阿是穴": ASHI,
    "huatuojiaji": "EX-B2", "华佗夹脊": "EX-B2", "華佗夾脊": "EX-B2",
    # WHO 2008 names EX-HN15 Bailao; many books call it Jingbailao ("neck Bailao").
    "jingbailao": "EX-HN15", "颈百劳": "EX-HN15", "頸百勞": "EX-HN15",
}  # fmt: skip

_NOT_WORD = re.compile(r"[\W_]+")
_CODE_LIKE = re.compile(r"^(?P<prefix>[a-z]+?)(?P<number>\d{1,3})$")
_EXTRA_LIKE = re.compile(r"^ex(?P<group>hn|ca|b|ue|le)(?P<number>\d{1,3})$")


def _fold(text: str) -> str:
    """Normalise width and case, drop spaces and punctuation, keep tone marks: ``" Gb-30 "`` -> ``"gb30"``."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _untone(folded: str) -> str:
    """Drop tone marks from folded text: ``"huántiào"`` -> ``"huantiao"``; Chinese characters are kept."""
    decomposed = unicodedata.normalize("NFKD", folded)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of reading a spelling: zero, one or several candidate codes."""

    query: str
    codes: tuple[str, ...]

    @property
    def code(self) -> str | None:
        """The canonical code when the spelling names exactly one point, else ``None``."""
        return self.codes[0] if len(self.codes) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.codes) > 1


@dataclass
class CodeIndex:
    """Everything needed to turn a spelling into a WHO code. Build it with :meth:`from_files`."""

    channel_of_prefix: dict[str, str] = field(default_factory=dict)
    point_count: dict[str, int] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_toned_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def from_files(cls, files: Iterable[ChannelFile]) -> CodeIndex:
        index = cls()
        for channel in files:
            meridian = channel.meridian
            if meridian.code != "EX":
                index.point_count[meridian.code] = len(channel.points)
                prefixes = [meridian.code, *meridian.abbreviations, meridian.name, meridian.pinyin]
                prefixes += EXTRA_CHANNEL_NAMES.get(meridian.code, ())
                for prefix in prefixes:
                    index.channel_of_prefix[_untone(_fold(prefix))] = meridian.code
            for point in channel.points:
                index.codes.add(point.code)
                for name in (point.pinyin, point.hanzi, point.hanzi_traditional, point.english):
                    index.by_name[_untone(_fold(name))].add(point.code)
                index.by_toned_name[_fold(point.pinyin)].add(point.code)
        index.by_name = dict(index.by_name)
        index.by_toned_name = dict(index.by_toned_name)
        return index

    def resolve(self, text: str) -> Resolution:
        """Read ``text`` as a code or a point name; never raises, whatever the input."""
        folded = _fold(text)
        if not folded or len(folded) > 60:
            return Resolution(text, ())
        plain = _untone(folded)
        if (alternative := ALTERNATIVE_NAMES.get(plain)) is not None:
            return Resolution(text, (alternative,) if alternative in self.codes else ())
        if match := _EXTRA_LIKE.match(plain):
            code = f"EX-{match['group'].upper()}{int(match['number'])}"
            return Resolution(text, (code,) if code in self.codes else ())
        if match := _CODE_LIKE.match(plain):
            channel = self.channel_of_prefix.get(match["prefix"])
            if channel is not None:
                number = int(match["number"])
                valid = 1 <= number <= self.point_count[channel]
                return Resolution(text, (f"{channel}{number}",) if valid else ())
        # Tone marks, when given, tell apart names that differ only in tone (LR6 Zhōngdū, GB32 Zhōngdú).
        toned = self.by_toned_name.get(folded)
        if toned and len(toned) == 1:
            return Resolution(text, tuple(toned))
        named = self.by_name.get(plain)
        return Resolution(text, tuple(sorted(named, key=sort_key)) if named else ())

    def resolve_meridian(self, text: str) -> str | None:
        """The channel code for a channel spelling (``UB``, ``sj``, ``Liver``, ``Du``), else ``None``."""
        return self.channel_of_prefix.get(_untone(_fold(text)))

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Codes whose code or name is close to ``text``: for "did you mean" on a 404."""
        folded = _untone(_fold(text))
        if not folded:
            return []
        keys = {_untone(_fold(code)): {code} for code in self.codes}
        for name, codes in self.by_name.items():
            keys.setdefault(name, set()).update(codes)
        found: list[str] = []
        for key in difflib.get_close_matches(folded, keys, n=limit * 2, cutoff=0.6):
            for code in sorted(keys[key], key=sort_key):
                if code not in found:
                    found.append(code)
        return found[:limit]


def sort_key(code: str) -> tuple[int, str, int]:
    """Order codes as the atlas lists them: channels in WHO order, then extra points, then Ashi."""
    order = ("LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV")
    if code == ASHI:
        return (99, "", 0)
    match = re.match(r"^(EX-[A-Z]+|[A-Z]+)(\d+)$", code)
    if not match:
        return (98, code, 0)
    prefix, number = match.groups()
    if prefix.startswith("EX-"):
        return (50 + EXTRA_GROUPS.index(prefix[3:]), prefix, int(number))
    return (order.index(prefix), prefix, int(number))


@lru_cache(maxsize=1)
def default_index() -> CodeIndex:
    """The index over the shipped data files, built once per process."""
    return CodeIndex.from_files(read_all())


def resolve(text: str) -> Resolution:
    return default_index().resolve(text)


def normalise_code(text: str) -> str | None:
    """The canonical WHO code for ``text``, or ``None`` when it names no point or several."""
    return default_index().resolve(text).code
