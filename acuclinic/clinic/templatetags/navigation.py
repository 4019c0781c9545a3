from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/nav.html", takes_context=True)
def site_nav(context):
    """Home plus the home page's live children marked "show in menus" (Wagtail's own menu flag)."""
    request = context["request"]
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    items = []
    if root is not None:
        for child in root.get_children().live().in_menu().only("title", "url_path"):
            items.append((child, current_path.startswith(child.url_path)))
    return {
        "root": root,
        "root_is_current": current is not None and root is not None and current.pk == root.pk,
        "items": items,
        "settings": context["settings"],
    }
