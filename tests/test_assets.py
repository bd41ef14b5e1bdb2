"""Static files under hashed names, kept by browsers for a year; family pages never kept; the site icon."""

import io
import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from familyguide import create_app, pages
from familyguide.assets import IMMUTABLE, hashed_name, unhashed_name

from .support.pages import asset_path, sitemap_paths

ASSET_LINK = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def static_links(html):
    return ASSET_LINK.findall(html)


def test_every_static_file_a_page_links_to_has_a_hashed_name_and_is_kept_for_a_year(client):
    seen = set()
    for path in ["/en/", "/ar/", "/bn/guide/who-will-be-there", "/en/prepare/", "/en/three-houses/"]:
        page = client.get(path)
        assert page.headers["Cache-Control"] == "no-store"
        seen.update(static_links(page.get_data(as_text=True)))
    for link in seen:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg|woff2)$", link), link
        with client.raw.get(link) as response:
            assert response.status_code == 200, link
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert any("/fonts/bn." in link for link in seen) and any("/prepare." in link for link in seen)


def test_a_font_linked_from_a_stylesheet_has_a_hashed_name_too(app, client):
    css_path = asset_path(app, "fonts/bn.css")
    with client.raw.get(css_path) as response:
        css = response.get_data(as_text=True)
    font_name = re.search(r'url\("([^"]+)"\)', css).group(1)
    assert re.fullmatch(r"bn\.[0-9a-f]{12}\.woff2", font_name)
    with client.raw.get(css_path.rpartition("/")[0] + "/" + font_name) as font:
        assert font.status_code == 200 and font.data[:4] == b"wOF2"
        assert font.headers["Cache-Control"] == IMMUTABLE and font.mimetype == "font/woff2"


def test_an_old_or_missing_hash_is_sent_to_the_current_file_and_never_kept(app, client):
    current = asset_path(app, "site.css")
    for old in ["/static/site.css", "/static/site.0123456789ab.css"]:
        response = client.raw.get(old)
        assert response.status_code == 302 and response.headers["Location"] == current
        assert "immutable" not in response.headers["Cache-Control"]
        assert "max-age" not in response.headers["Cache-Control"]


def test_an_unknown_static_file_is_not_found_and_not_kept(client):
    for path in ["/static/nothing.css", "/static/nothing.0123456789ab.css", "/static/../familyguide/config.py"]:
        response = client.raw.get(path)
        assert response.status_code == 404, path
        assert "immutable" not in response.headers.get("Cache-Control", "")


def _app_with_static(tmp_path, files):
    folder = tmp_path / "static"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return create_app(
        {
            "TESTING": True,
            "STATIC_DIR": str(folder),
            "SERVER_NAME": "localhost",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'static.sqlite3'}",
        }
    )


def test_a_changed_file_gets_a_new_name_and_the_old_name_leads_to_the_new_file(tmp_path):
    files = {
        "site.css": b"body { color: black }",
        "fonts/x.css": b'@font-face{src:url("x.woff2")}',
        "fonts/x.woff2": b"wOF2 first",
    }
    before = _app_with_static(tmp_path, files)
    old_css, old_font_css = asset_path(before, "site.css"), asset_path(before, "fonts/x.css")

    files.update({"site.css": b"body { color: navy }", "fonts/x.woff2": b"wOF2 second"})
    after = _app_with_static(tmp_path, files)  # a deploy: the app starts again with the new files
    new_css, new_font_css = asset_path(after, "site.css"), asset_path(after, "fonts/x.css")

    assert new_css != old_css
    assert new_font_css != old_font_css, "a stylesheet whose font changed must change its name"
    client = after.test_client()
    assert client.get(new_css).data == b"body { color: navy }"
    stale = client.get(old_css)
    assert stale.status_code == 302 and stale.headers["Location"].endswith(new_css)
    assert "immutable" not in stale.headers["Cache-Control"]
    new_font = re.search(r'url\("([^"]+)"\)', client.get(new_font_css).get_data(as_text=True)).group(1)
    assert client.get(f"/static/fonts/{new_font}").data == b"wOF2 second"


def test_an_unchanged_file_keeps_its_name_across_restarts(tmp_path):
    files = {"site.css": b"body { color: black }"}
    assert asset_path(_app_with_static(tmp_path, files), "site.css") == asset_path(
        _app_with_static(tmp_path, files), "site.css"
    )


segment = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]), min_size=1).filter(
    lambda text: text not in (".", "..")
)


