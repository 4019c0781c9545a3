import pytest
from hypothesis import given
from hypothesis import strategies as st

from acuclinic.clinic.phones import InvalidPhoneNumber, national, to_e164


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("416 555 0142", "CA", "+14165550142"),
        ("(416) 555-0142", "CA", "+14165550142"),
        ("+1 416-555-0142", "GB", "+14165550142"),
        ("020 7946 0142", "GB", "+442079460142"),
        ("020 7946 0142", "gb", "+442079460142"),
    ],
)
def test_to_e164_reads_national_and_international_forms(text, region, expected):
    assert to_e164(text, region) == expected


@pytest.mark.parametrize("text", ["", "hello", "123", "+1 416 555", "416 555 0142 999 999"])
def test_to_e164_refuses_what_is_not_a_phone_number(text):
    with pytest.raises(InvalidPhoneNumber):
        to_e164(text, "CA")


def test_national_formats_for_people():
    assert national("+14165550142") == "(416) 555-0142"
    assert national("+442079460142") == "020 7946 0142"


@given(st.integers(min_value=0, max_value=99))
def test_national_then_back_round_trips(last_two):
    e164 = f"+1416555{last_two + 100:04d}"
    assert to_e164(national(e164), "CA") == e164
