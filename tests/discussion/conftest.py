import time

import pytest
from django.utils.crypto import salted_hmac

SECURITY_SALT = "django.contrib.forms.CommentSecurityForm"  # django-contrib-comments' key salt
GUIDE_TYPE = "guides.conditionguidepage"


def stamped(guide, *, age: float = 60, **fields) -> dict:
    """A form as a reader's browser sends it, ``age`` seconds after the page was served."""
    timestamp = str(int(time.time() - age))
    data = {
        "content_type": GUIDE_TYPE,
        "object_pk": str(guide.pk),
        "timestamp": timestamp,
        "security_hash": salted_hmac(SECURITY_SALT, f"{GUIDE_TYPE}-{guide.pk}-{timestamp}").hexdigest(),
        "reply_to": "0",
        "honeypot": "",
        "name": "Maya Chen",
        "email": "maya@example.org",
        "url": "",
        "comment": "Does the needling hurt more on the calf than on the hip?",
    }
    data.update(fields)
    return data


@pytest.fixture
def post_comment(client, django_capture_on_commit_callbacks):
    """POST the comment form as a browser would (emails queued on commit are sent)."""

    def post(guide, *, client=client, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/comments/post/", stamped(guide, **fields))

    return post


@pytest.fixture
def approved_reader(sciatica):
    """A reader whose earlier comment the clinic approved."""
    from acuclinic.discussion import services

    comment = services.post_comment(guide=sciatica, name="Maya Chen", email="maya@example.org", text="Thank you.")
    services.approve([comment], by=None)
    comment.refresh_from_db()
    return comment
