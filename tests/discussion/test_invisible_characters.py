"""Names and comments are stored as people can see them: NFC, no control, format or bidi character, and
never empty once those are gone. The form, the service and the staff reply all clean the same way."""

import unicodedata

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from acuclinic.discussion import services
from acuclinic.discussion.models import GuideComment

pytestmark = pytest.mark.django_db


def visible(text: str, *, newlines: bool = False) -> bool:
    """No control or format character (line feeds allowed in comment text) and in NFC."""
    allowed = {"\n"} if newlines else set()
    return unicodedata.is_normalized("NFC", text) and not [
        ch for ch in text if unicodedata.category(ch) in {"Cc", "Cf", "Cs"} and ch not in allowed
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Maya\u202e Chen", "Maya Chen"),  # right-to-left override
        ("\u2066Maya\u2069 Chen\u200b", "Maya Chen"),  # isolates and a zero-width space
        ("\x1b[31mMaya Chen\x1b[0m", "Maya Chen"),  # ANSI colour
        ("Maya\r\nBcc: victim@example.org", "Maya Bcc: victim@example.org"),  # CRLF
        ("Maya\tChen\x07", "Maya Chen"),
        ("Jose\u0301", "Jos\u00e9"),  # decomposed accent, stored composed (NFC)
        ("\ufeffMaya Chen", "Maya Chen"),  # byte-order mark
    ],
)
def test_names_are_stored_without_invisible_characters(sciatica, post_comment, typed, stored):
    response = post_comment(sciatica, name=typed)
    assert response.status_code == 303, response.content.decode()[:3000]
    comment = GuideComment.objects.get()
    assert comment.user_name == stored
    assert visible(comment.user_name)


@pytest.mark.parametrize("typed", ["\u200b\u200b", "\u202e", "\x1b[0m", "\u2066\u2069", " \u200d \ufeff "])
def test_a_name_of_only_invisible_characters_is_a_field_error(sciatica, post_comment, typed):
    response = post_comment(sciatica, name=typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your name" in html
    assert "Please correct the marked fields" in html
    assert not GuideComment.objects.exists()


def test_comment_text_keeps_its_line_breaks_and_loses_the_rest(sciatica, post_comment):
    typed = "First line\r\nsecond \x1b[1mline\x1b[0m\u202e\x07\n\nA new paragraph\u200b.\x00"
    post_comment(sciatica, comment=typed.replace("\x00", ""))  # Django's form refuses NUL on its own
    comment = GuideComment.objects.get()
    assert comment.comment == "First line\nsecond line\n\nA new paragraph."
    assert visible(comment.comment, newlines=True)


@pytest.mark.parametrize("typed", ["\u200b", "\u202e\u202c", "\x1b[31m\x1b[0m", "\u200b\r\n\u2060"])
def test_a_comment_of_only_invisible_characters_is_a_field_error(sciatica, post_comment, typed):
    response = post_comment(sciatica, comment=typed)
    assert response.status_code == 400
    assert "Write your comment" in response.content.decode()
    assert not GuideComment.objects.exists()


def test_the_service_cleans_and_refuses_whatever_calls_it(sciatica):
    comment = services.post_comment(
        guide=sciatica, name="\u202eMaya\r\nChen", email="maya@example.org", text="Hi\x1b[2J\u200b there\r\n"
    )
    assert (comment.user_name, comment.comment) == ("Maya Chen", "Hi there")
    with pytest.raises(ValidationError, match="Enter your name"):
        services.post_comment(guide=sciatica, name="\u200b", email="maya@example.org", text="Hello")
    with pytest.raises(ValidationError, match="Write your comment"):
        services.post_comment(guide=sciatica, name="Maya", email="maya@example.org", text="\u202e\x1b[0m")
    assert GuideComment.objects.count() == 1


def test_a_staff_reply_is_cleaned_too(sciatica, approved_reader, django_user_model):
    staff = django_user_model.objects.create_superuser("dokafor", "d@clinic.example", "x", first_name="Dan\u202e")
    reply = services.reply_as_staff(approved_reader, user=staff, text="Thanks\x1b[5m \u200bfor asking.")
    assert (reply.user_name, reply.comment) == ("Dan", "Thanks for asking.")


def test_the_moderators_email_carries_no_control_character(sciatica, post_comment, django_user_model):
    django_user_model.objects.create_superuser("mod", "mod@clinic.example", "x")
    type(sciatica).objects.filter(pk=sciatica.pk).update(title="Sciatica\r\nBcc: all@example.org \x1b[31m")
    assert post_comment(sciatica, name="Maya\x1b[2J\r\nChen").status_code == 303
    [message] = mail.outbox
    assert visible(message.subject)
    assert message.subject == "A comment is waiting for approval on Sciatica Bcc: all@example.org"
    assert "From: Maya Chen" in message.body
    assert visible(message.body, newlines=True)
