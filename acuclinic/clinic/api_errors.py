"""The JSON API's one error model, and the rules every state-changing API request must pass.

Every 4xx of ``/api/v1/`` is ``{"detail": str, "code": str, "errors": [{"loc": [...], "msg": str}]}``:
``detail`` is a sentence for people, ``code`` a stable word for programs, ``errors`` the fields at fault
(empty when the request as a whole is refused). ninja's own refusals (validation, unparsable body, 404)
are rewritten into it by :func:`install`, so a client never meets a second shape. Each operation
declares the statuses it can answer with :func:`responses`, so the OpenAPI document says them all.

Lives in the ground-floor app because every app's router uses it; ``acuclinic/api.py`` installs it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError

BODY_PARAM = "data"  # every operation names its JSON body argument so
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
JSON_TYPES = {"application/json"}


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str


class ErrorOut(Schema):
    detail: str
    code: str
    errors: list[ErrorItem]


class ApiError(Exception):
    """Raised anywhere under an API operation: answered as ``status`` in the error model."""

    def __init__(self, status: int, detail: str, code: str, errors: Iterable[dict] = (), headers=None):
        super().__init__(detail)
        self.status, self.detail, self.code = status, str(detail), code
        self.errors = [{"loc": list(e["loc"]), "msg": str(e["msg"])} for e in errors]
        self.headers = headers or {}

    def body(self) -> dict:
        return {"detail": self.detail, "code": self.code, "errors": self.errors}


def error(status: int, detail: str, code: str, *, field: str | None = None) -> Status:
    """An error answer to return from an operation; ``field`` (dotted) names the input at fault."""
    errors = [{"loc": field.split("."), "msg": str(detail)}] if field else []
    return Status(status, ApiError(status, detail, code, errors).body())


# Statuses every operation may answer, whatever it does.
COMMON = (422,)  # ninja validates every parameter: a malformed one is a 422
# Statuses every state-changing operation may answer (the cross-site rules below).
UNSAFE = (403, 415)
WITH_BODY = (400,)  # a body that is not JSON at all


def responses(ok: dict, *statuses: int, body: bool = False, unsafe: bool = False) -> dict:
    """``response=`` for an operation: its successes (``{200: Out}``) plus the error model for each status."""
    codes = set(statuses) | set(COMMON) | (set(UNSAFE) if unsafe else set()) | (set(WITH_BODY) if body else set())
    return {**ok, **dict.fromkeys(sorted(codes), ErrorOut)}


def _answer(api: NinjaAPI, request: HttpRequest, exc: ApiError):
    response = api.create_response(request, exc.body(), status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


def _validation_error(request, exc: ValidationError, *, api: NinjaAPI):
    errors = []
    for item in exc.errors:
        # ninja prefixes where the value came from ("query", "body", "path"); keep it, clients use it.
        loc = [part if isinstance(part, int) else str(part) for part in item.get("loc", ())]
        if loc[:2] == ["body", BODY_PARAM]:
            # ninja names the handler's body argument; clients know only the body's own fields.
            del loc[1]
        errors.append({"loc": loc, "msg": str(item.get("msg", "invalid value"))})
    first = errors[0] if errors else None
    detail = f"Invalid {'.'.join(map(str, first['loc'][1:])) or 'input'}: {first['msg']}" if first else "Invalid input."
    return _answer(api, request, ApiError(422, detail, "invalid", errors))


def _http_error(request, exc: HttpError, *, api: NinjaAPI):
    status = exc.status_code
    code = {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        410: "gone",
        415: "unsupported_media_type",
        422: "invalid",
        429: "rate_limited",
    }.get(status, "error")
    if status == 400 and str(exc).startswith("Cannot parse request body"):
        code = "invalid_json"
        detail = "The request body is not valid JSON."
    else:
        detail = str(exc) or code.replace("_", " ").capitalize()
    headers = {}
    if isinstance(exc, Throttled) and exc.wait:
        headers["Retry-After"] = str(exc.wait)
    return _answer(api, request, ApiError(status, detail, code, headers=headers))


def _not_found(request, exc: Http404, *, api: NinjaAPI):
    return _answer(api, request, ApiError(404, str(exc) or "Not found.", "not_found"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_origins(request: HttpRequest) -> set[str]:
    """The origins a browser may send for the site's own pages: this host, BASE_URL and CSRF_TRUSTED_ORIGINS."""
    origins = {_origin(settings.BASE_URL), *(_origin(o) for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))}
    with contextlib.suppress(DisallowedHost):  # a Host Django refuses is not ours either
        origins.add(f"{request.scheme}://{request.get_host()}".lower())
    return origins


def cross_site_refusal(request: HttpRequest) -> ApiError | None:
    """Why a state-changing request is refused before it is read, or ``None``.

    Browsers let any page send a "simple" cross-site POST (text/plain, form encoded) without asking
    first; refusing every body that is not JSON (415) and every request whose ``Origin`` is another
    site's (403) leaves such a page no way to book or cancel in a visitor's name. Requests without an
    ``Origin`` (curl, server-to-server) are not cross-site requests of a browser and pass.
    """
    if request.method in SAFE_METHODS:
        return None
    origin = request.headers.get("Origin")
    if origin is not None and origin.strip().lower().rstrip("/") not in own_origins(request):
        return ApiError(403, "Requests from another site's pages are refused.", "cross_origin")
    content_type = request.content_type or ""
    if (request.body or request.headers.get("Content-Type")) and content_type.lower() not in JSON_TYPES:
        return ApiError(415, "Send the body as JSON (Content-Type: application/json).", "unsupported_media_type")
    return None


def install(api: NinjaAPI) -> None:
    """Answer every refusal of ``api`` in the error model, and apply the cross-site rules to every operation."""
    api.add_exception_handler(ApiError, lambda request, exc: _answer(api, request, exc))
    api.add_exception_handler(ValidationError, functools.partial(_validation_error, api=api))
    for exc_class in (HttpError, AuthenticationError, AuthorizationError, Throttled):
        api.add_exception_handler(exc_class, functools.partial(_http_error, api=api))
    api.add_exception_handler(Http404, functools.partial(_not_found, api=api))

    def guard(run):
        @functools.wraps(run)
        def checked(request, *args, **kwargs):
            refusal = cross_site_refusal(request)
            if refusal is not None:
                return _answer(api, request, refusal)
            return run(request, *args, **kwargs)

        return checked

    api.add_decorator(guard, mode="view")
