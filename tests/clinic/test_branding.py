"""Settings › Clinic › Branding: an accent colour only if white text on it is readable (WCAG AA), a logo,
and the currency prices are shown in."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from acuclinic.clinic import colours
from acuclinic.clinic.formats import money, time_zone_name

rgb = st.tuples(*[st.integers(0, 255)] * 3)


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert colours.contrast_ratio((0, 0, 0), colours.WHITE) == pytest.approx(21)
    assert colours.contrast_ratio(colours.WHITE, colours.WHITE) == pytest.approx(1)
    # Published pairs: #767676 is the lightest grey that passes AA on white; #777777 just fails.
    assert colours.contrast_ratio(colours.parse_hex("#767676"), colours.WHITE) == pytest.approx(4.54, abs=0.01)
    assert colours.contrast_ratio(colours.parse_hex("#777777"), colours.WHITE) == pytest.approx(4.48, abs=0.01)


@given(rgb, rgb)
def test_contrast_is_symmetric_and_between_1_and_21(a, b):
    ratio = colours.contrast_ratio(a, b)
    assert 1 <= ratio <= 21.0001
    assert ratio == pytest.approx(colours.contrast_ratio(b, a))


@given(rgb)
def test_the_hover_shade_never_has_less_contrast_with_white(colour):
    assert (
        colours.contrast_ratio(colours.darken(colour), colours.WHITE)
        >= colours.contrast_ratio(colour, colours.WHITE) - 1e-9
    )


@pytest.mark.parametrize("text", ["", "teal", "#12345", "#ggg000", "rgb(0,0,0)", "#0b5d55;}body{display:none"])
def test_anything_but_a_hex_colour_is_refused_by_the_parser(text):
    with pytest.raises(ValueError):
        colours.parse_hex(text)


@pytest.mark.parametrize(("typed", "stored"), [("#0B5D55", "#0b5d55"), ("0b5d55", "#0b5d55"), ("#036", "#003366")])
def test_a_readable_accent_is_accepted_and_normalised(clinic_site, typed, stored):
    clinic = clinic_site["clinic"]
    clinic.accent_colour = typed
    clinic.full_clean()
    assert clinic.accent_colour == stored


@pytest.mark.parametrize("light", ["#777777", "#ffcc00", "#8fd6cb", "#ffffff"])
def test_an_accent_too_light_for_white_text_is_refused_with_its_contrast(clinic_site, light):
    clinic = clinic_site["clinic"]
    clinic.accent_colour = light
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    message = " ".join(refused.value.message_dict["accent_colour"])
    assert "4.5:1" in message and "WCAG AA" in message and light in message


def test_the_admin_form_shows_the_contrast_error_beside_the_field(admin_client, clinic_site):
    site = clinic_site["site"]
    url = f"/admin/settings/clinic/clinicsettings/{site.pk}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in ("name", "phone", "country", "booking_cta", "booking_url")}
    data |= {"currency": "CAD", "accent_colour": "#ffcc00"}
    data |= {f"opening_hours-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                                                    "MAX_NUM_FORMS": 1000}.items()}  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "WCAG AA needs at least 4.5:1" in response.content.decode()
    clinic_site["clinic"].refresh_from_db()
    assert clinic_site["clinic"].accent_colour == ""


def test_brand_stylesheet_is_linked_only_when_an_accent_is_set(client, clinic_site):
    assert "/brand.css" not in client.get("/").content.decode()
    clinic = clinic_site["clinic"]
    clinic.accent_colour = "#7a2e5c"
    clinic.full_clean()
    clinic.save()
    html = client.get("/").content.decode()
    assert 'href="/brand.css?v=' in html
    css = client.get("/brand.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--brand:#7a2e5c" in css.content.decode()


def test_brand_stylesheet_never_carries_a_value_that_is_not_a_colour(client, clinic_site):
    clinic = clinic_site["clinic"]
    clinic.accent_colour = "red}*{x"  # saved without clean(), as a script or fixture might
    clinic.save()
    assert client.get("/brand.css").content == b""


def test_currency_code_is_checked(clinic_site):
    clinic = clinic_site["clinic"]
    clinic.currency = "dollars"[:3] + "1"
    with pytest.raises(ValidationError):
        clinic.full_clean()


@pytest.mark.parametrize(
    ("amount", "currency", "country", "shown"),
    [("120.00", "CAD", "CA", "$120"), ("45.50", "GBP", "GB", "£45.50"), ("90", "EUR", "IE", "€90"),
     ("1200.00", "AUD", "AU", "$1,200"), ("95", "CAD", "US", "CA$95")],
)  # fmt: skip
def test_prices_are_written_in_the_clinics_currency(amount, currency, country, shown):
    assert money(amount, currency, country) == shown


def test_time_zones_are_named_as_patients_say_them():
    assert time_zone_name("America/Toronto") == "Eastern Time"
    assert time_zone_name("America/Vancouver") == "Pacific Time"
    assert time_zone_name("Not/AZone") == "Not/AZone"
