#!/usr/bin/env python3
"""Draws the app icons once; the PNGs are committed and embedded with
include_bytes! (nothing runs this at build time).

    python3 scripts/icons.py   # needs Pillow (pip install pillow)

The mark: an open ring, not quite closed on purpose, in the page colour on the
accent colour. "any" icons have rounded corners; "maskable" ones fill the
square, with the ring inside the central 80% safe zone.
"""

import math
import pathlib

from PIL import Image, ImageDraw

ACCENT = (0x1F, 0x5F, 0x8B, 255)
PAPER = (0xFB, 0xFA, 0xF7, 255)
OUT = pathlib.Path(__file__).resolve().parent.parent / "crates/goodenough-web/assets/icons"
SCALE = 4  # drawn larger, then scaled down, for smooth edges


def draw(size: int, maskable: bool) -> Image.Image:
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 100  # one unit of the 100×100 design grid
    if maskable:
        d.rectangle([0, 0, s, s], fill=ACCENT)
    else:
        d.rounded_rectangle([0, 0, s - 1, s - 1], radius=22 * u, fill=ACCENT)
    r, w = 26 * u, 11 * u
    c = s / 2
    start, end = -20, 290  # degrees, clockwise from three o'clock
    d.arc([c - r - w / 2, c - r - w / 2, c + r + w / 2, c + r + w / 2], start, end, fill=PAPER, width=round(w))
    for a in (start, end):  # round ends
        x = c + (r) * math.cos(math.radians(a))
        y = c + (r) * math.sin(math.radians(a))
        d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=PAPER)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, False).save(OUT / f"icon-{size}.png", optimize=True)
        draw(size, True).save(OUT / f"icon-maskable-{size}.png", optimize=True)
    sizes = [(16, 16), (32, 32), (48, 48)]
    draw(48, False).save(OUT / "favicon.ico", sizes=sizes)


if __name__ == "__main__":
    main()
