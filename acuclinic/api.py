"""The JSON API: one NinjaAPI, each app contributes a router; OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from acuclinic.atlas.api import router as atlas_router
from acuclinic.booking.api import router as booking_router
from acuclinic.clinic.api import router as clinic_router
from acuclinic.discussion.api import router as discussion_router

api = NinjaAPI(
    title="acuclinic API",
    version="1",
    urls_namespace="api-v1",
    description="Public, read-mostly API of the clinic site. Errors are JSON objects with a `detail` message.",
)
api.add_router("/", clinic_router)
api.add_router("/", atlas_router)
api.add_router("/", booking_router)
api.add_router("/", discussion_router)
