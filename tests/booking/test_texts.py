"""Text messages: Twilio through its own library with its HTTP transport stubbed, consent and STOP,
bodies without health details, the inbound STOP webhook (signed), and the deployment check."""

import datetime as dt
import json

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

from acuclinic.booking import services, sms, tasks
from acuclinic.booking.models import BookingRules, TextOptOut

pytestmark = pytest.mark.django_db


@pytest.fixture
def twilio(settings, monkeypatch):
    """Texting on through TwilioBackend; every HTTP request the library makes is recorded and answered 201."""
    settings.SMS_ENABLED = True
    settings.SMS_BACKEND = "acuclinic.booking.sms.TwilioBackend"
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = (
        "AC" + "1" * 32,
        "secret",
        "+15005550006",
    )
    sent = []

    def request(
        self, method, url, params=None, data=None, headers=None, auth=None, timeout=None, allow_redirects=False
    ):
        sent.append({"method": method, "url": url, "data": data, "auth": auth})
        return Response(201, json.dumps({"sid": "SM" + "0" * 32, "status": "queued", "to": data["To"]}))

    monkeypatch.setattr(TwilioHttpClient, "request", request)
    return sent


def book(every_day, slot, patient, intake, *, texts):
    return services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                         intake=intake, consent=True, sms_consent=texts)  # fmt: skip


def test_twilio_backend_posts_the_message_through_the_library(twilio):
    assert sms.send_text("+14165550123", "Hello", consent_at=dt.datetime.now(dt.UTC)) is True
    (call,) = twilio
    assert call["method"] == "POST"
    assert call["url"] == f"https://api.twilio.com/2010-04-01/Accounts/{'AC' + '1' * 32}/Messages.json"
    assert call["data"] == {"To": "+14165550123", "Body": "Hello", "From": "+15005550006"}
    assert call["auth"] == ("AC" + "1" * 32, "secret")


def test_provider_refusal_is_not_an_error_for_the_patient(twilio, monkeypatch, caplog):
    monkeypatch.setattr(
        TwilioHttpClient, "request", lambda self, *a, **k: Response(400, '{"code": 21211, "message": "bad To"}')
    )
    assert sms.send_text("+14165550123", "Hello", consent_at=dt.datetime.now(dt.UTC)) is False
    assert "+14165550123" not in caplog.text and "Hello" not in caplog.text


def test_reminder_text_only_with_consent_and_without_health_details(twilio, every_day, slot, patient, intake):
    with_consent = book(every_day, slot, patient, intake, texts=True)
    without = book(every_day, slot + dt.timedelta(hours=2), patient, intake, texts=False)
    assert with_consent.sms_consent_at is not None and without.sms_consent_at is None
    assert tasks.text_reminder(without) is False
    assert tasks.text_reminder(with_consent) is True
    body = twilio[-1]["data"]["Body"]
    assert "Treatment" not in body and with_consent.manage_token in body and "STOP" in body
    assert len(twilio) == 1


def test_the_clinic_may_allow_the_service_name(twilio, every_day, slot, patient, intake, clinic_site):
    rules = BookingRules.for_site(clinic_site["site"])
    rules.texts_name_service = True
    rules.save()
    tasks.text_reminder(book(every_day, slot, patient, intake, texts=True))
    assert "Treatment" in twilio[-1]["data"]["Body"]


def test_no_text_to_an_opted_out_number_or_with_texting_off(twilio, settings, every_day, slot, patient, intake):
    appointment = book(every_day, slot, patient, intake, texts=True)
    TextOptOut.objects.create(phone=patient.phone)
    assert tasks.text_reminder(appointment) is False
    TextOptOut.objects.all().delete()
    settings.SMS_ENABLED = False
    assert tasks.text_reminder(appointment) is False
    assert twilio == []


