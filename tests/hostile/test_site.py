"""The hostile-input table over the public site: every path segment, query parameter and form field.

Routes come from the URLconf, pages and forms from crawling the site, query parameters from what the
views read and the links carry (discovery.py). Each (url, parameter, value) must answer below 500 with
nothing logged at ERROR by any logger (probe.py).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from . import discovery
from .probe import encode, form_body
from .values import TEXT

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def with_query(path: str, query: dict[str, str]) -> str:
    return path + ("?" + "&".join(f"{encode(k)}={encode(v)}" for k, v in query.items()) if query else "")


def filled(known, route: discovery.Route) -> str:
    values = dict(known.segments)
    if "calendar" in route.template:
        values["token"] = known.calendar_token
    return route.fill({slot: values.get(slot, "1") for slot in route.slots})


def seeds(known) -> list[str]:
    return ["/", "/sitemap.xml", "/admin/login/", *(filled(known, r) for r in discovery.routes())]


@pytest.fixture
def site(known, probe):
    """The crawl, made once per test with the probe's client (before any hostile request)."""
    return discovery.crawl(probe.client, seeds(known))


def assert_the_crawl_reached_every_kind_of_page(site):
    # If discovery finds less than this, the tables below silently test less: keep discovery honest.
    paths = list(site.pages)
    for expected in (r"/acupoints/", r"/acupoints/[a-z]+\d+/", r"/acupoints/[a-z]+/", r"/acupoints/acupuncture-for-[\w-]+/",
                     r"/search/", r"/book/", r"/book/[\w-]+/[\w-]+/", r"/feeds/guides\.atom", r"/sitemap\.xml"):  # fmt: skip
        assert any(re.fullmatch(expected, urlsplit(p).path) for p in paths), expected
    assert any("/book/manage/" in p for p in paths) and any(p.endswith(".ics") for p in paths)


def test_every_path_segment(known, probe, site):
    posted = {"/" + discovery.route_of(f.action).lstrip("/") for f in site.forms if f.method == "POST"}
    posted = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", p) for p in posted}
    for route in discovery.routes():
        values = {slot: known.segments.get(slot, "1") for slot in route.slots}
        if "calendar" in route.template:
            values["token"] = known.calendar_token
        # POST too where the view takes posts (a form posts there, or GET is refused with 405).
        methods = ["GET"]
        if route.template in posted or probe.client.get(route.fill(values)).status_code == 405:
            methods.append("POST")
        for slot in route.slots:
            for label, value in TEXT:
                path = route.fill({**values, slot: encode(value)})
                for method in methods:
                    probe.send(method, path, route=route.template, where=slot, label=label, content_type=FORM)
    # Pages: a hostile last segment, and a hostile child (a routable page's routes: /acupoints/<…>/).
    pages = {kind_of(p): p for p, kind in site.pages.items() if kind == "text/html" and discovery.is_page(p)}
    for page in pages.values():
        path = urlsplit(page).path
        parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
        for label, value in TEXT:
            if path != "/":
                probe.send("GET", f"{parent}{encode(value)}/", route=f"{parent}…/", where="segment", label=label)
            probe.send("GET", f"{path}{encode(value)}/", route=f"{path}…/", where="child segment", label=label)
    assert not probe.failures, probe.verdict("path segments")


def kind_of(path: str) -> tuple:
    """Paths served by the same code: one page of each class (and routable route), else one URL shape."""
    return (discovery.page_kind(path) if discovery.is_page(path) else None) or discovery.shape(path)


def query_targets(known, site) -> list[tuple[str, dict[str, str], str]]:
    """(path, the other parameters, the parameter to replace), one per shape of URL and parameter."""
    targets = []
    for link in site.links:  # the links' own parameters, with the values the site gave them
        parts = urlsplit(link)
        query = dict(parse_qsl(parts.query))
        targets += [(parts.path, query, name) for name in query]
    for form in site.forms:
        if form.method == "GET":
            base = {k: (v[0] if v else "") for k, v in form.fields.items()}
            targets += [(urlsplit(form.action).path, base, name) for name in base]
    for route in discovery.routes():  # what each view reads, whether or not a link carries it
        path = filled(known, route)
        targets += [(path, {}, name) for name in route.reads]
    page_params = discovery.params_read_by_page_templates()
    for page, kind in site.pages.items():
        if kind == "text/html" and discovery.is_page(page):
            targets += [(urlsplit(page).path, {}, name) for name in page_params]
    chosen: dict[tuple, tuple] = {}
    for path, query, name in sorted(targets, key=lambda t: -len(t[1])):  # richest context first
        chosen.setdefault((kind_of(path), name), (path, query, name))
    return list(chosen.values())


def test_every_query_parameter(known, probe, site):
    assert_the_crawl_reached_every_kind_of_page(site)
    targets = query_targets(known, site)
    names = {name for _path, _query, name in targets}
    assert {"q", "from", "service", "start", "with", "cpage", "replytocom"} <= names, names
    for path, query, name in targets:
        for label, value in TEXT:
            url = with_query(path, {**query, name: value})
            probe.send("GET", url, route=discovery.route_of(path), where=name, label=label)
    assert not probe.failures, probe.verdict("query parameters")


def baseline(form: discovery.Form) -> dict[str, list[str]]:
    """What a careful visitor would send: the page's values, the empty required fields filled in, the
    harmless answer to every yes/no question."""
    data: dict[str, list[str]] = {}
    for name, values in form.fields.items():
        kind = form.kinds.get(name, "text")
        choices = form.choices.get(name, [])
        if kind == "radio":
            data[name] = ["no"] if "no" in choices else choices[:1]
        elif kind == "checkbox":
            data[name] = choices[:1]
        elif values and values[0]:
            data[name] = values
        elif kind == "email":
            data[name] = ["hostile.probe@example.org"]
        elif kind == "tel" or name == "phone":
            data[name] = ["+14165550123"]
        elif kind == "password":
            data[name] = ["not-the-password"]
        elif kind == "textarea":
            data[name] = ["A question about the guide."]
        elif name in ("name", "username"):
            data[name] = ["Alex Patient"]
        else:
            data[name] = values
    return data


def test_every_form_field(probe, site):
    forms = {}
    for form in site.forms:  # one of each: the reschedule form with and without ?from= is one form
        if form.method == "POST":
            forms.setdefault((discovery.shape(urlsplit(form.action).path), tuple(sorted(form.fields))), form)
    actions = {urlsplit(f.action).path.rstrip("/").rsplit("/", 1)[-1] for f in forms.values()}
    assert {"post", "details", "cancel", "reschedule", "login"} <= actions, actions
    for form in forms.values():
        data = baseline(form)
        route = discovery.route_of(form.action)
        for name in data:
            if name == "csrfmiddlewaretoken":
                continue  # Django's middleware reads it, and the test client does not check it
            for label, value in TEXT:
                body = form_body({**data, name: value})
                probe.send("POST", form.action, route=route, where=name, label=label, body=body, content_type=FORM)
    assert not probe.failures, probe.verdict("form fields")
