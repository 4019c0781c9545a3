"""Schema of the atlas data files (``atlas/data/*.yaml``) and their reader.

One file per channel plus ``extra.yaml``; each holds a ``meridian`` header and a
list of ``points``. Errors name the file, the point and the field, so that a
malformed file can be fixed without a debugger. Pure: no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from .categories import CATEGORIES
from .figures.placement import Placement
from .regions import REGION_CODES

# libyaml's safe loader when PyYAML was built with it: the same documents, parsed several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=12)]

CODE_RE = re.compile(
    r"^(?:(?P<channel>LU|LI|ST|SP|HT|SI|BL|KI|PC|TE|GB|LR|GV|CV)(?P<n>[1-9]\d?)|(?P<ex>EX-(?:HN|CA|B|UE|LE))(?P<exn>[1-9]\d?)|Ashi)$"
)
HAN_RE = re.compile(r"^[\u3400-\u9fff\U00020000-\U0002ffff]+$")


class AtlasDataError(ValueError):
    """A data file does not match the schema; the message names file, point and field."""


def strip_tones(pinyin: str) -> str:
    """``Huántiào`` -> ``huantiao``: lower case, no tone marks, no spaces, hyphens or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", pinyin)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", plain.lower().replace("ü", "v"))


class PointRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Text
    number: int | None = Field(ge=1, le=67)
    pinyin: Text
    pinyin_plain: Text
    hanzi: Text
    hanzi_traditional: Text
    english: Text
    region: Text
    location: Sentence
    needling: Sentence
    cautions: list[Text] = Field(min_length=1)
    categories: list[Text] = Field(default_factory=list)
    placement: Placement | None = None  # where the figures draw it (atlas/figures/placement.py)

    @field_validator("code")
    @classmethod
    def _code_form(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError(f"{value!r} is not a WHO code such as GB30 or EX-HN3")
        return value

    @field_validator("hanzi", "hanzi_traditional")
    @classmethod
    def _han_only(cls, value: str) -> str:
        if not HAN_RE.match(value):
            raise ValueError(f"{value!r} must be Chinese characters only")
        return value

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if value not in REGION_CODES:
            raise ValueError(f"{value!r} is not in the region vocabulary (atlas/regions.py)")
        return value

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        unknown = [c for c in value if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown categories {unknown} (atlas/categories.py)")
        if len(set(value)) != len(value):
            raise ValueError("a category is listed twice")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PointRecord:
        match = CODE_RE.match(self.code)
        expected = match["n"] or match["exn"]
        if self.code == "Ashi":
            if self.number is not None:
                raise ValueError("number: Ashi has no number")
            if self.placement is not None:
                raise ValueError("placement: Ashi has no fixed place")
        elif self.placement is None:
            raise ValueError("placement: every point but Ashi needs one (see atlas/figures/placement.py)")
        elif self.number != int(expected):
            raise ValueError(f"number: {self.number} does not match code {self.code}")
        if strip_tones(self.pinyin) != self.pinyin_plain:
            raise ValueError(f"pinyin_plain: expected {strip_tones(self.pinyin)!r} from pinyin {self.pinyin!r}")
        if len(self.hanzi) != len(self.hanzi_traditional):
            raise ValueError("hanzi_traditional: must have as many characters as hanzi")
        return self


class MeridianRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Text
    name: Text
    pinyin: Text
    hanzi: Text
    abbreviations: list[Text] = Field(default_factory=list)


class ChannelFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    meridian: MeridianRecord
    points: list[PointRecord] = Field(min_length=1)

    @model_validator(mode="after")
    def _points_belong(self) -> ChannelFile:
        prefix = "EX-" if self.meridian.code == "EX" else self.meridian.code
        seen: set[str] = set()
        for point in self.points:
            if point.code != "Ashi" and not point.code.startswith(prefix):
                raise ValueError(f"point {point.code} does not belong to meridian {self.meridian.code}")
            if point.code in seen:
                raise ValueError(f"point {point.code} is listed twice")
            seen.add(point.code)
        return self


def _describe(error: dict, raw: dict) -> str:
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "points" and isinstance(loc[1], int):
        try:
            where = str(raw["points"][loc[1]].get("code") or f"point #{loc[1] + 1}")
        except (KeyError, IndexError, TypeError, AttributeError):
            where = f"point #{loc[1] + 1}"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc) or "(whole entry)"
    return f"{where + ': ' if where else ''}{field}: {error['msg']}"


def read_channel_file(path: Path) -> ChannelFile:
    """Parse and validate one data file; raise :class:`AtlasDataError` naming file, point and field."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506  (the safe loader)
    except yaml.YAMLError as exc:
        raise AtlasDataError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise AtlasDataError(f"{path.name}: expected a mapping with 'meridian' and 'points'")
    try:
        return ChannelFile.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{path.name}: {_describe(err, raw)}" for err in exc.errors()]
        raise AtlasDataError("\n".join(lines)) from exc


DATA_DIR = Path(__file__).resolve().parent / "data"


def read_all(data_dir: Path = DATA_DIR) -> list[ChannelFile]:
    """Read every ``*.yaml`` file in ``data_dir``, sorted by name; all errors are collected."""
    files, errors = [], []
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            files.append(read_channel_file(path))
        except AtlasDataError as exc:
            errors.append(str(exc))
    if errors:
        raise AtlasDataError("\n".join(errors))
    return files
