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


def _footer(site: Site) -> list[tuple[str, str]]:
    """The content pages (About, Fees, policies) at the top of the site that are not in the main menu."""
    from ..models import ContentPage

    root = site.root_page
    pages = ContentPage.objects.child_of(root).live().public().filter(show_in_menus=False).only("title", "url_path")
    return [(page.title, page.get_url()) for page in pages]


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[tuple[str, str]]:
    site = Site.find_for_request(context["request"])
    return cached(f"footer:{site.pk}", lambda: _footer(site)) if site else []
