"""Checking a drawing that arrives as a PNG, and keeping only its pixels.

The checks run from the cheapest to the dearest: the size in bytes, the PNG signature, the width and
height written in the header (before anything is decompressed, so a small file that would unpack to a
huge image is refused unopened), then every chunk's checksum, then a full decode by Pillow. The drawing
is then painted onto white and saved again as a new PNG, so no chunk of the original file (text, colour
profiles, anything hidden) is kept.
"""

import io
import struct

from PIL import Image

MAX_BYTES = 500 * 1024
MAX_SIDE = 1000
PRINT_SIDE = 600
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class DrawingRejected(ValueError):
    """The upload is not a drawing we can keep; ``reason`` says why, for the message."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def header_size(data):
    """The width and height in a PNG's IHDR chunk, read without decompressing anything."""
    if not data.startswith(PNG_SIGNATURE):
        raise DrawingRejected("not_png")
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise DrawingRejected("broken")
    return struct.unpack(">II", data[16:24])


def _decode(data):
    # verify() walks every chunk and its checksum to the end: a cut-off file fails here even though
    # WeasyPrint switches on Pillow's global LOAD_TRUNCATED_IMAGES, which would let load() pad it out.
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            image.verify()
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            image.load()
            return image.copy()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise DrawingRejected("broken") from error


def _on_white(image):
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def print_copy(png):
    """A smaller JPEG of a clean drawing for the PDF, made once when the drawing is saved: WeasyPrint
    embeds a JPEG as it is, where it would decode and compress a PNG again on every PDF it builds."""
    with Image.open(io.BytesIO(png)) as image:
        image.thumbnail((PRINT_SIDE, PRINT_SIDE))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=88)
    return out.getvalue()


def clean_png(data):
    """Check an uploaded drawing and return a fresh PNG of its pixels, or raise DrawingRejected."""
    if not data:
        raise DrawingRejected("missing")
    if len(data) > MAX_BYTES:
        raise DrawingRejected("too_big")
    width, height = header_size(data)
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise DrawingRejected("too_many_pixels")
    image = _on_white(_decode(data))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    cleaned = out.getvalue()
    if len(cleaned) > MAX_BYTES:
        raise DrawingRejected("too_big")
    return cleaned
