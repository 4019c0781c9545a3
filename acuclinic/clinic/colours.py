"""Pure colour arithmetic for the clinic's accent colour: parsing and WCAG 2.x contrast.

The accent is the background of every button and the header's Book Online, always with white text,
so the only question the admin needs answered is "is white text on this colour readable?".
"""

from __future__ import annotations

import re

HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = (255, 255, 255)
AA_NORMAL_TEXT = 4.5  # WCAG 2.2 success criterion 1.4.3, text under 18 pt (or 14 pt bold)


def parse_hex(value: str) -> tuple[int, int, int]:
    """``"#0b5d55"``, ``"0B5D55"`` or ``"#0b5"`` as an (r, g, b) tuple; ``ValueError`` for anything else."""
    match = HEX.match((value or "").strip())
    if not match:
        raise ValueError(f"not a hex colour: {value!r}")
    digits = match[1]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def normalise_hex(value: str) -> str:
    """The colour as ``#rrggbb`` in lower case."""
    return "#{:02x}{:02x}{:02x}".format(*parse_hex(value))


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio between two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darken(rgb: tuple[int, int, int], factor: float = 0.75) -> tuple[int, int, int]:
    """The colour scaled towards black: the hover shade of a button (always more contrast, never less)."""
    return tuple(round(c * factor) for c in rgb)  # type: ignore[return-value]