@given(st.lists(segment, min_size=1, max_size=3).map("/".join), st.binary(max_size=64))
def test_the_plain_name_is_found_again_from_any_hashed_name(name, data):
    hashed = hashed_name(name, data)
    assert hashed != name
    assert unhashed_name(hashed) == name


@given(st.binary(max_size=64), st.binary(max_size=64))
def test_different_content_gives_a_different_name(first, second):
    assert (hashed_name("site.css", first) == hashed_name("site.css", second)) == (first == second)


def test_every_page_names_the_site_icon_and_favicon_ico_is_a_real_icon(app, client):
    for path in ["/en/", "/ar/guide/who-will-be-there", "/en/no-such-page"]:
        icon = BeautifulSoup(client.raw.get(path).data, "html.parser").find("link", rel="icon")
        assert icon["href"] == asset_path(app, "favicon.svg") and icon["type"] == "image/svg+xml"
    svg = client.raw.get(asset_path(app, "favicon.svg"))
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    response = client.raw.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/x-icon"
    assert "immutable" not in response.headers["Cache-Control"]
    assert Image.open(io.BytesIO(response.data)).format == "ICO"


def test_every_page_describes_itself_for_search_results(app, client):
    descriptions = {}
    for path in sitemap_paths(client):
        tags = BeautifulSoup(client.get(path).data, "html.parser").find_all("meta", attrs={"name": "description"})
        assert len(tags) == 1, path
        descriptions[path] = tags[0]["content"].strip()
        assert len(descriptions[path]) >= 20, (path, descriptions[path])
    with app.app_context():
        guide_page = pages.library().page("en", pages.GUIDE, "who-will-be-there")
    assert descriptions["/en/guide/who-will-be-there"] == guide_page.summary
    assert descriptions["/ar/guide/who-will-be-there"] != descriptions["/en/guide/who-will-be-there"]
    assert descriptions["/en/key-dates/"] != descriptions["/en/"]


def test_a_page_that_needs_a_web_font_asks_for_it_at_once_and_english_needs_none(app, client):
    """Fetching the font with the stylesheets, not after, keeps Arabic text from jumping when it arrives."""
    arabic = BeautifulSoup(client.get("/ar/").data, "html.parser")
    preload = arabic.find("link", rel="preload")
    assert preload["href"] == asset_path(app, "fonts/ar.woff2") and preload["as"] == "font"
    assert preload.has_attr("crossorigin")
    stylesheet = client.raw.get(asset_path(app, "fonts/ar.css")).get_data(as_text=True)
    assert f'url("{preload["href"].rpartition("/")[2]}")' in stylesheet
    assert BeautifulSoup(client.get("/en/").data, "html.parser").find("link", rel="preload") is None


STATIC = Path(__file__).resolve().parents[1] / "familyguide" / "static"
FIXED_SIZE = re.compile(r"\d(?:px|pt|pc|cm|mm|in|Q)\b")


def fixed_font_sizes(css):
    """Each font size in ``css`` for the screen given in a fixed unit (px, pt, ...), which a reader's own larger
    text size in their browser does not change; a print style sheet's are for paper, not readers."""
    screen = _without_print_rules(re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    sizes = re.findall(r"font-size\s*:\s*([^;}]+)", screen) + re.findall(r"\bfont\s*:\s*([^;}]+)", screen)
    return [size.strip() for size in sizes if FIXED_SIZE.search(size)]


def _without_print_rules(css):
    while (start := css.find("@media print")) != -1:
        depth, opening = 0, css.index("{", start)
        for end in range(opening, len(css)):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            if depth == 0:
                break
        css = css[:start] + css[end + 1 :]
    return css


def test_every_font_size_follows_the_readers_own_text_size():
    """WCAG 1.4.4 (Resize Text): someone who sets larger text in their browser gets it on every page, staff pages
    too. A size in px would stay the same."""
    assert {path.name: fixed_font_sizes(path.read_text()) for path in STATIC.glob("*.css")} == {
        path.name: [] for path in STATIC.glob("*.css")
    }


def test_a_fixed_font_size_is_found_but_not_in_a_print_style_sheet():
    css = """.a { font-size: 1.2rem; } .b { font: 700 18px/1.5 sans-serif; } /* font-size: 9px */
             @media print { body { font-size: 12pt; } .c { color: red; } } .d { font-size: 14px }"""
    assert sorted(fixed_font_sizes(css)) == ["14px", "700 18px/1.5 sans-serif"]