def signed_post(client, settings, data, *, token=None):
    url = settings.BASE_URL + reverse("booking:sms-inbound")
    signature = RequestValidator(token or settings.TWILIO_AUTH_TOKEN).compute_signature(url, data)
    return client.post(reverse("booking:sms-inbound"), data, HTTP_X_TWILIO_SIGNATURE=signature)


def test_stop_webhook_records_the_opt_out_and_start_lifts_it(client, settings, twilio):
    response = signed_post(client, settings, {"From": "+14165550123", "Body": " stop ", "MessageSid": "SM1"})
    assert response.status_code == 200 and response["Content-Type"] == "text/xml"
    assert TextOptOut.objects.filter(phone="+14165550123").exists()
    assert sms.send_text("+14165550123", "Hi", consent_at=dt.datetime.now(dt.UTC)) is False
    signed_post(client, settings, {"From": "+14165550123", "Body": "START"})
    assert not TextOptOut.objects.exists()
    signed_post(client, settings, {"From": "+14165550123", "Body": "hello", "OptOutType": "STOP"})
    assert TextOptOut.objects.exists()


def test_webhook_refuses_a_forged_signature(client, settings, twilio):
    response = signed_post(client, settings, {"From": "+14165550123", "Body": "STOP"}, token="not-the-secret")
    assert response.status_code == 403
    assert not TextOptOut.objects.exists()
    assert client.post(reverse("booking:sms-inbound"), {"From": "+1", "Body": "STOP"}).status_code == 403


def test_console_backend_masks_the_number(capsys, settings):
    settings.SMS_ENABLED, settings.SMS_BACKEND = True, "acuclinic.booking.sms.ConsoleBackend"
    sms.send_text("+14165550123", "Hi", consent_at=dt.datetime.now(dt.UTC))
    out = capsys.readouterr().out
    assert "+14165550123" not in out and "23: Hi" in out


def test_deploy_check_refuses_an_undelivering_backend_only_while_texting_is_on(settings):
    settings.SMS_BACKEND = "acuclinic.booking.sms.ConsoleBackend"
    settings.SMS_ENABLED = True
    assert "acuclinic.E101" in {e.id for e in run_checks(include_deployment_checks=True)}
    settings.SMS_ENABLED = False
    assert "acuclinic.E101" not in {e.id for e in run_checks(include_deployment_checks=True)}


def test_waitlist_offer_goes_by_text_when_agreed(twilio, every_day, slot, patient, intake, committed):
    from acuclinic.booking import waitlist
    from acuclinic.booking.models import WaitlistOffer

    every_day["bob"].weekly_hours.all().delete()
    taken = book(every_day, slot, patient, intake, texts=False)
    for name, texts in (("Texts Yes", True), ("Texts No", False)):
        waitlist.join(service=every_day["service"], practitioner=None, weekdays=[], times=[],
                      until=slot.date(), patient=services.Patient(name, "w@example.com", "+1416555019" + str(int(texts)), True),
                      intake=intake, consent=True, sms_consent=texts)  # fmt: skip
    with committed():
        services.cancel(appointment=taken)
    assert WaitlistOffer.objects.count() == 2
    (text,) = [call["data"] for call in twilio]
    offer = WaitlistOffer.objects.get(entry__patient_name="Texts Yes")
    assert text["To"] == "+14165550191" and offer.token in text["Body"] and "Treatment" not in text["Body"]


def test_the_booking_form_asks_for_texts_only_when_the_clinic_texts(client, settings, every_day, slot):
    from urllib.parse import urlencode

    from acuclinic.booking.models import Appointment

    url = "/book/treatment/ann/details/?" + urlencode({"start": slot.isoformat(), "with": "ann"})
    form = {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": "yes",
            "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on"}  # fmt: skip
    settings.SMS_ENABLED = False
    assert 'name="texts"' not in client.get(url).content.decode()
    settings.SMS_ENABLED = True
    assert 'name="texts"' in client.get(url).content.decode()
    assert client.post(url, {**form, "texts": "on"}).status_code == 302
    assert Appointment.objects.get().sms_consent_at is not None
