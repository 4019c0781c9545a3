"""Phone numbers: parse what a person typed, store E.164, display nationally.

Pure: no Django import, so the booking form and the clinic settings share one rule.
"""

from __future__ import annotations

import phonenumbers


class InvalidPhoneNumber(ValueError):
    """The text is not a valid phone number for the given region."""


def to_e164(text: str, region: str) -> str:
    """Parse ``text`` (national or international form) and return it in E.164, e.g. ``+14165550123``."""
    try:
        number = phonenumbers.parse(text, region.upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(f"{text!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national(e164: str) -> str:
    """Format an E.164 number the way people in its country write it, e.g. ``(416) 555-0123``."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
