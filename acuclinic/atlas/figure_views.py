"""The figures' own pages: a view's points (HTML and a contact sheet SVG) and How to measure cun.

No database query: the figures come from the data files (``atlas/figures``), resolved once per
process, and their markup is cached per content version like every public fragment.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from acuclinic.clinic.breadcrumbs import Crumb, breadcrumb_json_ld, page_crumbs
from acuclinic.clinic.content_cache import cached

from .figures import compose
from .figures.cun import FINGER_CUN, SEGMENTS
from .figures.drawing import standalone
from .figures.positions import default_atlas

CUN_VIEWS = ("head_top", "trunk_front", "arm_inner", "leg_inner", "leg_outer")


def point_url(atlas_url: str):
    return lambda code: f"{atlas_url}{code.lower()}/"


def safe(figure: compose.Figure | None) -> compose.Figure | None:
    # The markup is built by the figures package, which escapes every text it writes.
    return None if figure is None else compose.Figure(figure.view, figure.title, mark_safe(figure.svg), figure.text)  # noqa: S308


def point_figure(atlas_url: str, code: str) -> compose.Figure | None:
    build = lambda: compose.point_figure(default_atlas(), code, point_url(atlas_url))  # noqa: E731
    return safe(cached(f"atlas-figure:point:{atlas_url}:{code}", build))


def channel_figures(atlas_url: str, meridian) -> list[compose.Figure]:
    def build():
        atlas = default_atlas()
        codes = sorted((c for c in atlas.positions if compose.series(c) == meridian.code), key=compose.number)
        return compose.channel_figures(atlas, codes, meridian.name, point_url(atlas_url))

    if not meridian.is_channel:
        return []
    return [safe(f) for f in cached(f"atlas-figure:channel:{atlas_url}:{meridian.code}", build)]


def guide_figures(atlas_url: str, codes: list[str]) -> list[compose.Figure]:
    build = lambda: compose.guide_figures(default_atlas(), codes, point_url(atlas_url))  # noqa: E731
    return [safe(f) for f in cached(f"atlas-figure:guide:{atlas_url}:{','.join(codes)}", build)]


def _crumbs(page, request, label: str, url: str) -> tuple[list, list]:
    crumbs = [*page_crumbs(page, request), Crumb(label, url)]
    return crumbs, [breadcrumb_json_ld(crumbs, request)]


def view_page(page, request, view: str):
    atlas = default_atlas()
    if view not in atlas.views:
        raise Http404
    atlas_url = page.get_url(request)
    figure = safe(
        cached(
            f"atlas-figure:sheet:{atlas_url}:{view}", lambda: compose.contact_sheet(atlas, view, point_url(atlas_url))
        )
    )
    points = [(code, atlas.titles[code], f"{atlas_url}{code.lower()}/") for code in atlas.on_view(view)]
    record = atlas.views[view].record
    crumbs, json_ld = _crumbs(page, request, record.title, f"{atlas_url}figures/{view}/")
    context = {
        "page": page,
        "atlas_url": atlas_url,
        "figure": figure,
        "view": record,
        "points": points,
        "breadcrumbs": crumbs,
        "json_ld": json_ld,
    }
    return TemplateResponse(request, "atlas/figure_view.html", context)


def contact_sheet_svg(page, request, view: str):
    atlas = default_atlas()
    if view not in atlas.views:
        raise Http404
    atlas_url = page.get_url(request)
    figure = cached(
        f"atlas-figure:sheet:{atlas_url}:{view}", lambda: compose.contact_sheet(atlas, view, point_url(atlas_url))
    )
    return HttpResponse(standalone(figure.svg), content_type="image/svg+xml; charset=utf-8")


def cun_page(page, request):
    atlas = default_atlas()
    atlas_url = page.get_url(request)
    figures = [
        safe(f)
        for f in cached(
            "atlas-figure:cun", lambda: [compose.measure_figure(atlas, name, f"cun-{name}") for name in CUN_VIEWS]
        )
    ]
    crumbs, json_ld = _crumbs(page, request, "How to measure cun", f"{atlas_url}cun/")
    context = {
        "page": page,
        "atlas_url": atlas_url,
        "figures": figures,
        "segments": SEGMENTS,
        "finger_cun": FINGER_CUN,
        "breadcrumbs": crumbs,
        "json_ld": json_ld,
    }
    return TemplateResponse(request, "atlas/cun.html", context)


def body_map(atlas_url: str) -> str:
    build = lambda: compose.body_map(default_atlas(), lambda view: f"{atlas_url}figures/{view}/")  # noqa: E731
    return mark_safe(cached(f"atlas-figure:map:{atlas_url}", build))  # noqa: S308
