"""Draw static/og-image.png, the picture a shared Tandem link shows (Open Graph, 1200×630).

    .venv/bin/python tools/og_image.py     (Pillow and the DejaVu fonts; run again after a brand change)

Its few words are in Dutch and French alike: the page's own og:title and og:description say what it is.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
BRAND, ACCENT, PAPER = "#0b4f6c", "#b3541e", "#ffffff"  # static/css/tandem.css: --brand, --accent, --paper


def draw():
    image = Image.new("RGB", (1200, 630), BRAND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 560, 1200, 630), fill=ACCENT)
    pen.text((96, 170), "⟷ Tandem", font=ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 132), fill=PAPER)
    pen.text((100, 360), "art. 60§7 · Brussel · Bruxelles", font=ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 52),
             fill=PAPER)
    image.save(ROOT / "static" / "og-image.png", optimize=True)


if __name__ == "__main__":
    draw()
