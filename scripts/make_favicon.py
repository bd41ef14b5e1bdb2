"""Draw the site's icon, a white house on the site's blue, as familyguide/static/favicon.svg and favicon.ico.

Both files are committed; run this again only to change the icon. The ICO (for browsers that ask for
/favicon.ico on their own) holds 16, 32 and 48 pixel PNGs drawn with Pillow from the same shapes.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "familyguide" / "static"
BLUE = "#1d4f91"  # --brand in site.css
WHITE = "#ffffff"
SIZE = 32
ROOF = [(16, 4), (4, 15), (28, 15)]
WALLS = (8, 14, 24, 27)
DOOR = (14, 19, 18, 27)
CORNER = 6


def svg():
    roof = " ".join(f"{x},{y}" for x, y in ROOF)
    left, top, right, bottom = WALLS
    door_left, door_top, door_right, door_bottom = DOOR
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{BLUE}"/>'
        f'<polygon points="{roof}" fill="{WHITE}"/>'
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" fill="{WHITE}"/>'
        f'<rect x="{door_left}" y="{door_top}" width="{door_right - door_left}" height="{door_bottom - door_top}" '
        f'fill="{BLUE}"/></svg>\n'
    )


def png(size):
    scale = 8 * size // SIZE  # draw large, then shrink: smooth edges
    big = SIZE * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * scale, fill=BLUE)
    draw.polygon([(x * scale, y * scale) for x, y in ROOF], fill=WHITE)
    draw.rectangle(tuple(v * scale for v in WALLS), fill=WHITE)
    draw.rectangle(tuple(v * scale for v in DOOR), fill=BLUE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    png(48).save(STATIC / "favicon.ico", format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
