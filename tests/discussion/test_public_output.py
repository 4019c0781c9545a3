"""What the public sees of comments: escaped text, safe links, and never an email address."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from acuclinic.discussion import services
from acuclinic.discussion.models import GuideComment

pytestmark = pytest.mark.django_db
SECRET_EMAIL = "hidden.reader.7391@private.example"


@pytest.fixture
def hostile(sciatica, post_comment, settings):
    """Approved comments carrying XSS payloads in every field a reader fills."""
    settings.COMMENT_RATE_LIMIT = 100
    payloads = [
        ("<script>alert('n')</script>", "<script>alert(1)</script>", ""),
        ('"><img src=x onerror=alert(1)>', "<img src=x onerror=alert(2)>", 'https://ok.example/"onmouseover="alert(3)'),
        ("Eve", '<a href="javascript:alert(4)">click</a> and jav&#x61;script:alert(5)', "https://eve.example/"),
        ("Mallory", "%3Cscript%3Ealert(6)%3C%2Fscript%3E &#60;script&#62;alert(7)&#60;/script&#62;", ""),
        ("Trent", "<svg onload=alert(8)></svg> <body onload=alert(9)> <iframe src=https://evil.example>", ""),
    ]
    for name, text, url in payloads:
        response = post_comment(sciatica, name=name, comment=text, url=url, email=SECRET_EMAIL)
        assert response.status_code == 303, response.content.decode()[:2000]
    services.approve(GuideComment.objects.all())
    return payloads


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def parsed_tags(html: str) -> list:
    """Every start tag as a browser's parser sees it, with its attributes."""
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def comments_section(html: str) -> str:
    start = html.index('id="comments"')
    return html[start : html.index("</section>", start)]


def test_xss_payloads_are_escaped_on_the_page(client, sciatica, hostile):
    html = comments_section(client.get(sciatica.url).content.decode())
    assert html.count('class="comment') >= len(hostile)
    assert "<script" not in html.split('<form method="post"')[0].lower()
    for tag in ("<img", "<svg", "<iframe", "<body"):
        assert tag not in html.lower()
    tags = parsed_tags(html)
    assert not [(tag, name) for tag, attrs in tags for name, _value in attrs if name.startswith("on")]
    assert not [
        value
        for _tag, attrs in tags
        for name, value in attrs
        if name == "href" and ":" in (value or "") and not value.startswith(("https://", "http://"))
    ]
    # Escaped, not dropped: readers see what was typed.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The name links to the reader's website, marked as user content.
    assert '<a href="https://eve.example/" rel="nofollow ugc">Eve</a>' in html


def test_no_email_address_in_any_public_output(client, sciatica, hostile):
    pages = [
        sciatica.url,
        f"{sciatica.url}?replytocom={GuideComment.objects.first().pk}",
        "/",
        "/feeds/guides.atom",
        "/sitemap.xml",
        f"/search/?q={sciatica.title}",
        f"/api/v1/guides/{sciatica.pk}/comments",
        "/api/v1/openapi.json",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET_EMAIL not in body and "private.example" not in body, url
    # Nor from the page cache.
    cached = Client().get(sciatica.url)
    assert SECRET_EMAIL not in cached.content.decode()


def test_api_lists_approved_threads_with_replies(client, sciatica, approved_reader, post_comment, django_user_model):
    staff = django_user_model.objects.create_superuser("dokafor", "d@clinic.example", "x", first_name="Daniel")
    services.reply_as_staff(approved_reader, user=staff, text="Thanks for asking.")
    post_comment(sciatica, email="new@example.org", comment="Still pending")
    data = client.get(f"/api/v1/guides/{sciatica.pk}/comments").json()
    assert data["count"] == 2 and data["pages"] == 1
    [thread] = data["threads"]
    assert thread["name"] == "Maya Chen" and thread["html"] == "<p>Thank you.</p>"
    assert thread["replies"][0]["staff"] is True
    assert "email" not in thread and "ip_address" not in thread
    assert client.get("/api/v1/guides/999999/comments").status_code == 404
    assert client.get(f"/api/v1/guides/{sciatica.pk}/comments?page=0").status_code == 422
    assert client.get(f"/api/v1/guides/{sciatica.pk}/comments?page=2").json()["detail"].startswith("This guide has 1")


@pytest.mark.parametrize("name", [SECRET_EMAIL, f"Maya ({SECRET_EMAIL})", f"mailto:{SECRET_EMAIL}"])
def test_an_email_address_typed_as_the_name_is_hidden(client, sciatica, post_comment, approved_reader, name):
    response = post_comment(sciatica, name=name, comment="Thanks for the guide.")
    assert response.status_code == 303
    comment = GuideComment.objects.latest("pk")
    assert comment.user_name == name  # kept for moderators
    services.approve([comment])
    urls = [sciatica.url, f"{sciatica.url}?replytocom={comment.pk}", f"/api/v1/guides/{sciatica.pk}/comments"]
    for url in urls:
        body = client.get(url).content.decode()
        assert "private.example" not in body, url
        assert "[email address hidden]" in body, url
    shown = name.replace(SECRET_EMAIL, "[email address hidden]")
    assert f'aria-label="Reply to {shown}"' in client.get(sciatica.url).content.decode()
    replying = client.get(sciatica.url, {"replytocom": comment.pk}).content.decode()
    assert f'<h2 id="reply-title">Reply to {shown}</h2>' in replying


def test_a_website_carrying_an_email_address_is_not_linked(client, sciatica, post_comment, approved_reader):
    post_comment(sciatica, url=f"https://site.example/?from={SECRET_EMAIL}", comment="Hello.")
    services.approve([GuideComment.objects.latest("pk")])
    assert "private.example" not in client.get(sciatica.url).content.decode()
    assert "private.example" not in client.get(f"/api/v1/guides/{sciatica.pk}/comments").content.decode()
