"""The atlas data files: complete, unique, filled in, and their pinyin agrees with their characters."""

import itertools
from collections import Counter

import pytest
from pypinyin import Style, pinyin

from acuclinic.atlas.categories import CATEGORIES
from acuclinic.atlas.regions import REGION_CODES
from acuclinic.atlas.schema import read_all, strip_tones

EXPECTED = {
    "LU": 11, "LI": 20, "ST": 45, "SP": 21, "HT": 9, "SI": 19, "BL": 67,
    "KI": 27, "PC": 9, "TE": 23, "GB": 44, "LR": 14, "GV": 28, "CV": 24,
}  # fmt: skip
EXTRA_SERIES = {"EX-HN": 15, "EX-CA": 1, "EX-B": 9, "EX-UE": 11, "EX-LE": 12}


@pytest.fixture(scope="module")
def files():
    return read_all()


@pytest.fixture(scope="module")
def points(files):
    return [p for f in files for p in f.points]


def test_every_channel_has_its_points_in_order(files):
    channels = {f.meridian.code: f for f in files if f.meridian.code != "EX"}
    assert {code: len(f.points) for code, f in channels.items()} == EXPECTED
    for code, channel in channels.items():
        assert [p.code for p in channel.points] == [f"{code}{n}" for n in range(1, EXPECTED[code] + 1)]
    assert sum(EXPECTED.values()) == 361


def test_extra_points_follow_the_who_series_and_ashi_is_a_special_entry(files):
    (extra,) = [f for f in files if f.meridian.code == "EX"]
    series = Counter(p.code.rstrip("0123456789") for p in extra.points if p.code != "Ashi")
    assert dict(series) == EXTRA_SERIES
    (ashi,) = [p for p in extra.points if p.code == "Ashi"]
    assert ashi.number is None
    assert ashi.region == "variable"


def test_no_code_appears_twice(points):
    duplicates = [code for code, n in Counter(p.code for p in points).items() if n > 1]
    assert duplicates == []


def test_no_field_is_empty(points):
    empty = [
        f"{p.code}.{name}"
        for p in points
        for name in ("pinyin", "pinyin_plain", "hanzi", "hanzi_traditional", "english", "location", "needling")
        if not getattr(p, name).strip()
    ]
    empty += [f"{p.code}.cautions" for p in points if not p.cautions or not all(c.strip() for c in p.cautions)]
    assert empty == []


def test_regions_and_categories_come_from_the_vocabularies(points):
    assert {p.region for p in points} <= REGION_CODES
    assert {c for p in points for c in p.categories} <= set(CATEGORIES)
    assert [p.code for p in points if p.region == "variable"] == ["Ashi"]


def test_meridians_carry_the_alternative_abbreviations(files):
    abbreviations = {f.meridian.code: set(f.meridian.abbreviations) for f in files}
    for code, expected in {
        "BL": {"UB", "B"}, "TE": {"SJ", "TH", "TW"}, "LR": {"LV", "Liv"}, "GV": {"DU"}, "CV": {"REN"},
        "PC": {"P", "HC"}, "HT": {"H"}, "KI": {"K"}, "SP": {"Sp"}, "ST": {"S"},
    }.items():  # fmt: skip
        assert expected <= abbreviations[code], code


def _readings(character: str) -> set[str]:
    return {strip_tones(r) for r in pinyin(character, style=Style.TONE, heteronym=True)[0]}


def test_pinyin_agrees_with_the_characters(points):
    """Cross-check every name against pypinyin (all readings of each character); report every mismatch."""
    mismatches = []
    for point in points:
        for form in (point.hanzi, point.hanzi_traditional):
            spellings = {"".join(combo) for combo in itertools.product(*(_readings(c) for c in form))}
            if point.pinyin_plain not in spellings:
                mismatches.append(f"{point.code}: {point.pinyin_plain!r} is not a reading of {form!r}")
    assert mismatches == [], "\n".join(mismatches)


def test_the_points_a_sciatica_guide_uses_are_where_the_standard_puts_them(points):
    by_code = {p.code: p for p in points}
    assert by_code["GB30"].region == "buttock"
    assert by_code["GB34"].region == "lateral_lower_leg"
    assert by_code["BL57"].region == "posterior_lower_leg"  # the reference page wrongly puts it on the thigh
    assert by_code["BL36"].region in {"buttock", "posterior_thigh"}
    assert by_code["ST36"].region == "anterior_lower_leg"
    assert (by_code["GB30"].pinyin, by_code["GB30"].hanzi, by_code["GB30"].hanzi_traditional) == (
        "Huántiào", "环跳", "環跳",
    )  # fmt: skip
