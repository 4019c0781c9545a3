"""Choosing a time: a week at a glance, a day strip on phones, the first free day chosen, and a pointer to
the next free time when a week has none; without JavaScript."""

import datetime as dt
import re

from acuclinic.booking.models import DateOverride, Service


def columns(html):
    return re.findall(r'<section class="slot-day([^"]*)" aria-labelledby="day-(\d{8})">', html)


def test_the_week_has_seven_day_columns_from_the_first_day(client, every_day, slot):
    html = client.get("/book/treatment/ann/", {"from": slot.date().isoformat()}).content.decode()
    days = [dt.datetime.strptime(d, "%Y%m%d").date() for _, d in columns(html)]
    assert days == [slot.date() + dt.timedelta(days=n) for n in range(7)]
    assert html.count('class="day-strip__day') == 7
    assert "Times in Eastern Time" in html
    assert 'rel="next"' in html and f"?from={(slot.date() + dt.timedelta(days=7)).isoformat()}" in html
    # The practitioner is named once, in the heading, not on every time.
    assert html.count("with Ann,") == 1 and ">10:00 <span" not in html


def test_the_first_free_day_is_chosen_and_the_day_strip_chooses_another(client, every_day, slot):
    first = slot.date()
    DateOverride.objects.create(practitioner=every_day["ann"], date=first)  # not working that day
    html = client.get("/book/treatment/ann/", {"from": first.isoformat()}).content.decode()
    selected = [d for classes, d in columns(html) if "is-selected" in classes]
    assert selected == [(first + dt.timedelta(days=1)).strftime("%Y%m%d")]
    assert "is-empty" in columns(html)[0][0]
    later = first + dt.timedelta(days=3)
    html = client.get("/book/treatment/ann/", {"from": first.isoformat(), "day": later.isoformat()}).content.decode()
    assert [d for classes, d in columns(html) if "is-selected" in classes] == [later.strftime("%Y%m%d")]
    assert f'href="?from={first.isoformat()}&amp;day={later.isoformat()}#times" aria-current="date"' in html


def test_an_empty_week_says_when_the_next_free_time_is(client, every_day, slot):
    first = slot.date()
    for n in range(9):
        DateOverride.objects.create(practitioner=every_day["ann"], date=first + dt.timedelta(days=n))
    html = client.get("/book/treatment/ann/", {"from": first.isoformat()}).content.decode()
    assert "No times this week." in html
    free = first + dt.timedelta(days=9)
    assert f'The next free time is on <a href="?from={free.isoformat()}">{free:%a} {free.day} {free:%b}</a>' in html


def test_first_available_shows_each_time_once(client, every_day, slot):
    html = client.get("/book/treatment/any/", {"from": slot.date().isoformat()}).content.decode()
    day = re.search(rf'aria-labelledby="day-{slot:%Y%m%d}">(.*?)</section>', html, re.S).group(1)
    times = re.findall(r'<a class="slot" href="[^"]+">(\d\d:\d\d)</a>', day)
    assert times and len(times) == len(set(times))
    assert 'aria-label="Practitioner"' in html and ">First available</a>" in html


def test_new_or_returning_is_asked_before_the_services(client, every_day):
    Service.objects.create(slug="first", name="First visit", duration_minutes=60, audience="new")
    Service.objects.create(slug="again", name="Follow-up visit", duration_minutes=30, audience="returning")
    start = client.get("/book/").content.decode()
    assert "Have you been to our clinic before?" in start
    assert start.index("Have you been to our clinic before?") < start.index("First visit")
    new = client.get("/book/", {"patient": "new"}).content.decode()
    chosen = new[new.index('id="services-heading"') :]
    assert "First visit" in chosen and "Treatment" in chosen and "Follow-up visit" not in chosen
    returning = client.get("/book/", {"patient": "returning"}).content.decode()
    chosen = returning[returning.index('id="services-heading"') :]
    assert "Follow-up visit" in chosen and "First visit" not in chosen
    assert 'href="/book/treatment/?patient=returning"' in chosen


def test_the_answer_carries_through_to_the_details_form(client, every_day, slot):
    html = client.get("/book/treatment/ann/", {"from": slot.date().isoformat(), "patient": "new"}).content.decode()
    link = re.findall(r'<a class="slot" href="([^"]+)">10:00</a>', html)[0]  # the first day's
    assert "patient=new" in link
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert re.search(r'<input type="radio" name="new_patient" value="yes"[^>]*checked', form)


def test_booking_with_one_practitioner_lists_only_their_services(client, every_day):
    other = Service.objects.create(slug="other", name="Other service", duration_minutes=30)
    html = client.get("/book/", {"with": "ann", "patient": "new"}).content.decode()
    assert "Book Online with Ann" in html and 'href="/book/treatment/ann/?patient=new"' in html
    assert other.name not in html


def test_the_details_form_helps_the_browser_fill_it_in(client, every_day, slot):
    from urllib.parse import urlencode

    html = client.get("/book/treatment/ann/details/?" + urlencode({"start": slot.isoformat(), "with": "ann"})).content
    html = html.decode()
    assert re.search(r'<input type="text" name="name"[^>]*autocomplete="name"', html)
    assert re.search(r'<input type="email" name="email"[^>]*autocomplete="email"', html)
    assert re.search(r'<input type="tel" name="phone"[^>]*autocomplete="tel"', html)
    assert re.search(r'<textarea name="notes"[^>]*autocomplete="off"', html)


def test_a_start_that_is_not_a_free_time_is_refused_before_the_details_form(client, every_day, slot):
    from acuclinic.booking.availability import free_offers

    free = free_offers(service=every_day["service"], practitioner=None, first_day=slot.date(), last_day=slot.date())[
        0
    ].start
    off_grid = free + dt.timedelta(minutes=7)
    response = client.get("/book/treatment/any/details/", {"start": off_grid.isoformat()})
    assert response.status_code == 302
    assert response["Location"].startswith("/book/treatment/any/?")
    assert f"from={free.date().isoformat()}" in response["Location"] and "unavailable=1" in response["Location"]
    shown = client.get(response["Location"]).content.decode()
    assert "That time cannot be booked online" in shown
    # A time the list offers still opens the form.
    assert client.get("/book/treatment/any/details/", {"start": free.isoformat()}).status_code == 200
