import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from acuclinic.clinic.models import ClinicSettings, OpeningHours


def test_clean_stores_the_phone_in_e164(clinic_site):
    clinic = clinic_site["clinic"]
    clinic.phone = "(416) 555-0199"
    clinic.full_clean()
    assert clinic.phone == "+14165550199"
    assert clinic.phone_display == "(416) 555-0199"


def test_clean_refuses_an_invalid_phone_and_names_the_field(clinic_site):
    clinic = clinic_site["clinic"]
    clinic.phone = "555"
    with pytest.raises(ValidationError) as excinfo:
        clinic.full_clean()
    assert "phone" in excinfo.value.message_dict


def test_the_database_refuses_hours_that_close_before_they_open(clinic_site):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(clinic=clinic_site["clinic"], weekday=6, opens=dt.time(17), closes=dt.time(9))


def test_hours_by_day_lists_every_day_monday_first(clinic_site):
    days = ClinicSettings.objects.get(pk=clinic_site["clinic"].pk).hours_by_day()
    assert days[0][0] == "Monday"
    assert len(days) == 7
    sunday = dict(days)["Sunday"]
    assert sunday == []
    assert [str(h) for h in dict(days)["Monday"]] == ["Monday 09:00–13:00", "Monday 14:00–19:00"]
