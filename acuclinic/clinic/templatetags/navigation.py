from django import template
from wagtail.models import Site

from ..content_cache import cached

register = template.Library()


def _menu(site: Site) -> list[tuple[str, str, str]]:
    """(title, url, url_path) of the home page's live children marked "show in menus" (Wagtail's flag)."""
    root = site.root_page
    return [
        (child.title, child.get_url(), child.url_path)
        for child in root.get_children().live().in_menu().only("title", "url_path")
    ]


@register.inclusion_tag("includes/nav.html", takes_context=True)
def site_nav(context):
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    items = cached(f"nav:{site.pk}", lambda: _menu(site)) if site else []
    return {
        "root_url": site.root_page.get_url(request) if site else "/",
        "root_is_current": current is not None and site is not None and current.pk == site.root_page_id,
        "items": [(title, url, current_path.startswith(path)) for title, url, path in items],
        "clinic": context["clinic"],
    }
