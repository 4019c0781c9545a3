"""django.contrib.sites comes with the comments; nothing may link to its "example.com" placeholder."""

from urllib.parse import urlsplit

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_migrate_points_the_django_site_at_base_url(settings):
    settings.BASE_URL = "https://clinic.example.net"
    call_command("migrate", verbosity=0)
    assert Site.objects.get_current().domain == "clinic.example.net"


def test_admin_password_reset_links_to_base_url(client, django_user_model, settings):
    django_user_model.objects.create_user("editor", "editor@clinic.example", "old-password")
    response = client.post("/admin/password_reset/", {"email": "editor@clinic.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "example.com/" not in message.body
    assert f"://{urlsplit(settings.BASE_URL).netloc}/admin/password_reset/confirm/" in message.body
