"""Draw the fixture's media with Pillow (nothing downloaded): a picture of a treatment room and a one-page PDF.

python bench/wordpress/fixture_media.py DIR
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    room = Image.new("RGB", (640, 400), "#dfe9e4")
    draw = ImageDraw.Draw(room)
    draw.rectangle((0, 300, 640, 400), fill="#c9b9a3")  # floor
    draw.rectangle((420, 40, 600, 200), fill="#cfe3f0", outline="#8a9ba8", width=6)  # window
    draw.rectangle((120, 240, 520, 280), fill="#f4efe6", outline="#b8ae9f", width=3)  # couch
    for x in (140, 480):
        draw.rectangle((x, 280, x + 20, 360), fill="#6b5844")
    room.save(folder / "treatment-room.png", optimize=True)

    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    draw.text((60, 80), "Fee schedule", fill="black")
    draw.text((60, 120), "First visit (60 minutes): 95", fill="black")
    draw.text((60, 140), "Follow-up (45 minutes): 75", fill="black")
    page.save(folder / "fees.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
