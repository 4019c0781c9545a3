import factory
from django.contrib.auth import get_user_model
from django.utils import timezone


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class AppointmentFactory(factory.django.DjangoModelFactory):
    """An appointment written directly (any time, any status): real bookings go through services.book()."""

    class Meta:
        model = "booking.Appointment"

    start = factory.LazyFunction(timezone.now)
    end = factory.LazyAttribute(lambda a: a.start + a.service.duration)
    buffer_end = factory.LazyAttribute(lambda a: a.end + a.service.buffer)
    patient_name = "Sam Patient"
    patient_email = factory.Sequence(lambda n: f"patient{n}@example.com")
    patient_phone = "+14165550177"
    source = "online"
