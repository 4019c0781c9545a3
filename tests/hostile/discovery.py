"""Where hostile values can go in: found from the site itself, not listed by hand.

- **Routes** from the URLconf (every pattern outside the admin and the API), their converters filled
  with working values, so each path segment can be replaced in turn.
- **Pages and forms** by crawling from those routes and the home page: every link and form a visitor can
  reach, one or two of each shape (one point page stands for all 410).
- **Query parameters** that the views read (``request.GET.get("…")`` in the view's source, and in the
  template tags for Wagtail pages), plus every parameter seen in a crawled link or GET form.
- **API operations** from ``/api/v1/openapi.json``: path, query and body parameters, body leaves included.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

import acuclinic

SKIPPED_PREFIXES = ("admin/", "api/", "media/", "static/")
_GET_READ = re.compile(r"""request\.GET\.get\(\s*["'](\w+)["']""")
_SLOT = re.compile(r"<(?:(\w+):)?(\w+)>")


# Routes ----------------------------------------------------------------------------------------------


@dataclass
class Route:
    template: str  # "/book/manage/{token}/cancel/"
    slots: list[str]  # converter names, in order
    reads: set[str]  # the query parameters its view reads

    def fill(self, values: dict[str, str]) -> str:
        return self.template.format(**values)


def routes() -> list[Route]:
    """Every URL pattern a visitor can reach, except the admin and the API (see ``api_operations``)
    and Wagtail's page-serving catch-alls (the crawl reaches pages through their links)."""
    found: list[Route] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if text.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
                continue
            if pattern.callback.__module__ == "wagtail.views" and pattern.name in (None, "wagtail_serve"):
                continue  # pages: crawled
            found.append(_route(text, params_read_by(pattern.callback)))

    walk(get_resolver().url_patterns, "")
    return found


def _route(text: str, reads: set[str]) -> Route:
    if "^" in text or "(" in text:  # a regular expression, such as Wagtail's document serving
        body = text.replace("^", "").replace("$", "")
        names = []

        def group(_match):
            names.append(f"group{len(names)}")
            return "{" + names[-1] + "}"

        return Route("/" + re.sub(r"\((?:\?P<\w+>)?[^()]*\)", group, body), names, reads)
    names = [m[2] for m in _SLOT.finditer(text)]
    return Route("/" + _SLOT.sub(lambda m: "{" + m[2] + "}", text), names, reads)


def params_read_by(view) -> set[str]:
    """Query parameters a view of this project reads from ``request.GET`` (in its own source)."""
    view = inspect.unwrap(view)
    if not inspect.isfunction(view):
        view = type(view)  # a view instance, such as a Feed: its class's source
    if not getattr(view, "__module__", "").startswith("acuclinic."):
        return set()
    return set(_GET_READ.findall(inspect.getsource(view)))


def params_read_by_page_templates() -> set[str]:
    """Query parameters read while Wagtail pages render: in the project's template tags."""
    root = Path(acuclinic.__file__).parent
    return {name for path in root.glob("*/templatetags/*.py") for name in _GET_READ.findall(path.read_text())}


# Pages and forms -----------------------------------------------------------------------------------


@dataclass
class Form:
    page: str  # where it was found
    action: str  # path and query it posts to
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values as the page sets them
    choices: dict[str, list[str]] = field(default_factory=dict)  # radios and selects: the values offered
    kinds: dict[str, str] = field(default_factory=dict)  # name -> input type / textarea / select


class _PageParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                self.page, urljoin(self.page, a.get("action") or self.page), (a.get("method") or "get").upper()
            )
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            name, kind = a["name"], (a.get("type") or "text").lower()
            self._form.kinds.setdefault(name, kind)
            if kind in ("radio", "checkbox"):
                self._form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.fields.setdefault(name, []).append(a.get("value", "on"))
                else:
                    self._form.fields.setdefault(name, [])
            elif kind not in ("submit", "button", "image", "reset"):
                self._form.fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.kinds[a["name"]] = "textarea"
            self._form.fields[a["name"]] = [""]
        elif tag == "select":
            self._select = a["name"]
            self._form.kinds[a["name"]] = "select"
            self._form.fields[a["name"]] = []
        elif tag == "option" and self._select:
            self._form.choices.setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                self._form.fields[self._select] = [a.get("value", "")]

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] = [self._form.fields[self._textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def shape(path: str) -> tuple:
    """URLs of one shape are served by one piece of code: /acupoints/gb30/ and /acupoints/st36/."""
    parts = urlsplit(path)
    segments = [s for s in parts.path.split("/") if s]
    # After the first segment, only the form of each: "gb30" and "st36" alike, "gb" (a channel) apart.
    forms = tuple(re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", s)) for s in segments[1:])
    return (segments[0] if segments else "", forms, tuple(sorted(k for k, _v in parse_qsl(parts.query))))


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # path -> content type, one or two of each shape
    links: set[str] = field(default_factory=set)  # every same-site link seen (with its query)
    forms: list[Form] = field(default_factory=list)


def crawl(client, seeds: list[str], *, per_shape: int = 2, limit: int = 120) -> Crawl:
    """Follow the site's own links from ``seeds``: every shape of page, at most ``per_shape`` of each."""
    result = Crawl()
    queue, seen_shapes, fetched = list(seeds), {}, set()
    seen_forms: set[tuple] = set()
    while queue and len(fetched) < limit:
        path = queue.pop(0)
        if path in fetched or seen_shapes.get(shape(path), 0) >= 2 * per_shape:
            continue  # cheap first: the sitemap alone lists every point page
        key = (page_kind(path) if is_page(path) else None) or shape(path)
        if seen_shapes.get(key, 0) >= per_shape:
            continue
        fetched.add(path)
        for seen in {key, shape(path)}:
            seen_shapes[seen] = seen_shapes.get(seen, 0) + 1
        response = client.get(path)
        kind = response.get("Content-Type", "").split(";")[0]
        if response.status_code != 200:
            continue
        result.pages[path] = kind
        if kind != "text/html":
            if kind in ("application/xml", "text/xml"):  # the sitemap
                queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", response.content.decode())]
            continue
        parser = _PageParser(path)
        parser.feed(response.content.decode())
        for href in parser.links:
            target = urljoin(path, href.split("#")[0])
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/admin/"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            result.links.add(local)
            queue.append(local)
        for form in parser.forms:
            key = (form.method, shape(form.action), tuple(sorted(form.fields)))
            if key not in seen_forms:
                seen_forms.add(key)
                result.forms.append(form)
    return result


def route_of(path: str) -> str:
    """The URL pattern that serves ``path`` ("/book/manage/<str:token>/"), or the path for a page."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return urlsplit(path).path
    return "/" + match.route if match.func.__module__ != "wagtail.views" else urlsplit(path).path


def page_kind(path: str) -> tuple[str, str] | None:
    """The page class (and routable route) that serves ``path``: the code a hostile value meets there."""
    from django.test import RequestFactory
    from wagtail.models import Site

    request = RequestFactory().get(path)
    site = Site.find_for_request(request)
    try:
        result = site.root_page.specific.route(request, [c for c in urlsplit(path).path.split("/") if c])
    except Exception:
        return None
    page, args = result[0], result[1]
    view = args[0].__name__ if args and callable(args[0]) else ""
    return (type(page).__name__, view)


def is_page(path: str) -> bool:
    """Served by Wagtail's page tree (a page or one of a routable page's routes)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return match.func.__module__ == "wagtail.views"


# The API ---------------------------------------------------------------------------------------------


@dataclass
class Operation:
    method: str
    path: str  # "/api/v1/points/{code}"
    path_params: list[str]
    query_params: list[str]
    body: dict | None  # the resolved JSON schema of the body, if any


def api_operations(schema: dict) -> list[Operation]:
    components = schema.get("components", {}).get("schemas", {})

    def resolved(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return resolved(components[node["$ref"].rsplit("/", 1)[-1]])
            return {k: resolved(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolved(v) for v in node]
        return node

    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            params = operation.get("parameters", [])
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    path_params=[p["name"] for p in params if p["in"] == "path"],
                    query_params=[p["name"] for p in params if p["in"] == "query"],
                    body=resolved(body) if body else None,
                )
            )
    return operations


def body_leaves(schema: dict, prefix: tuple = ()) -> list[tuple]:
    """Paths to every scalar property of a body schema: ("patient", "name"), ("consent",), …"""
    leaves = []
    for name, prop in schema.get("properties", {}).items():
        if prop.get("type") == "object" or "properties" in prop:
            leaves += body_leaves(prop, (*prefix, name))
        else:
            leaves.append((*prefix, name))
    return leaves
