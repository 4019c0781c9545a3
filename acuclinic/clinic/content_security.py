"""The Content-Security-Policy per area of the site, on top of django-csp.

The public site's policy (settings.CONTENT_SECURITY_POLICY) allows only the site's own scripts, styles
and images, and no inline script or style at all. Two third-party UIs cannot live with that:

- Wagtail's admin (8.0) still writes small inline scripts to start its form widgets (date choosers,
  snippet and image choosers) and sets inline styles, so /admin/ adds ``'unsafe-inline'`` to script-src
  and style-src. It is only for signed-in staff, and every other directive (no other host, no plugins,
  no framing, forms only to the site) still holds there.
- ninja's Swagger UI (/api/v1/docs) sets inline styles from its script: style-src only.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts

UNSAFE_INLINE = "'unsafe-inline'"
# (path prefix, additions to the public policy) for pages whose UI is not ours.
WIDER_POLICIES = (
    ("/admin/", {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}),
    ("/api/v1/docs", {"style-src": [UNSAFE_INLINE]}),
)


def additions_for(path: str) -> dict | None:
    for prefix, additions in WIDER_POLICIES:
        if path.startswith(prefix):
            return additions
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.update is None:
            parts.update = additions_for(request.path_info)
        return parts
