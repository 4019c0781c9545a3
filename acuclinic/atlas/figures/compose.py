"""What each page's figure shows: which points, which labels, which measures. Pure: no Django.

Every function takes ``url`` (code -> the point page's URL) so the pure core never builds a URL
itself, and returns :class:`Figure` (inline SVG plus a text alternative for the page).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .cun import SEGMENTS_BY_NAME
from .drawing import FAINT, Mark, figure_svg
from .placement import Placement
from .positions import Atlas
from .views import View

Url = Callable[[str], str]
ONE_SIDE = "Points on both sides of the body are drawn on one side only."


@dataclass(frozen=True)
class Figure:
    view: str
    title: str
    svg: str
    text: str  # the text alternative, shown under the figure


def series(code: str) -> str:
    return code.rstrip("0123456789")


def number(code: str) -> int:
    digits = code[len(series(code)) :]
    return int(digits) if digits else 0


def _name(atlas: Atlas, view: View, ref: str) -> str:
    mark = view.record.landmarks.get(ref)
    if mark is not None:
        return mark.label[0].lower() + mark.label[1:]
    return ref


def describe(atlas: Atlas, view: View, placement: Placement) -> str:
    """The placement in words: "3 cun from ST35 toward ST41", "midway between … and …"."""
    n = lambda ref: _name(atlas, view, ref)  # noqa: E731
    p = placement
    if p.at:
        text = f"at {n(p.at)}" if p.at in view.record.landmarks else f"at {p.at}"
    elif p.between:
        t = 0.5 if p.t is None else p.t
        share = {
            0.5: "midway between",
            0.333: "one third of the way from",
            0.667: "two thirds of the way from",
            0.25: "one quarter of the way from",
            0.75: "three quarters of the way from",
        }.get(round(t, 3))
        a, b = n(p.between[0]), n(p.between[1])
        if share == "midway between":
            text = f"midway between {a} and {b}"
        elif share:
            text = f"{share} {a} to {b}"
        else:
            text = f"{t:.0%} of the way from {a} to {b}"
    elif p.along:
        text = f"{p.cun:g} cun from {n(p.along[0])} toward {n(p.along[1])}"
    elif p.from_:
        text = f"from {n(p.from_)}"
    else:
        text = f"level with {n(p.level)}, in line with {n(p.x_of)}"
    offsets = [f"{cun:g} cun {word}" for word, cun in p.offsets().items()]
    if offsets:
        words = {"up": "up", "down": "down", "lateral": "outward", "medial": "inward"}
        offsets = [f"{cun:g} cun {words.get(w, w)}" for w, cun in p.offsets().items()]
        text += ", then " + " and ".join(offsets)
    return text


def _ref_xy(atlas: Atlas, view: View, ref: str):
    if ref in view.record.landmarks:
        return view.record.landmarks[ref].at
    position = atlas.positions.get(ref)
    return position.xy if position is not None and position.view == view.name else None


def _nearest_landmarks(view: View, xy, exclude=(), limit=2) -> list[str]:
    drawn = [
        (math.dist(xy, m.at), name) for name, m in view.record.landmarks.items() if m.drawn and name not in exclude
    ]
    return [name for _, name in sorted(drawn)[:limit]]


def point_figure(atlas: Atlas, code: str, url: Url, ident: str = "point-figure") -> Figure | None:
    """The point highlighted, its channel's points on the view faint and linked, the landmarks its
    placement uses and the nearest ones labelled, and each cun distance of its placement drawn."""
    position = atlas.positions.get(code)
    if position is None:
        return None
    view = atlas.views[position.view]
    placement = atlas.specs[code].placement
    same = series(code)
    marks = []
    for other, pos in atlas.on_view(view.name).items():
        if other == code or series(other) != same or same.startswith("EX"):
            continue
        near = abs(number(other) - number(code)) <= 2
        marks.append(
            Mark(
                other,
                pos.x,
                pos.y,
                url(other),
                style="faint",
                title=atlas.titles.get(other),
                label=other if near else None,
            )
        )
    used = [r for r in placement.references() if r in view.record.landmarks]
    landmark_names = list(dict.fromkeys(used + _nearest_landmarks(view, position.xy, used)))
    for name in landmark_names:
        mark = view.record.landmarks[name]
        marks.append(Mark(f"lm:{name}", mark.at[0], mark.at[1], label=mark.label, style="landmark"))
    marks.append(Mark(code, position.x, position.y, url(code), style="highlight", title=atlas.titles.get(code)))
    measures = [(m.start, m.end, f"{m.cun:g} cun") for m in position.measures if m.cun]
    if placement.between:
        # The line the fraction is taken along, from its first end.
        a, b = (_ref_xy(atlas, view, r) for r in placement.between)
        if a and b:
            t = 0.5 if placement.t is None else placement.t
            share = {0.5: "½", 0.333: "⅓", 0.667: "⅔", 0.25: "¼", 0.75: "¾"}.get(round(t, 3), "")
            # The whole line unlabelled, then the share measured from its first end to the point, labelled there.
            measures.append((a, b, ""))
            measures.append((a, position.xy, share))
    how = describe(atlas, view, placement)
    title = f"{code} on the figure of the {view.record.title.lower()}"
    bilateral = view.record.midline is not None and abs(position.x - view.record.midline) > 0.5
    text = f"{atlas.titles.get(code, code)}: drawn {how}."
    if bilateral:
        text += " " + ONE_SIDE
    near = [
        m.at for n, m in view.record.landmarks.items() if n in landmark_names and math.dist(m.at, position.xy) < 260
    ]
    window = _window(view, [position.xy, *near, *(m.start for m in position.measures)])
    scale = min(2.0, 420 / window[2], 520 / window[3])
    svg = figure_svg(
        view,
        marks,
        title=title,
        desc=text,
        ident=ident,
        measures=measures,
        label_all=False,
        window=window,
        scale=scale,
        label_size=round(11 / scale, 1),
    )
    return Figure(view.name, title, svg, text)


def _window(view: View, points: list[tuple[float, float]], least: float = 220) -> tuple[float, float, float, float]:
    """The part of the view around ``points``, padded, at least ``least`` units tall, kept inside the view."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs) - 50, max(xs) + 50, min(ys) - 50, max(ys) + 50
    h = max(y1 - y0, least, (x1 - x0) * 1.1)
    w = max(x1 - x0, min(view.width, h * 0.8))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = min(w, view.width), min(h, view.height)
    x = min(max(cx - w / 2, 0), view.width - w)
    y = min(max(cy - h / 2, 0), view.height - h)
    return (round(x), round(y), round(w), round(h))


