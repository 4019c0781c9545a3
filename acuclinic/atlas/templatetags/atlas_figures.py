"""``{% guide_figures guide_points as figures %}``: a guide's points on the atlas figures."""

from django import template

from ..figure_views import guide_figures as figures_for

register = template.Library()


@register.simple_tag
def guide_figures(items, atlas_url: str = "") -> list:
    """``items`` are the guide's points in list order (dicts with ``point`` and ``url``); numbers match the list."""
    codes = [item["point"].code if item["point"] is not None else "" for item in items]
    if not atlas_url:
        first = next((item["url"] for item in items if item["url"]), "")
        atlas_url = first.rsplit("/", 2)[0] + "/" if first else "/acupoints/"
    return figures_for(atlas_url, codes)
