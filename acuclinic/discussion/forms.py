"""The "Leave a Reply" form: django-contrib-comments' form (signed timestamp, security hash, honeypot)
with the fields and labels readers expect, a minimum time on the form, and a reply target.

django-comments-xtd's own form is not used: it is styled for Bootstrap and adds follow-up emails, which
would need a confirmation and unsubscribe flow we do not offer. Its threading is used (services.py).
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentForm as ContribCommentForm
from django_comments.forms import CommentSecurityForm

from . import services
from .ids import plain_id

STAMP = "comment_stamp"  # the name of the form's fresh part in cached pages (clinic/page_cache.py)


def stamp(content_type: str, object_pk: str) -> tuple[int, str]:
    """A fresh timestamp and its security hash, as django-contrib-comments' form would issue them."""
    timestamp = int(time.time())
    # The form's own hash function; it reads nothing from the form instance, so none is built here.
    return timestamp, CommentSecurityForm.generate_security_hash(None, content_type, object_pk, str(timestamp))


def stamp_inputs(argument: str) -> str:
    """The hidden timestamp and hash inputs for ``"app_label.model:pk"``, filled into every response."""
    content_type, _sep, object_pk = argument.rpartition(":")
    timestamp, security_hash = stamp(content_type, object_pk)
    return format_html(
        '<input type="hidden" name="timestamp" value="{}"><input type="hidden" name="security_hash" value="{}">',
        timestamp,
        security_hash,
    )


class CommentForm(ContribCommentForm):
    # A plain id (ids.py); 0 or empty for a new thread. Parsed by hand: an IntegerField takes "١٢" and "1_0".
    reply_to = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["comment", "name", "email", "url"]

    def __init__(self, target_object, data=None, initial=None, **kwargs):
        super().__init__(target_object, data=data, initial=initial, **kwargs)
        fields = self.fields
        fields["comment"].label = _("Comment")
        fields["comment"].max_length = settings.COMMENT_MAX_LENGTH
        fields["comment"].widget = forms.Textarea(attrs={"rows": 8, "maxlength": settings.COMMENT_MAX_LENGTH})
        fields["name"].label = _("Name")
        fields["name"].widget.attrs.update(autocomplete="name")
        fields["email"].label = _("Email")
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254})
        fields["email"].max_length = 254
        fields["url"] = forms.URLField(
            label=_("Website"),
            required=False,
            max_length=200,
            assume_scheme="https",
            validators=[URLValidator(schemes=["http", "https"])],
            widget=forms.URLInput(attrs={"autocomplete": "url"}),
        )
        fields["honeypot"].label = _("Leave this field empty")
        fields["honeypot"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_name(self):
        return _cleaned(services.clean_name, self.cleaned_data["name"])

    def clean_comment(self):
        return _cleaned(services.clean_comment_text, super().clean_comment())

    def clean_reply_to(self):
        value = self.cleaned_data["reply_to"]
        if value in ("", "0"):
            return None
        if plain_id(value) is None:
            raise forms.ValidationError(services.REPLY_GONE, code="reply_gone")
        return plain_id(value)

    def clean_timestamp(self):
        timestamp = super().clean_timestamp()
        if time.time() - timestamp < settings.COMMENT_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was quick: please read your comment once more and send it again."), code="too_fast"
            )
        return timestamp


def _cleaned(clean, value: str) -> str:
    # The service's own cleaning, so the form shows beside the field what the service would refuse.
    try:
        return clean(value)
    except ValidationError as error:
        raise forms.ValidationError(error.messages) from error
