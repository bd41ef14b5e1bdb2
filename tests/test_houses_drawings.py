"""Drawings arrive as PNGs: only real, small ones are kept, re-encoded so only their pixels remain."""

import base64
import io
import random
import re
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from familyguide.houses import drawings

from .support.houses import BASE, add_drawing, add_words, drawing_png, redirected, start, stored
from .support.pagecheck import text_of


def png_claiming_size(width, height):
    """A tiny file whose header claims a huge image (a decompression bomb's first bytes)."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        drawings.PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def palette_noise(side):
    """Random colours from a palette: small as a file, but three times bigger once saved again as RGB."""
    image = Image.frombytes("P", (side, side), random.Random(5).randbytes(side * side))
    image.putpalette(bytes(range(256)) * 3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_drawing_is_painted_on_white_and_its_metadata_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ola Kowalska, 12 Secret Street")
    original = drawing_png(pnginfo=info)
    cleaned = drawings.clean_png(original)
    assert b"Secret Street" in original and b"Secret Street" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "PNG" and image.mode == "RGB" and image.size == (400, 300)
        assert image.getpixel((200, 5)) == (255, 255, 255)  # transparent became white
        assert image.getpixel((200, 150)) == (255, 0, 0)  # the red stroke is still there


def test_the_pdf_copy_of_a_big_drawing_is_a_smaller_jpeg():
    big = drawings.clean_png(drawing_png(size=(1000, 750)))
    with Image.open(io.BytesIO(drawings.print_copy(big))) as copy:
        assert copy.format == "JPEG" and copy.size == (drawings.PRINT_SIDE, 450)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "missing"),
        (b"GIF89a not a png at all", "not_png"),
        (b"%PDF-1.7", "not_png"),
        (drawing_png()[:300], "broken"),
        (drawing_png()[:-14], "broken"),
        (drawings.PNG_SIGNATURE + b"\0\0\0\rIHDX" + b"\0" * 20, "broken"),
        (png_claiming_size(100_000, 100_000), "too_many_pixels"),
        (png_claiming_size(1001, 10), "too_many_pixels"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (drawings.MAX_BYTES + 1), "too_big"),
    ],
)
def test_bad_uploads_are_rejected_with_their_reason(data, reason):
    with pytest.raises(drawings.DrawingRejected) as rejected:
        drawings.clean_png(data)
    assert rejected.value.reason == reason


def test_a_file_that_would_grow_too_big_when_saved_again_is_rejected():
    data = palette_noise(650)
    assert len(data) <= drawings.MAX_BYTES
    with pytest.raises(drawings.DrawingRejected) as rejected:
        drawings.clean_png(data)
    assert rejected.value.reason == "too_big"


BAD_UPLOADS = {
    "not an image": (b"Hello, this is text", "This is not a drawing we can use. Only PNG pictures work."),
    "truncated": (drawing_png()[:200], "This drawing is broken. Please draw it again."),
    "huge dimensions": (png_claiming_size(50_000, 50_000), "This drawing is too large. It can be up to 1000 by 1000"),
    "huge file": (b"\x89PNG\r\n\x1a\n" + bytes(600 * 1024), "This drawing is too big. It can be up to 500 KB."),
    "over the site limit": (b"\x89PNG\r\n\x1a\n" + bytes(5 * 1024 * 1024), "This drawing is too big."),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_a_bad_drawing_gets_a_clear_message_and_the_rest_is_kept(app, client, case):
    data, message = BAD_UPLOADS[case]
    token = start(client)
    add_words(client, token, "dreams", "A dog called Max")
    response = add_drawing(client, token, "dreams", data)
    page = text_of(response.data)
    assert response.status_code in (400, 413)
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in response.get_data(as_text=True)
    assert "A dog called Max" in page
    activity = stored(app, client)
    assert [t["kind"] for t in activity["things"]] == ["words"]


def test_a_good_drawing_is_kept_and_served_back_privately(app, client):
    token = start(client)
    response = add_drawing(client, token, "good-things", drawing_png())
    assert redirected(response)
    thing = stored(app, client)["things"][0]
    assert (thing["house"], thing["kind"], thing["by"]) == ("good-things", "drawing", "child")
    with Image.open(io.BytesIO(base64.b64decode(thing["jpeg"]))) as for_the_pdf:
        assert for_the_pdf.format == "JPEG" and for_the_pdf.size == (400, 300)  # already small: kept as it is
    image = client.get(f"{BASE}/things/{thing['id']}/drawing.png")
    assert image.mimetype == "image/png" and image.headers["Cache-Control"] == "no-store"
    assert Image.open(io.BytesIO(image.data)).size == (400, 300)
    page = client.get(f"{BASE}/houses/good-things").get_data(as_text=True)
    assert f'src="{BASE}/things/{thing["id"]}/drawing.png"' in page


def test_a_house_takes_only_so_many_drawings(app, client):
    token = start(client)
    for _ in range(4):
        assert redirected(add_drawing(client, token, "dreams", drawing_png()))
    response = add_drawing(client, token, "dreams", drawing_png())
    assert response.status_code == 400
    assert "This house has 4 drawings. Take one out to add another." in text_of(response.data)
    assert len(stored(app, client)["things"]) == 4


def test_a_drawing_can_be_drawn_again(app, client):
    token = start(client)
    add_drawing(client, token, "dreams", drawing_png(colour="red"))
    thing_id = stored(app, client)["things"][0]["id"]
    response = add_drawing(client, token, "dreams", drawing_png(colour="blue"), path=f"{BASE}/things/{thing_id}")
    assert redirected(response)
    image = Image.open(io.BytesIO(client.get(f"{BASE}/things/{thing_id}/drawing.png").data))
    assert image.getpixel((200, 150)) == (0, 0, 255)
    bad = add_drawing(client, token, "dreams", b"nope", path=f"{BASE}/things/{thing_id}")
    assert bad.status_code == 400 and "Only PNG pictures work." in text_of(bad.data)
    huge = add_drawing(client, token, "dreams", BAD_UPLOADS["over the site limit"][0], path=f"{BASE}/things/{thing_id}")
    assert huge.status_code == 413 and "This drawing is too big." in text_of(huge.data)
    assert "Change this" in text_of(huge.data)


@pytest.mark.parametrize("back", ["", "read-back"])
def test_the_drawing_pad_lands_where_the_redirect_does(app, client, back):
    """The pad's script sends the drawing itself and then goes to the page the site redirected to; a fetch
    cannot see the redirect's anchor, so the pad names it (data-landing): the same one, for adding and for
    drawing again from the house or from the read-back."""
    token = start(client)
    house_page = client.get(f"{BASE}/houses/dreams").get_data(as_text=True)
    added = add_drawing(client.raw, token, "dreams", drawing_png(colour="red"), follow_redirects=False)
    assert added.headers["Location"].endswith("#" + landing_of(house_page))
    thing_id = stored(app, client)["things"][0]["id"]
    query = f"?back={back}" if back else ""
    change_page = client.get(f"{BASE}/things/{thing_id}{query}").get_data(as_text=True)
    path = f"{BASE}/things/{thing_id}{query}"
    changed = add_drawing(client.raw, token, "dreams", drawing_png(colour="blue"), path=path, follow_redirects=False)
    assert changed.headers["Location"].endswith("#" + landing_of(change_page))
    assert landing_of(change_page) == (f"thing-{thing_id}" if back else "things")


def landing_of(page):
    return re.search(r'data-landing="([^"]+)"', page).group(1)
