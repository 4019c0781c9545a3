import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block and then what it queued for after commit (emails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# The front desk (booking admin): a service, two practitioners who work 08:00-18:00 every day, and staff.
# Shared by test_admin.py and the front-desk tests.


@pytest.fixture
def service(clinic_site):
    from tests.booking.test_admin import make_service

    return make_service()


@pytest.fixture
def alice(service):
    from tests.booking.test_admin import make_practitioner

    return make_practitioner("Alice Chen", service)


@pytest.fixture
def bob(service):
    from tests.booking.test_admin import make_practitioner

    return make_practitioner("Bob Singh", service)


@pytest.fixture
def staff(client, clinic_site):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    return client
