"""The Three Houses' pictures: drawn once in a static file the browser keeps (houses-pictures.svg), shown on
every child's screen by <use>, and the same drawings in the PDF."""

import re
import xml.etree.ElementTree as ET

import pymupdf
import pytest
from bs4 import BeautifulSoup

from familyguide.assets import manifest, static_url
from familyguide.houses.activity import HOUSES
from familyguide.houses.pictures import PICTURES, SPRITE, drawing_file, symbols

from .support.houses import BASE, add_picture, add_words, choose_face, redirected, share, start

SVG = "{http://www.w3.org/2000/svg}"


def sprite_url(app):
    with app.test_request_context():
        return static_url(SPRITE)


def sprite(app):
    with app.app_context():
        return manifest().get(SPRITE).data


def childs_screens(client):
    """Every screen the child sees, with a sticker, words and a face chosen."""
    token = start(client)
    add_words(client, token, "worries", "I miss my dog.")
    add_picture(client, token, "worries", "dog")
    assert redirected(choose_face(client, token, "4"))
    paths = [f"{BASE}/houses", f"{BASE}/feel-safe", f"{BASE}/read-back", f"{BASE}/things/t2"]
    paths += [f"{BASE}/houses/{house}" for house in HOUSES]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        yield path, BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_every_picture_on_the_childs_screens_is_drawn_from_the_one_cached_file(app, client):
    url = sprite_url(app)
    assert re.fullmatch(r"/static/houses-pictures\.[0-9a-f]{12}\.svg", url)
    served = client.get(url)
    assert served.status_code == 200 and served.mimetype == "image/svg+xml"
    assert "immutable" in served.headers["Cache-Control"]
    ids = {symbol.get("id") for symbol in ET.fromstring(served.data).iter(f"{SVG}symbol")}
    used = set()
    for path, page in childs_screens(client):
        for svg in page.select("main svg"):
            # Decorative, and nothing drawn in the page itself: the drawing is the file's.
            assert svg["aria-hidden"] == "true" and svg["focusable"] == "false", path
            assert [child.name for child in svg.find_all(True)] == ["use"], (path, svg)
            file, _, symbol = svg.use["href"].partition("#")
            assert file == url and symbol in ids, (path, svg)
            used.add(symbol)
    # The screens showed the stickers, the houses, the faces, the big choices, read-aloud and the colours.
    expected = {f"picture-{name}" for name in PICTURES} | {f"house-{house}" for house in HOUSES}
    expected |= {f"face-{level}" for level in "12345"} | {"pencil", "speech", "speaker", "swatch"}
    assert used == expected


def test_a_drawing_colour_is_the_colour_of_its_swatch(client):
    start(client)
    page = BeautifulSoup(client.get(f"{BASE}/houses/dreams").get_data(as_text=True), "html.parser")
    swatches = {b["data-colour"]: b.select_one("use")["fill"] for b in page.select("button.colour")}
    assert len(swatches) == 6 and all(colour == fill for colour, fill in swatches.items())


def test_the_picture_file_is_plain_drawing_only(app):
    """No script, no link out, no style="" (the CSP) and every symbol sized by its viewBox."""
    root = ET.fromstring(sprite(app))
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag in {"svg", "symbol", "g", "path", "circle", "ellipse"}, tag
        assert "style" not in element.attrib and not any("href" in name for name in element.attrib), tag
    for symbol in root.iter(f"{SVG}symbol"):
        assert re.fullmatch(r"0 0 \d+ \d+", symbol.get("viewBox")), symbol.get("id")


@pytest.mark.parametrize("symbol_id", ["picture-dog", "face-1", "house-dreams"])
def test_the_pdf_takes_a_picture_as_a_file_of_its_own_with_the_same_drawing(app, symbol_id):
    with app.app_context():
        data = drawing_file(symbol_id, 34)
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg" and (root.get("width"), root.get("height")) == ("34", "34")
    view_box, drawing = symbols(sprite(app))[symbol_id]
    assert root.get("viewBox") == view_box and data.decode().endswith(f"{drawing}</svg>")
    assert len(root) >= 1


def colour_in_pdf(data, rgb, tolerance=3):
    """Whether any pixel of the PDF, drawn at 2x, is ``rgb`` (give or take the renderer's colour rounding)."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        colours = set()
        for page in document:
            colours |= set(page.get_pixmap(matrix=pymupdf.Matrix(2, 2), alpha=False).color_count(colors=True))
    return any(all(abs(colour[c] - rgb[c]) <= tolerance for c in range(3)) for colour in colours)


DOG_BROWN = (0xB0, 0x7A, 0x4A)
QUITE_SAFE_GREEN = (0xC5, 0xE1, 0xA5)


def test_the_pdf_draws_the_sticker_and_the_face_the_child_chose(client):
    token = start(client)
    before = client.get(f"{BASE}/three-houses.pdf").data
    assert not colour_in_pdf(before, DOG_BROWN) and not colour_in_pdf(before, QUITE_SAFE_GREEN)
    add_picture(client, token, "good-things", "dog")
    assert redirected(choose_face(client, token, "4"))
    share(client, token, {"t1": "yes"})
    after = client.get(f"{BASE}/three-houses.pdf").data
    assert colour_in_pdf(after, DOG_BROWN) and colour_in_pdf(after, QUITE_SAFE_GREEN)
