"""book / cancel / reschedule: one transaction each; every refusal says why and writes nothing."""

import datetime as dt

import pytest
from django.core import mail

from acuclinic.booking import availability, errors, services
from acuclinic.booking.models import Appointment, DateOverride, Holiday, Service


@pytest.fixture(autouse=True)
def _commit_each_change(monkeypatch, django_capture_on_commit_callbacks):
    # Each service call is one transaction; run what it queued on commit (emails) when it returns.
    for name in ("book", "cancel", "reschedule"):
        original = getattr(services, name)

        def committing(*args, _original=original, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return _original(*args, **kwargs)

        monkeypatch.setattr(services, name, committing)


def book(every_day, slot, patient, intake, **changes):
    kwargs = {"service": every_day["service"], "practitioner": every_day["ann"], "start": slot, "patient": patient,
              "intake": intake, "consent": True} | changes  # fmt: skip
    return services.book(**kwargs)


def test_booking_stores_the_appointment_with_buffer_and_emails_a_confirmation(every_day, slot, patient, intake):
    appointment = book(every_day, slot, patient, intake)
    assert (appointment.start, appointment.end, appointment.buffer_end) == (
        slot, slot + dt.timedelta(minutes=45), slot + dt.timedelta(minutes=60),
    )  # fmt: skip
    assert appointment.intake == {
        "pregnant": False,
        "anticoagulants": True,
        "implanted_device": False,
        "red_flags": False,
    }
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alex@example.com"]


def test_first_available_takes_the_next_free_practitioner(every_day, slot, patient, intake):
    first = book(every_day, slot, patient, intake, practitioner=None)
    second = book(every_day, slot, patient, intake, practitioner=None)
    assert {first.practitioner, second.practitioner} == {every_day["ann"], every_day["bob"]}
    with pytest.raises(errors.SlotTaken):
        book(every_day, slot, patient, intake, practitioner=None)


@pytest.mark.parametrize(
    ("start_of", "code"),
    [(lambda s: s - dt.timedelta(days=10), "past"), (lambda s: s.replace(hour=18), "hours"),
     (lambda s: s + dt.timedelta(minutes=7), "grid"), (lambda s: s + dt.timedelta(days=90), "horizon")],
)  # fmt: skip
def test_invalid_times_are_422_with_the_reason_and_write_nothing(every_day, slot, patient, intake, start_of, code):
    with pytest.raises(errors.BookingError) as excinfo:
        book(every_day, start_of(slot), patient, intake)
    assert (excinfo.value.status, excinfo.value.code) == (422, code)
    assert not Appointment.objects.exists() and not mail.outbox


def test_minimum_notice(every_day, patient, intake, tz):
    soon = dt.datetime.now(tz).replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    with pytest.raises(errors.BookingError) as excinfo:
        book(every_day, soon, patient, intake)
    assert excinfo.value.code in {"notice", "hours", "past"}


def test_overlapping_a_booking_or_its_buffer_is_409(every_day, slot, patient, intake):
    book(every_day, slot, patient, intake)
    for start in (
        slot,
        slot + dt.timedelta(minutes=30),
        slot + dt.timedelta(minutes=45),
        slot - dt.timedelta(minutes=45),
    ):
        with pytest.raises(errors.SlotTaken):
            book(every_day, start, patient, intake)
    book(every_day, slot + dt.timedelta(minutes=60), patient, intake)  # touching the buffer is fine
    assert Appointment.objects.count() == 2


def test_red_flags_stop_the_booking(every_day, slot, patient):
    with pytest.raises(errors.UrgentCareNeeded) as excinfo:
        book(every_day, slot, patient, services.Intake(red_flags=True))
    assert "emergency" in excinfo.value.message
    assert not Appointment.objects.exists()


def test_consent_service_offer_and_audience(every_day, slot, patient, intake):
    with pytest.raises(errors.BookingError, match="booking terms"):
        book(every_day, slot, patient, intake, consent=False)
    other = Service.objects.create(slug="other", name="Other", duration_minutes=30)
    with pytest.raises(errors.BookingError, match="does not offer"):
        book(every_day, slot, patient, intake, service=other)
    returning_only = every_day["service"]
    returning_only.audience = Service.Audience.RETURNING
    returning_only.save()
    with pytest.raises(errors.BookingError, match="for returning patients"):
        book(every_day, slot, patient, intake)
    assert not Appointment.objects.exists()


def test_holidays_and_date_overrides(every_day, slot, patient, intake):
    Holiday.objects.create(date=slot.date(), name="Civic holiday")
    with pytest.raises(errors.BookingError, match="working hours"):
        book(every_day, slot, patient, intake)
    Holiday.objects.all().delete()
    DateOverride.objects.create(practitioner=every_day["ann"], date=slot.date())  # not working that day
    with pytest.raises(errors.BookingError):
        book(every_day, slot, patient, intake)
    DateOverride.objects.all().delete()
    evening = slot.replace(hour=19)
    DateOverride.objects.create(practitioner=every_day["ann"], date=slot.date(), start=dt.time(18), end=dt.time(21))
    assert book(every_day, evening, patient, intake).start == evening  # extra hours


def test_cancel_frees_the_slot_and_is_refused_after_the_notice(every_day, slot, patient, intake):
    appointment = book(every_day, slot, patient, intake)
    services.cancel(appointment=appointment)
    assert Appointment.objects.get().status == "cancelled"
    assert mail.outbox[-1].subject.startswith("Your appointment is cancelled")
    book(every_day, slot, patient, intake)  # free again
    late = book(every_day, slot + dt.timedelta(hours=2), patient, intake)
    with pytest.raises(errors.TooLateToChange):
        services.cancel(appointment=late, now=slot - dt.timedelta(hours=1))
    services.cancel(appointment=late, now=slot - dt.timedelta(hours=1), by_staff=True)


def test_reschedule_moves_the_same_appointment_and_keeps_its_link(every_day, slot, patient, intake):
    appointment = book(every_day, slot, patient, intake)
    token = appointment.manage_token
    moved = services.reschedule(appointment=appointment, start=slot + dt.timedelta(hours=3))
    assert moved.pk == appointment.pk and moved.start == slot + dt.timedelta(hours=3)
    assert Appointment.by_token(token).start == slot + dt.timedelta(hours=3)
    # Moving by less than its own length is fine: it does not clash with itself.
    services.reschedule(appointment=moved, start=slot + dt.timedelta(hours=3, minutes=15))


def test_reschedule_into_a_taken_slot_is_409_and_changes_nothing(every_day, slot, patient, intake):
    first = book(every_day, slot, patient, intake)
    second = book(every_day, slot + dt.timedelta(hours=2), patient, intake)
    with pytest.raises(errors.SlotTaken):
        services.reschedule(appointment=second, start=slot)
    assert Appointment.objects.get(pk=second.pk).start == slot + dt.timedelta(hours=2)
    assert Appointment.objects.get(pk=first.pk).start == slot


def test_a_cancelled_appointment_cannot_be_rescheduled(every_day, slot, patient, intake):
    appointment = book(every_day, slot, patient, intake)
    services.cancel(appointment=appointment)
    with pytest.raises(errors.TooLateToChange, match="cancelled"):
        services.reschedule(appointment=appointment, start=slot + dt.timedelta(hours=1))


def test_blocked_time_blocks_bookings(every_day, slot, patient, intake):
    services.block_time(
        practitioner=every_day["ann"], start=slot, end=slot + dt.timedelta(hours=1), note="Team meeting"
    )
    with pytest.raises(errors.SlotTaken):
        book(every_day, slot, patient, intake)
    with pytest.raises(errors.SlotTaken):
        services.block_time(practitioner=every_day["ann"], start=slot, end=slot + dt.timedelta(minutes=30))


def test_free_offers_never_lists_a_slot_that_would_be_refused(every_day, slot, patient, intake):
    book(every_day, slot, patient, intake)
    offers = availability.free_offers(service=every_day["service"], practitioner=every_day["ann"],
                                  first_day=slot.date(), last_day=slot.date())  # fmt: skip
    assert slot not in {o.start for o in offers}
    for offer in offers[:8]:
        assert book(every_day, offer.start, patient, intake, practitioner=offer.practitioner)
        services.cancel(appointment=Appointment.objects.latest("pk"))


def test_blocked_time_is_at_most_a_day(every_day, slot):
    with pytest.raises(errors.BookingError, match="date override"):
        services.block_time(practitioner=every_day["ann"], start=slot, end=slot + dt.timedelta(days=1, minutes=1))


def test_the_overlap_query_reads_only_the_window(every_day, slot):
    sql = str(Appointment.objects.overlapping(slot, slot + dt.timedelta(days=7)).query)
    assert sql.count('"start" >=') == 1 and '"start" <' in sql  # bounded on both sides: the index does the work
