"""Illustrations the demo draws for itself (Pillow): a calm landscape for the hero and simple portraits.

Nothing is downloaded. Each drawing is made at twice its size and scaled down, which smooths the edges.
They are uploaded as ordinary Wagtail images, so the site serves AVIF/WebP renditions of them like any
photo a clinic would upload.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

SAND = (246, 241, 232)
TEAL = (11, 93, 85)
SAGE = (143, 181, 160)
MIST = (214, 229, 220)
SUN = (241, 196, 120)


def _png(image: Image.Image, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    image.resize(size, Image.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def _mix(a, b, t: float):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def landscape(width: int = 1200, height: int = 900) -> bytes:
    """Rolling hills under a low sun, with a sprig of leaves in the foreground."""
    w, h = width * 2, height * 2
    image = Image.new("RGB", (w, h), SAND)
    draw = ImageDraw.Draw(image)
    for y in range(h // 2):  # a soft sky, warmer towards the horizon
        draw.line([(0, y), (w, y)], fill=_mix((232, 240, 236), SAND, y / (h / 2)))
    draw.ellipse([w * 0.58, h * 0.16, w * 0.82, h * 0.16 + w * 0.24], fill=SUN)
    for i, (base, colour) in enumerate([(0.52, MIST), (0.62, SAGE), (0.74, (74, 140, 120)), (0.86, TEAL)]):
        points = [(0, h)]
        for x in range(0, w + 20, 20):
            wave = math.sin(x / w * math.pi * (1.4 + i * 0.35) + i) * h * 0.05
            points.append((x, h * base + wave))
        points.append((w, h))
        draw.polygon(points, fill=colour)
    # A leaf sprig: a curved stem with paired leaves.
    stem = [(w * 0.12 + t * w * 0.22, h * 0.98 - t * h * 0.55 - math.sin(t * math.pi) * h * 0.06) for t in
            [i / 40 for i in range(41)]]  # fmt: skip
    draw.line(stem, fill=(28, 64, 58), width=10)
    for k in range(6, 40, 6):
        x, y = stem[k]
        for side in (-1, 1):
            cx, cy = x + side * w * 0.045, y - h * 0.02
            draw.ellipse([cx - w * 0.04, cy - h * 0.022, cx + w * 0.04, cy + h * 0.022], fill=(52, 120, 96))
    return _png(image, (width, height))


def portrait(background, skin, hair, shirt, *, long_hair: bool = False, size: int = 480) -> bytes:
    """A friendly head-and-shoulders figure on a flat colour: a stand-in for a staff photo."""
    s = size * 2
    image = Image.new("RGB", (s, s), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([s * 0.1, s * 0.1, s * 0.9, s * 0.9], fill=_mix(background, (255, 255, 255), 0.35))
    if long_hair:
        draw.rounded_rectangle([s * 0.3, s * 0.22, s * 0.7, s * 0.72], radius=s * 0.18, fill=hair)
    draw.ellipse([s * 0.16, s * 0.66, s * 0.84, s * 1.3], fill=shirt)  # shoulders
    draw.rectangle([s * 0.45, s * 0.55, s * 0.55, s * 0.7], fill=skin)  # neck
    draw.ellipse([s * 0.33, s * 0.26, s * 0.67, s * 0.64], fill=skin)  # face
    draw.chord([s * 0.32, s * 0.22, s * 0.68, s * 0.56], start=180, end=360, fill=hair)  # hair
    draw.polygon([(s * 0.44, s * 0.7), (s * 0.5, s * 0.8), (s * 0.56, s * 0.7)], fill=(250, 250, 248))  # collar
    return _png(image, (size, size))