def _numbered(
    atlas: Atlas, view: View, items: list[tuple[str, str]], url: Url, ident: str, title: str, course=False, zoom=False
):
    marks = [
        Mark(
            code, atlas.positions[code].x, atlas.positions[code].y, url(code), label=label, title=atlas.titles.get(code)
        )
        for code, label in items
    ]
    line = [atlas.positions[c].xy for c, _ in items] if course else []
    listed = ", ".join(f"{label} {code}" if label != code else code for code, label in items)
    text = f"{title}: {listed}."
    if view.record.midline is not None:
        text += " " + ONE_SIDE
    window, scale, size = None, 1.0, 9.0
    if zoom:
        # Show the part of the view the points are in, enlarged, so a single point on a leg is not a
        # speck on a long outline.
        window = _window(view, [atlas.positions[c].xy for c, _ in items], least=460)
        scale = max(1.0, min(1.3, 440 / window[2], 600 / window[3]))
        size = round(11 / scale, 1)
    svg = figure_svg(
        view, marks, title=title, desc=text, ident=ident, course=line, window=window, scale=scale, label_size=size
    )
    return Figure(view.name, title, svg, text)


def channel_figures(atlas: Atlas, codes: list[str], name: str, url: Url) -> list[Figure]:
    """The channel's course: one figure per view it crosses, in the order of its points."""
    by_view: dict[str, list[str]] = {}
    for code in codes:
        if code in atlas.positions:
            by_view.setdefault(atlas.positions[code].view, []).append(code)
    figures = []
    for i, (view_name, on_view) in enumerate(by_view.items()):
        view = atlas.views[view_name]
        numbers = [str(number(c)) if not c.startswith("EX") else c for c in on_view]
        span = f"{on_view[0]}" if len(on_view) == 1 else f"{on_view[0]} to {on_view[-1]}"
        title = f"{name}: {span} on the {view.record.title.lower()}"
        figures.append(
            _numbered(
                atlas,
                view,
                list(zip(on_view, numbers, strict=True)),
                url,
                f"course-{i}",
                title,
                course=not on_view[0].startswith("EX"),
                zoom=True,
            )
        )
    return figures


