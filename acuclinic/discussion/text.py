"""A reader's text as HTML: escaped, with paragraphs, line breaks and plain links, and nothing else.

Whatever markup a reader types is shown as text. Web addresses become links marked ``nofollow ugc``;
Django's urlizer links only http(s) and www addresses, so ``javascript:`` or ``data:`` never becomes a
link. Email addresses are hidden, so that readers do not publish their own or anyone else's: in the text,
and in the name, where people often type one.
"""

from __future__ import annotations

import re

from django.utils.html import Urlizer
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
EMAIL_HIDDEN = "[email address hidden]"


class _LinksOnly(Urlizer):
    def is_email_simple(self, value):
        return False  # never a mailto: link


_urlize = _LinksOnly()


def public_name(name: str) -> str:
    """The name as the public sees it (page, ``aria-label``, API): any email address in it hidden."""
    return EMAIL.sub(EMAIL_HIDDEN, name)


def has_email(text: str) -> bool:
    return EMAIL.search(text) is not None


def comment_html(text: str) -> SafeString:
    text = EMAIL.sub(EMAIL_HIDDEN, normalize_newlines(text).strip())
    linked = _urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # Only the urlizer writes this attribute: the reader's own quotes were escaped to &quot; above.
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    paragraphs = re.split(r"\n{2,}", linked)
    return mark_safe("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip()))  # noqa: S308
