"""SVG markup of the figures: line art, landmarks drawn lightly, points as dots with labels.

Presentation attributes only (no stylesheet, no script), so a figure looks the same inline,
as a standalone file, in print and with CSS off. Labels are placed greedily so that no two
overlap and none covers a dot; a label pushed away from its dot gets a leader line. Pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from .views import View

INK = "#3b4a54"
FAINT = "#9aa7b0"
# Landmark names: quieter than the points, but readable (5.9:1 on white, WCAG AA for small text).
MUTED = "#56646d"
ACCENT = "#b3261e"
LINK = "#1f5f8b"
FONT = 'font-family="system-ui, sans-serif"'
CHAR_W = 0.6  # average glyph width as a share of the font size
DOT_R = 3.0


@dataclass(frozen=True)
class Mark:
    """A point to draw: ``number`` replaces the code in the label on guide figures."""

    code: str
    x: float
    y: float
    url: str | None = None
    label: str | None = None
    style: str = "point"  # "point", "faint", "highlight" or "landmark"
    title: str | None = None


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    marks: list[Mark],
    width: float,
    height: float,
    size: float = 9.0,
    origin: tuple[float, float] = (0, 0),
    obstacles: list[Box] = (),
) -> dict[str, tuple[Box, bool]]:
    """Choose a box for each label: returns code -> (x0, y0, x1, y1) and whether a leader is needed.
    ``obstacles`` are boxes already taken (the measures' own labels)."""
    ox, oy = origin
    dots = [(m.x - DOT_R - 1, m.y - DOT_R - 1, m.x + DOT_R + 1, m.y + DOT_R + 1) for m in marks]
    placed: list[Box] = list(obstacles)
    result: dict[str, tuple[Box, bool]] = {}
    angles = [0, 180, 315, 45, 225, 135, 270, 90, 340, 20, 200, 160, 300, 60, 240, 120]
    for mark in sorted(marks, key=lambda m: (m.style != "highlight", m.y, m.x)):
        text = mark.label or mark.code
        w, h = len(text) * size * CHAR_W + 2, size + 2
        best = None
        for radius in (r * size / 9 for r in (5, 9, 14, 20, 28, 38, 50, 64)):
            for angle in angles:
                dx, dy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
                cx, cy = mark.x + dx * (radius + w / 2), mark.y + dy * (radius + h / 2)
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if box[0] < ox + 1 or box[1] < oy + 1 or box[2] > ox + width - 1 or box[3] > oy + height - 1:
                    continue
                if any(_overlaps(box, b) for b in placed) or any(_overlaps(box, d) for d in dots):
                    continue
                best = (box, radius > 9 * size / 9)
                break
            if best:
                break
        if best is None:  # nowhere free: right of the dot, clamped (the e2e test reports it)
            x0 = min(mark.x + 5, ox + width - w - 1)
            best = ((x0, mark.y - h / 2, x0 + w, mark.y + h / 2), False)
        placed.append(best[0])
        result[mark.code] = best
    return result


SVG_NS = "http://www.w3.org/2000/svg"


def standalone(svg: str) -> str:
    """The figure as a file of its own: an SVG document needs the namespace that inline SVG in HTML does not."""
    return svg.replace("<svg ", f'<svg xmlns="{SVG_NS}" ', 1)


def _base(view: View) -> list[str]:
    r = view.record
    parts = []
    transform = f' transform="matrix(-1 0 0 1 {2 * r.midline:g} 0)"' if r.mirrored and r.midline is not None else ""
    for d in r.outline:
        parts.append(f'<path d="{escape(d)}"/>')
    for d in r.details:
        parts.append(f'<path d="{escape(d)}" stroke="{FAINT}" stroke-width="1"/>')
    body = "".join(parts)
    out = [f'<g fill="none" stroke="{INK}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">{body}']
    if transform:
        out.append(f"<g{transform}>{body}</g>")
    out.append("</g>")
    return out


def _halo(size: float) -> str:
    """A white outline under the letters, so a label stays legible where it crosses a line of the drawing."""
    return f' stroke="#fff" stroke-width="{size * 0.32:.1f}" stroke-linejoin="round" paint-order="stroke"'


def landmark_layer(view: View, names: list[str] | None = None, labelled: bool = False) -> list[str]:
    out = []
    for name, mark in view.record.landmarks.items():
        if not mark.drawn or (names is not None and name not in names):
            continue
        x, y = mark.at
        out.append(f'<circle cx="{x:g}" cy="{y:g}" r="2" fill="none" stroke="{FAINT}" stroke-width="1"/>')
        if labelled:
            out.append(
                f'<text x="{x + 5:g}" y="{y + 3:g}" font-size="8" fill="{MUTED}" {FONT}{_halo(8)}>'
                f"{escape(mark.label)}</text>"
            )
    return out


def figure_svg(
    view: View,
    marks: list[Mark],
    *,
    title: str,
    desc: str,
    ident: str,
    measures: list[tuple[tuple[float, float], tuple[float, float], str]] = (),
    course: list[tuple[float, float]] = (),
    landmarks: list[str] | None = None,
    label_landmarks: bool = False,
    label_size: float = 9.0,
    label_all: bool = True,
    window: tuple[float, float, float, float] | None = None,
    scale: float = 1.0,
) -> str:
    """One figure as inline SVG. ``ident`` makes the title/desc ids unique on the page; ``window``
    (x, y, width, height) shows part of the view, drawn ``scale`` times its size."""
    wx, wy, w, h = window or (0, 0, view.width, view.height)
    # A picture with links in it is a group, not an image: an image's content is hidden from assistive
    # technology, so its links could be focused but not announced (axe: nested-interactive).
    role = "group" if any(m.url for m in marks) else "img"
    out = [
        f'<svg viewBox="{wx:g} {wy:g} {w:g} {h:g}" width="{w * scale:.0f}" '
        f'height="{h * scale:.0f}" role="{role}" '
        f'aria-labelledby="{ident}-t {ident}-d" class="figure-svg" data-view="{view.name}">',
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>',
        f'<rect x="{wx:g}" y="{wy:g}" width="{w:g}" height="{h:g}" fill="#fff"/>',
        *_base(view),
        *landmark_layer(view, landmarks, label_landmarks),
    ]
    if len(course) > 1:
        points = " ".join(f"{x:g},{y:g}" for x, y in course)
        out.append(f'<polyline points="{points}" fill="none" stroke="{LINK}" stroke-width="1" stroke-opacity="0.45"/>')
    taken: list[Box] = []
    for start, end, text in measures:
        (x1, y1), (x2, y2) = start, end
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        vertical = abs(y2 - y1) >= abs(x2 - x1)
        tx, ty = (mx + 4, my + 3) if vertical else (mx - len(text) * 2.4, my - 4)
        if text:
            taken.append((tx, ty - 9, tx + len(text) * 9 * CHAR_W, ty + 2))
        words = f'<text x="{tx:g}" y="{ty:g}" font-size="9" fill="{ACCENT}" {FONT}{_halo(9)}>{escape(text)}</text>'
        out.append(
            f'<g class="measure"><line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{ACCENT}" '
            f'stroke-width="1" stroke-dasharray="3 2"/>{words if text else ""}</g>'
        )
    labelled = [m for m in marks if label_all or m.style != "faint" or m.label]
    # Measures' own labels are obstacles too, so point labels keep clear of "3 cun".
    boxes = place_labels(labelled, w, h, label_size, (wx, wy), taken)
    for mark in sorted(marks, key=lambda m: (m.style != "landmark", m.style == "highlight")):
        colour = {"highlight": ACCENT, "faint": FAINT, "landmark": FAINT}.get(mark.style, LINK)
        radius = 5 if mark.style == "highlight" else DOT_R
        if mark.style == "landmark":
            dot = f'<circle cx="{mark.x:g}" cy="{mark.y:g}" r="2.5" fill="#fff" stroke="{FAINT}" stroke-width="1"/>'
        else:
            dot = (
                f'<circle cx="{mark.x:g}" cy="{mark.y:g}" r="{radius}" fill="{colour}" stroke="#fff" stroke-width="1"/>'
            )
        label = ""
        if mark.code in boxes:
            (x0, y0, x1, y1), leader = boxes[mark.code]
            if leader:
                cx, cy = min(max(mark.x, x0), x1), min(max(mark.y, y0), y1)
                label += (
                    f'<line x1="{mark.x:g}" y1="{mark.y:g}" x2="{cx:.1f}" y2="{cy:.1f}" '
                    f'stroke="{FAINT}" stroke-width="0.6"/>'
                )
            weight = ' font-weight="700"' if mark.style == "highlight" else ""
            italic = ' font-style="italic"' if mark.style == "landmark" else ""
            fill = {"point": INK, "landmark": MUTED}.get(mark.style, colour)
            label += (
                f'<text class="figure-label" x="{x0 + 1:.1f}" y="{y1 - 2.5:.1f}" font-size="{label_size:g}"{weight} '
                f'fill="{fill}" {FONT}{italic}{_halo(label_size)}>'
                f"{escape(mark.label or mark.code)}</text>"
            )
        tip = f"<title>{escape(mark.title)}</title>" if mark.title else ""
        inner = f"{tip}{dot}{label}"
        if mark.url:
            out.append(f'<a href="{escape(mark.url)}">{inner}</a>')
        else:
            out.append(f"<g>{inner}</g>")
    out.append("</svg>")
    return "".join(out)
