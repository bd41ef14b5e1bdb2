"""familyguide/pdf: the one PDF seam. Images come only from what the caller hands over, fonts only from the
app's own folders, and nothing from the network; each document's stylesheet is applied."""

import io
import re
from urllib.parse import unquote

import pymupdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from familyguide.pdf import html_to_pdf, text_direction
from familyguide.pdf.download import attachment


def png(colour):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def image_count(data):
    return sum(len(page.get_images()) for page in pymupdf.open(stream=data, filetype="pdf"))


def page_text(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return "".join(page.get_text() for page in document)


def test_an_image_handed_over_by_name_is_drawn():
    html = '<p>Before <img src="image:red.png" alt="A red square"> after</p>'
    data = html_to_pdf(html, images={"red.png": png("red")})
    assert image_count(data) == 1
    assert "Before" in page_text(data) and "after" in page_text(data)


def test_an_image_not_handed_over_is_left_out_and_the_rest_still_builds():
    data = html_to_pdf('<p>Still here <img src="image:missing.png" alt=""></p>', images={"red.png": png("red")})
    assert image_count(data) == 0
    assert "Still here" in page_text(data)


def test_nothing_is_fetched_from_the_network_or_from_outside_the_apps_folders(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png("blue"))
    html = (
        f'<p>Text <img src="{outside.as_uri()}" alt=""><img src="http://127.0.0.1:9/x.png" alt="">'
        '<img src="https://example.org/x.png" alt=""></p>'
    )
    data = html_to_pdf(html)
    assert image_count(data) == 0
    assert "Text" in page_text(data)


def test_the_named_stylesheet_is_applied():
    landscape = html_to_pdf("<p>The Three Houses</p>", stylesheet="three_houses.css")
    portrait = html_to_pdf("<p>My views</p>", stylesheet="prepare_views.css")
    sizes = [PdfReader(io.BytesIO(data)).pages[0].mediabox for data in (landscape, portrait)]
    assert [(round(float(box.width)), round(float(box.height))) for box in sizes] == [(842, 595), (595, 842)]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("My children are happy", "ltr"),
        ("Boję się", "ltr"),
        ("میرے بچے خوش ہیں", "rtl"),
        ("أخاف من الظلام", "rtl"),
        ("3 بچے", "rtl"),
        ("123 أخاف", "rtl"),
        ("আমি ভয় পাই", "ltr"),
        ("", "ltr"),
    ],
)
def test_text_direction_follows_the_first_strong_character(text, direction):
    assert text_direction(text) == direction


@given(st.text(min_size=1, max_size=60))
def test_a_download_s_name_reaches_every_browser_whole_or_in_plain_letters(name):
    """Initials in Urdu or Bengali: modern browsers get the name itself; older ones a plain one, never with an
    empty part ("views--2026-12-06.pdf") or a character that breaks the header."""
    file_name = f"views-{name}-2026-12-06.pdf"
    header = attachment(file_name)
    plain, _, encoded = header.removeprefix("attachment; filename=").partition("; filename*=UTF-8''")
    assert unquote(encoded) == file_name
    assert re.fullmatch(r"[A-Za-z0-9._-]+", plain) and "--" not in plain and plain.endswith("2026-12-06.pdf")
