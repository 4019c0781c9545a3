from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import database_busy


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query and can take a write, 503 otherwise; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        state = database_busy.write_state()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    if state != "ok":
        response = JsonResponse({"status": "unavailable", "database": state}, status=503)
        response["Retry-After"] = str(database_busy.RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