def guide_figures(atlas: Atlas, codes: list[str], url: Url) -> list[Figure]:
    """The guide's points numbered as in its list, on one figure per view needed."""
    by_view: dict[str, list[tuple[str, str]]] = {}
    for n, code in enumerate(codes, start=1):
        if code in atlas.positions:
            by_view.setdefault(atlas.positions[code].view, []).append((code, str(n)))
    figures = []
    for i, (view_name, items) in enumerate(by_view.items()):
        view = atlas.views[view_name]
        title = f"The points in this guide on the {view.record.title.lower()}"
        figures.append(_numbered(atlas, view, items, url, f"guide-{i}", title, zoom=True))
    return figures


def contact_sheet(atlas: Atlas, view_name: str, url: Url) -> Figure:
    """Every point of a view, labelled with its code, for review."""
    view = atlas.views[view_name]
    on_view = atlas.on_view(view_name)
    title = f"All points on the figure of the {view.record.title.lower()}"
    items = [(code, code) for code in on_view]
    return _numbered(atlas, view, items, url, f"sheet-{view_name}", title)


def measure_figure(atlas: Atlas, view_name: str, ident: str) -> Figure:
    """A view with its B-cun segments drawn and labelled: the How to measure cun page."""
    view = atlas.views[view_name]
    measures, lines = [], []
    for name in view.segments:
        segment = SEGMENTS_BY_NAME[name]
        a = view.landmark(segment.start)
        b = view.landmark(segment.end)
        if segment.across:
            a = (view.record.midline, b[1])
            cun = segment.cun / 2
        else:
            cun = segment.cun
        if name in view.record.rulers.get("y", []):
            x = min(view.width - 30, max(a[0], b[0]) + 40)
            a, b = (x, a[1]), (x, b[1])
        measures.append((a, b, f"{cun:g} cun"))
        lines.append(
            f"{segment.text}: {segment.cun:g} cun" + (" (half drawn, to the midline)" if segment.across else "")
        )
    marks = [
        Mark(f"lm:{n}", m.at[0], m.at[1], label=m.label, style="landmark")
        for n, m in view.record.landmarks.items()
        if any(n in (SEGMENTS_BY_NAME[s].start, SEGMENTS_BY_NAME[s].end) for s in view.segments)
    ]
    title = f"Proportional measurements on the {view.record.title.lower()}"
    text = f"{title}: " + "; ".join(lines) + "."
    return Figure(
        view_name, title, figure_svg(view, marks, title=title, desc=text, ident=ident, measures=measures), text
    )


# The body map's order: head to foot.
BODY_ORDER = ("head_front", "head_side", "head_top", "head_back", "mouth_inside", "trunk_front", "trunk_back",
              "arm_inner", "arm_outer", "hand_palm", "hand_back", "leg_front", "leg_inner", "leg_outer", "leg_back",
              "foot_top", "sole")  # fmt: skip


def body_map(atlas: Atlas, href: Callable[[str], str], width: int = 110) -> str:
    """Every view as a small linked outline: pick a part of the body to see its points."""
    cells = []
    order = {name: i for i, name in enumerate(BODY_ORDER)}
    for name, view in sorted(atlas.views.items(), key=lambda item: order.get(item[0], len(order))):
        scale = width / view.width
        h = round(view.height * scale)
        count = len(atlas.on_view(name))
        paths = "".join(f'<path d="{d}"/>' for d in view.record.outline)
        mirror = ""
        if view.record.mirrored and view.record.midline is not None:
            mirror = f'<g transform="matrix(-1 0 0 1 {2 * view.record.midline:g} 0)">{paths}</g>'
        dots = "".join(f'<circle cx="{p.x:g}" cy="{p.y:g}" r="4"/>' for p in atlas.on_view(name).values())
        cells.append(
            f'<li><a href="{href(name)}"><svg viewBox="0 0 {view.width} '
            f'{view.height}" width="{width}" height="{h}" aria-hidden="true" focusable="false">'
            f'<g fill="none" stroke="#3b4a54" stroke-width="{1.6 / scale:.1f}">{paths}{mirror}</g>'
            f'<g fill="{FAINT}">{dots}</g></svg>'
            f"<span>{escape(view.record.title)} ({count} points)</span></a></li>"
        )
    return "".join(cells)
