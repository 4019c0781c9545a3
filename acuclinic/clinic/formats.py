"""How the clinic writes money and names its time zone, in the site's language (CLDR data via Babel)."""

from __future__ import annotations

from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_name
from babel.numbers import format_currency
from django.conf import settings
from django.utils.translation import get_language


def _locale(country: str = "") -> str:
    language = (get_language() or settings.LANGUAGE_CODE or "en").split("-")[0]
    candidate = f"{language}_{country.upper()}" if country else language
    try:
        Locale.parse(candidate)
    except (UnknownLocaleError, ValueError):
        return language
    return candidate


def money(amount: Decimal | int | None, currency: str, country: str = "") -> str:
    """``$120`` for a Canadian clinic charging CAD 120.00, ``£45.50`` for a British one (whole amounts drop cents)."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    pattern = None
    if amount == amount.to_integral_value():
        pattern = "¤#,##0"
    return format_currency(amount, currency, format=pattern, locale=_locale(country), currency_digits=pattern is None)


def time_zone_name(zone: str) -> str:
    """``"Eastern Time"`` for ``America/Toronto``: the name patients use, not the database key."""
    try:
        return get_timezone_name(zone, width="long", locale=_locale(), zone_variant="generic")
    except (LookupError, ValueError):
        return zone
