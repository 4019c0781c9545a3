"""The waitlist through the database: a freed slot is offered within one task run, in waitlist order,
to at most N people; the first claim books it, later ones are told it went; min notice is respected."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from acuclinic.booking import services, waitlist
from acuclinic.booking.errors import BookingError, CallToBook
from acuclinic.booking.links import LinkNotFound
from acuclinic.booking.models import Appointment, BookingRules, DateOverride, WaitlistEntry, WaitlistOffer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(clinic_site):
    rules = BookingRules.for_site(clinic_site["site"])
    rules.waitlist_offers_at_once, rules.waitlist_claim_minutes = 2, 30
    rules.save()
    return rules


def join(every_day, patient, intake, name, *, until=None, practitioner=None, **kwargs):
    return waitlist.join(
        service=every_day["service"], practitioner=practitioner, weekdays=kwargs.pop("weekdays", []),
        times=kwargs.pop("times", []), until=until or timezone.localdate() + dt.timedelta(days=20),
        patient=services.Patient(name, f"{name.split()[0].lower()}@example.com", patient.phone, True),
        intake=intake, consent=True, **kwargs,
    )  # fmt: skip


def fill_day(every_day, patient, intake, day_start):
    """Book Ann's whole day (09:00-17:00) so nothing is free that day but what a cancellation frees."""
    booked = []
    start = day_start.replace(hour=9)
    while start + dt.timedelta(minutes=45) <= day_start.replace(hour=17):
        booked.append(services.book(service=every_day["service"], practitioner=every_day["ann"], start=start,
                                    patient=patient, intake=intake, consent=True))  # fmt: skip
        start += dt.timedelta(hours=1)
    return booked


