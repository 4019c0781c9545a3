"""The JSON API: one NinjaAPI, each app contributes a router; OpenAPI at /api/v1/openapi.json.

Every refusal is in one error model (``acuclinic/clinic/api_errors.py``), ninja's own included, and
every operation documents each status it can answer.
"""

from ninja import NinjaAPI, Router

from acuclinic.atlas.api import router as atlas_router
from acuclinic.booking.api import router as booking_router
from acuclinic.booking.api_waitlist import router as waitlist_router
from acuclinic.booking.series_api import router as courses_router
from acuclinic.clinic import api_errors
from acuclinic.clinic.api import router as clinic_router
from acuclinic.discussion.api import router as discussion_router

api = NinjaAPI(
    title="acuclinic API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Public, read-mostly API of the clinic site. Every error is a JSON object "
        '`{"detail": "a sentence", "code": "a_stable_word", "errors": [{"loc": ["body", "start"], "msg": "..."}]}`. '
        "State-changing requests must send JSON (else 415) and, from a browser, come from the site's own "
        "pages (an `Origin` of another site is refused with 403)."
    ),
)
api_errors.install(api)
api.add_router("/", clinic_router)
api.add_router("/", atlas_router)
api.add_router("/", booking_router)
api.add_router("/", courses_router)
api.add_router("/", waitlist_router)
api.add_router("/", discussion_router)


# Last router: any other path under /api/v1/ is a 404 in the error model, not the site's HTML page.
fallback = Router()


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown(request, rest: str):
    raise api_errors.ApiError(404, "No such API endpoint.", "not_found")


api.add_router("/", fallback)
