"""The front desk's day view: every practitioner in a column, times as rows, status in words and colour,
cancelled entries struck through, blocked time shown, and the same few queries however full the day is."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from acuclinic.booking import services
from acuclinic.booking.day_sheet import day_sheet
from acuclinic.booking.models import Appointment, DateOverride, Holiday
from acuclinic.clinic.clock import clinic_today
from tests.booking.test_admin import add_appointment, at, make_practitioner

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return clinic_today() + dt.timedelta(days=7)


def sheet_html(staff, day, **params):
    response = staff.get(reverse("booking_admin:day"), {"date": day.isoformat(), **params})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<table class="day-sheet">')
    return html[start : html.index("</table>", start)]


def column_headers(table):
    head = table[table.index("<thead>") : table.index("</thead>")]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", h)).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    ]


def test_each_practitioner_has_a_column_and_times_are_rows(staff, alice, bob, service, day):
    add_appointment(alice, service, at(day, 10), "Dana Day")
    add_appointment(bob, service, at(day, 11, 30), "Bea Bob")
    table = sheet_html(staff, day)
    assert column_headers(table) == ["Time", "Alice Chen 08:00–18:00", "Bob Singh 08:00–18:00"]
    rows = re.findall(r'<tr>\s*<th scope="row" class="day-sheet__time"><time[^>]*>(\d\d:\d\d)</time>', table)
    assert rows[0] == "08:00" and rows[-1] == "17:45" and len(rows) == 40  # the 15-minute booking grid
    # Dana's 45 minutes span three rows, in Alice's column (the first after the time).
    ten = re.search(r"<time[^>]*>10:00</time></th>(.*?)</tr>", table, re.S).group(1)
    cells = re.findall(r"<td[^>]*>", ten)
    assert cells[0] == '<td rowspan="3" class="day-sheet__cell">'
    assert "Dana Day" in ten and "Bea Bob" not in ten
    assert "(416) 555-0199" in ten  # the phone as written locally
    assert reverse("booking_admin:appointment", args=[Appointment.objects.get(patient_name="Dana Day").pk]) in ten
    # In the rows it covers, Alice's column has no cell of its own.
    quarter_past = re.search(r"<time[^>]*>10:15</time></th>(.*?)</tr>", table, re.S).group(1)
    assert len(re.findall(r"<td", quarter_past)) == 1


def test_statuses_are_named_in_words_and_cancelled_is_struck_through(staff, alice, service, day):
    add_appointment(alice, service, at(day, 9), "Carl Cancelled", status=Appointment.Status.CANCELLED)
    add_appointment(alice, service, at(day, 9, 15), "Nina Next")  # took the cancelled one's place
    add_appointment(alice, service, at(day, 11), "Nora Noshow", status=Appointment.Status.NO_SHOW)
    add_appointment(alice, service, at(day, 12), "Cora Completed", status=Appointment.Status.COMPLETED)
    services.block_time(practitioner=alice, start=at(day, 13), end=at(day, 14), note="Team meeting")
    table = sheet_html(staff, day)

    cancelled = re.search(r'<a class="day-entry is-cancelled"[^>]*>(.*?)</a>', table, re.S).group(1)
    assert re.search(r"<s>.*Carl Cancelled.*</s>", cancelled, re.S)
    assert '<span class="day-entry__status">Cancelled</span>' in cancelled
    # The overlapping pair shares one cell, in time order, spanning both.
    nine = re.search(r"<time[^>]*>09:00</time></th>\s*<td([^>]*)>(.*?)</td>", table, re.S)
    assert 'rowspan="4"' in nine.group(1)
    assert nine.group(2).index("Carl Cancelled") < nine.group(2).index("Nina Next")
    for status, name, label in [
        ("booked", "Nina Next", "Booked"),
        ("no_show", "Nora Noshow", "No-show"),
        ("completed", "Cora Completed", "Completed"),
        ("block", "Team meeting", "Blocked"),
    ]:
        entry = re.search(rf'<a class="day-entry is-{status}"[^>]*>((?:(?!</a>).)*{name}.*?)</a>', table, re.S)
        assert entry, status
        assert f'<span class="day-entry__status">{label}</span>' in entry.group(1)
        assert "<s>" not in entry.group(1)


def test_the_stylesheet_colours_and_strikes_through_from_wagtails_own_variables(staff, day, alice):
    from django.contrib.staticfiles import finders

    page = staff.get(reverse("booking_admin:day"), {"date": day.isoformat()}).content.decode()
    assert "booking/admin/front_desk.css" in page
    css = Path(finders.find("booking/admin/front_desk.css")).read_text()
    for status in ("booked", "completed", "no_show", "cancelled", "block"):
        assert re.search(rf"\.day-entry\.is-{status} \{{\s*background: var\(--w-color-", css), status
    assert "http" not in css  # nothing from another host


def test_hours_overrides_and_holidays_shape_the_columns(staff, alice, bob, service, day):
    DateOverride.objects.create(practitioner=alice, date=day, start=dt.time(12), end=dt.time(20))
    DateOverride.objects.create(practitioner=bob, date=day)  # not working
    table = sheet_html(staff, day)
    assert column_headers(table) == ["Time", "Alice Chen 12:00–20:00", "Bob Singh Not working"]
    rows = re.findall(r'<th scope="row" class="day-sheet__time"><time[^>]*>(\d\d:\d\d)</time>', table)
    assert (rows[0], rows[-1]) == ("12:00", "19:45")
    assert 'class="day-sheet__cell is-closed"' in table  # Bob's column
    Holiday.objects.create(date=day, name="Civic Holiday")
    page = staff.get(reverse("booking_admin:day"), {"date": day.isoformat()}).content.decode()
    assert "Clinic holiday: Civic Holiday." in page


def test_one_practitioner_can_be_shown_alone(staff, alice, bob, service, day):
    add_appointment(alice, service, at(day, 10), "Dana Day")
    add_appointment(bob, service, at(day, 10), "Bea Bob")
    table = sheet_html(staff, day, practitioner=bob.pk)
    assert column_headers(table) == ["Time", "Bob Singh 08:00–18:00"]
    assert "Bea Bob" in table and "Dana Day" not in table


def test_previous_and_next_day_and_the_week_view(staff, alice, day):
    page = staff.get(reverse("booking_admin:day"), {"date": day.isoformat(), "practitioner": alice.pk})
    html = page.content.decode()
    previous = (day - dt.timedelta(days=1)).isoformat()
    following = (day + dt.timedelta(days=1)).isoformat()
    assert f'href="?date={previous}&amp;practitioner={alice.pk}" rel="prev"' in html
    assert f'href="?date={following}&amp;practitioner={alice.pk}" rel="next"' in html
    week = staff.get(reverse("booking_admin:week"), {"date": day.isoformat(), "practitioner": alice.pk})
    assert week.status_code == 200


def test_the_day_costs_the_same_queries_however_many_practitioners_and_entries(
    staff, alice, service, day, django_assert_max_num_queries
):
    add_appointment(alice, service, at(day, 9), "Only One")
    with django_assert_max_num_queries(20) as few:
        staff.get(reverse("booking_admin:day"), {"date": day.isoformat()})
    baseline = len(few.captured_queries)

    for n in range(6):
        person = make_practitioner(f"Extra {n}", service)
        DateOverride.objects.create(practitioner=person, date=day, start=dt.time(7), end=dt.time(19))
        for hour in (9, 11, 14):
            add_appointment(person, service, at(day, hour), f"Patient {n}-{hour}")
    services.block_time(practitioner=alice, start=at(day, 13), end=at(day, 14), note="Team meeting")
    with django_assert_max_num_queries(baseline):
        html = staff.get(reverse("booking_admin:day"), {"date": day.isoformat()}).content.decode()
    assert html.count('<a class="day-entry is-booked"') == 19


def test_the_sheet_reads_each_table_once(alice, bob, service, day, django_assert_num_queries, tz):
    add_appointment(alice, service, at(day, 10), "Dana Day")
    # Practitioners, their weekly hours (prefetched), the entries, the date overrides, the holiday.
    with django_assert_num_queries(5):
        sheet = day_sheet(day, tz=tz, step=dt.timedelta(minutes=15))
    assert [column.practitioner for column in sheet.columns] == [alice, bob]