def test_cancelled_slot_goes_to_the_first_n_in_join_order(every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    entries = [join(every_day, patient, intake, f"Person {i}") for i in range(4)]
    mail.outbox.clear()
    ten = next(a for a in booked if a.start == slot)
    with committed():
        services.cancel(appointment=ten)
    offers = list(WaitlistOffer.objects.order_by("entry__joined_at"))
    assert [o.entry_id for o in offers] == [entries[0].pk, entries[1].pk]  # N = 2, first joined first
    assert {o.start for o in offers} == {slot}
    offer_mails = [m for m in mail.outbox if "A time has opened up" in m.subject]
    assert sorted(m.to[0] for m in offer_mails) == ["person@example.com"] * 2
    assert offers[0].token in offer_mails[0].body or offers[0].token in offer_mails[1].body

    appointment = waitlist.claim(offers[1].token)
    assert appointment.start == slot and appointment.patient_name == "Person 1"
    assert WaitlistEntry.objects.get(pk=entries[1].pk).status == WaitlistEntry.Status.BOOKED
    with pytest.raises(waitlist.OfferGone):
        waitlist.claim(offers[0].token)
    assert Appointment.objects.filter(start=slot).active().count() == 1


def test_no_offer_inside_min_notice(every_day, patient, intake, rules, committed, tz):
    soon = timezone.now() + dt.timedelta(hours=3)
    start = soon.astimezone(tz).replace(minute=0, second=0, microsecond=0)
    if not dt.time(9) <= start.time() <= dt.time(16):
        start = (timezone.localtime() + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    appointment = Appointment.objects.create(
        practitioner=every_day["ann"], service=every_day["service"], start=start, end=start + dt.timedelta(minutes=45),
        buffer_end=start + dt.timedelta(hours=1), patient_name="X", consent_at=timezone.now(),
    )  # fmt: skip
    join(every_day, patient, intake, "Waiting One", practitioner=every_day["ann"])
    rules.min_notice_hours = 48
    rules.save()
    with committed():
        services.cancel(appointment=appointment, by_staff=True)
    assert not WaitlistOffer.objects.exists()


def test_preferences_are_respected(every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    other_day = (slot.weekday() + 1) % 7
    join(every_day, patient, intake, "Wrong Day", weekdays=[other_day])
    join(every_day, patient, intake, "Afternoons", times=[(dt.time(13), dt.time(17))])
    join(every_day, patient, intake, "Too Short", until=slot.date() - dt.timedelta(days=1))
    join(every_day, patient, intake, "With Bob", practitioner=every_day["bob"])
    fits = join(every_day, patient, intake, "Mornings", weekdays=[slot.weekday()], times=[(dt.time(9), dt.time(12))])
    with committed():
        services.cancel(appointment=next(a for a in booked if a.start == slot))
    assert list(WaitlistOffer.objects.values_list("entry_id", flat=True)) == [fits.pk]


def test_reschedule_away_and_unblock_and_new_hours_free_time(every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    entry = join(every_day, patient, intake, "Waiting One", practitioner=every_day["ann"])
    moved = next(a for a in booked if a.start == slot)
    with committed():
        services.reschedule(appointment=moved, start=slot + dt.timedelta(days=1))
    assert WaitlistOffer.objects.get().start == slot
    WaitlistOffer.objects.all().delete()

    # Staff unblock: the block's time is offered.
    block = services.block_time(practitioner=every_day["ann"], start=slot + dt.timedelta(days=2),
                                end=slot + dt.timedelta(days=2, hours=8))  # fmt: skip
    entry.refresh_from_db()
    with committed():
        services.cancel(appointment=block, by_staff=True)
    assert WaitlistOffer.objects.filter(entry=entry).count() == 1
    WaitlistOffer.objects.all().delete()

    # A date override that adds evening hours on a full day.
    with committed():
        DateOverride.objects.create(practitioner=every_day["ann"], date=slot.date(), start=dt.time(17), end=dt.time(19))
    assert WaitlistOffer.objects.get().start == slot.replace(hour=17)


def test_a_claim_never_books_a_slot_that_is_not_free(every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    join(every_day, patient, intake, "Waiting One")
    with committed():
        services.cancel(appointment=next(a for a in booked if a.start == slot))
    offer = WaitlistOffer.objects.get()
    # Someone books the time on the booking page before the patient claims it.
    services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                  intake=intake, consent=True)  # fmt: skip
    with pytest.raises(waitlist.OfferGone):
        waitlist.claim(offer.token)
    assert Appointment.objects.filter(start=slot).active().count() == 1
    offer.refresh_from_db()
    assert offer.status == WaitlistOffer.Status.GONE


def test_expired_offer_is_410_and_books_nothing(every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    join(every_day, patient, intake, "Waiting One")
    with committed():
        services.cancel(appointment=next(a for a in booked if a.start == slot))
    offer = WaitlistOffer.objects.get()
    with pytest.raises(waitlist.OfferExpired):
        waitlist.claim(offer.token, now=offer.expires_at + dt.timedelta(seconds=1))
    assert not Appointment.objects.filter(start=slot).active().exists()


def test_forged_and_foreign_tokens_open_nothing(every_day, patient, intake, rules):
    entry = join(every_day, patient, intake, "Waiting One")
    with pytest.raises(LinkNotFound):
        waitlist.open_entry(entry.token[:-1] + ("x" if entry.token[-1] != "x" else "y"))
    with pytest.raises(LinkNotFound):
        waitlist.open_offer(entry.token)  # a waitlist link is not a claim link
    with pytest.raises(LinkNotFound):
        waitlist.claim("é" * 10)
    assert waitlist.open_entry(entry.token) == entry


def test_join_refuses_bad_input_and_writes_nothing(every_day, patient, intake, rules):
    with pytest.raises(BookingError) as exc:
        join(every_day, patient, intake, "Late", until=timezone.localdate() - dt.timedelta(days=1))
    assert exc.value.field == "until"
    with pytest.raises(BookingError):
        join(every_day, patient, intake, "Far", until=timezone.localdate() + dt.timedelta(days=400))
    with pytest.raises(BookingError):
        join(every_day, patient, intake, "Backwards", times=[(dt.time(12), dt.time(9))])
    with pytest.raises(BookingError):
        join(every_day, patient, intake, "Sunday", weekdays=[7])
    assert not WaitlistEntry.objects.exists()


def test_leaving_closes_open_offers(every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    entry = join(every_day, patient, intake, "Waiting One")
    with committed():
        services.cancel(appointment=next(a for a in booked if a.start == slot))
    waitlist.leave(entry)
    with pytest.raises(waitlist.OfferGone):
        waitlist.claim(WaitlistOffer.objects.get().token)


def test_pages_join_view_leave_and_claim(client, every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    url = reverse("booking:waitlist-join", args=["treatment", "ann"])
    assert client.get(url).status_code == 200
    form = {
        "weekdays": [slot.weekday()], "times": ["morning"], "until": (slot.date() + dt.timedelta(days=5)).isoformat(),
        "name": "Wendy Wait", "email": "wendy@example.com", "phone": "416 555 0199", "new_patient": "yes",
        "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on",
    }  # fmt: skip
    bad = client.post(url, {**form, "until": "2000-01-01"})
    assert bad.status_code == 422 and "past" in bad.content.decode()  # join() refused it, beside the field
    assert not WaitlistEntry.objects.exists()
    with committed():
        response = client.post(url, form)
    entry = WaitlistEntry.objects.get()
    assert response.status_code == 302 and response.url == reverse("booking:waitlist-entry", args=[entry.token])
    assert entry.token in mail.outbox[-1].body
    assert "Wendy" not in response.url
    page = client.get(response.url)
    assert page.status_code == 200 and "Treatment" in page.content.decode()

    with committed():
        services.cancel(appointment=next(a for a in booked if a.start == slot))
    offer = WaitlistOffer.objects.get()
    claim_url = reverse("booking:waitlist-claim", args=[offer.token])
    assert "Book this time" in client.get(claim_url).content.decode()
    with committed():
        claimed = client.post(claim_url)
    appointment = Appointment.objects.get(patient_email="wendy@example.com")
    assert claimed.url == reverse("booking:manage", args=[appointment.manage_token])
    again = client.get(claim_url)
    assert again.status_code == 200 and "You have this time" in again.content.decode()


def test_a_second_claimer_sees_that_it_went(client, every_day, patient, intake, slot, rules, committed):
    every_day["bob"].weekly_hours.all().delete()
    booked = fill_day(every_day, patient, intake, slot)
    join(every_day, patient, intake, "First One")
    join(every_day, patient, intake, "Second One")
    with committed():
        services.cancel(appointment=next(a for a in booked if a.start == slot))
    first, second = WaitlistOffer.objects.order_by("entry__joined_at", "entry_id")
    waitlist.claim(first.token)
    response = client.post(reverse("booking:waitlist-claim", args=[second.token]))
    assert response.status_code == 409 and "This time has gone" in response.content.decode()
    assert client.get(reverse("booking:waitlist-claim", args=[second.token])).status_code == 409


def test_the_join_page_at_the_rate_limit_keeps_what_was_typed(client, every_day, settings, rules):
    settings.BOOKING_ATTEMPT_LIMIT = 1
    url = reverse("booking:waitlist-join", args=["treatment", "any"])
    form = {"name": "Wendy Wait", "email": "not-an-email", "phone": "416 555 0199", "times": ["evening"]}
    assert client.post(url, form).status_code == 200  # a typo: the form says which field
    limited = client.post(url, {**form, "email": "wendy@example.com"})
    assert limited.status_code == 429
    page = limited.content.decode()
    assert 'value="Wendy Wait"' in page and 'value="wendy@example.com"' in page
    assert 'value="evening" id="id_times_2" checked' in page
    assert not WaitlistEntry.objects.exists()


def test_a_patient_over_the_no_show_limit_is_asked_to_call(every_day, patient, intake, rules):
    rules.no_show_limit = 1
    rules.save()
    Appointment.objects.create(
        practitioner=every_day["ann"], service=every_day["service"], start=timezone.now() - dt.timedelta(days=3),
        end=timezone.now() - dt.timedelta(days=3, minutes=-45), buffer_end=timezone.now() - dt.timedelta(days=3, minutes=-60),
        patient_name="Missed", patient_email="person@example.com", status=Appointment.Status.NO_SHOW,
        consent_at=timezone.now(),
    )  # fmt: skip
    with pytest.raises(CallToBook):
        join(every_day, patient, intake, "Person Missed")
    assert not WaitlistEntry.objects.exists()
